# Constant merging: all equal constants of one compiled file are a single object,
# across functions and the module level (unlike the REPL, which compiles each
# statement separately).
def f1():
    return 123456


def f2():
    return 123456


def g1():
    return "a string, not an identifier"


def g2():
    return "a string, not an identifier"


def h1():
    return (1, 2, "three")


def h2():
    return (1, 2, "three")


x = 123456
print("ints from two functions:", f1() is f2())
print("int at module level too:", f1() is x)
print("strings:", g1() is g2())
print("tuples of constants:", h1() is h2())
def k1():
    return 0.25


def k2():
    return 0.25


print("floats:", k1() is k2())
base = 123455
y = base + 1
print("a runtime sum is a new object:", y is x, y == x)
