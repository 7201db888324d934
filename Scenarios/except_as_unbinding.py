# `except E as e` deletes e at the end of the handler (to break the
# exception -> traceback -> frame -> e cycle), even if e existed before.
e = "before"
try:
    1 / 0
except ZeroDivisionError as e:
    print("inside:", type(e).__name__, e)
try:
    print(e)
except NameError as err:
    print("after the handler:", err)
saved = None
try:
    {}["missing"]
except KeyError as e:
    saved = e
print("a copy survives:", repr(saved), saved.args)
try:
    [][3]
except IndexError as e:
    msg = str(e)
print("message kept in a str:", msg)
