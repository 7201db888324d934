# A failing assert raises AssertionError with the given message; uncaught, it
# ends the script with exit status 1.
items = [3, 1, 2]
assert len(items) == 3, "three items"
print("first assert passed")
try:
    assert sorted(items) == items, "not sorted"
except AssertionError as e:
    print("caught:", e)
assert min(items) > 1, f"minimum is {min(items)}"
