# The small-int cache: -5..256 exist once, so `is` is True for equal values
# computed at run time; outside the range each computation makes a new object.
def make(text):
    return int(text)


for text in ["-6", "-5", "0", "100", "256", "257", "1000"]:
    a = make(text)
    b = make(text)
    print(f"{text:>5}: a == b {a == b}, a is b {a is b}")
n = 250
same = []
while n < 260:
    same.append((n + 1) is (n + 1))
    n += 1
print("(n + 1) is (n + 1) for n = 250..259:", same)
one = 1
print("True + 0 is 1:", (True + 0) is one)
