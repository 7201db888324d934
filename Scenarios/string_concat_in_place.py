# When does s += t grow s in place? Each line prints, per append, whether
# id(s) stayed the same. 3.8-3.10: the eval loop unbinds the variable the
# result is stored into (local, cell or module/class name, not a `global`
# one), so the string has one reference and PyUnicode_Append reallocs it;
# a temporary (a + b + c) grows in place too. 3.11+: only the specialised
# BINARY_OP_INPLACE_ADD_UNICODE does it, for locals: 3.11 after 8 calls or
# loop back edges of the function, 3.12+ from the second execution of the
# instruction. id() still changes when realloc moves to a bigger size class.


def for_loop(n):
    s = "x" * n
    kept = []
    for i in range(12):
        last = id(s)
        s += "y"
        kept.append(int(id(s) == last))
    return kept


def while_loop(n):
    s = "x" * n
    kept = []
    while len(s) < n + 12:
        last = id(s)
        s = s + "y"
        kept.append(int(id(s) == last))
    return kept


def once(n):
    s = "x" * n
    last = id(s)
    s += "y"
    return int(id(s) == last)


def in_cell(n):
    s = "x" * n

    def reader():
        return s

    kept = []
    for i in range(6):
        last = id(s)
        s += "y"
        kept.append(int(id(s) == last))
    return kept


def hashed(n):
    s = "x" * n
    kept = []
    for i in range(6):
        hash(s)
        last = id(s)
        s += "y"
        kept.append(int(id(s) == last))
    return kept


def same_line(n):
    s = "x" * n
    kept = []
    for i in range(6):
        last = id(s)
        s += "y"; t = s
        del t
        kept.append(int(id(s) == last))
    return kept


def kinds(n):
    s = "x" * n
    kept = []
    for i in range(4):
        last = id(s)
        s += "\xe9"
        kept.append(int(id(s) == last))
    return kept


def temporary(n):
    a = "x" * n
    kept = []
    for i in range(4):
        t = a + "b"
        first = id(t)
        del t
        u = a + "b" + "c"
        kept.append(int(id(u) == first))
    return kept


g = "x" * int("20")


def global_name():
    global g
    kept = []
    for i in range(4):
        last = id(g)
        g += "y"
        kept.append(int(id(g) == last))
    return kept


print("for loop, first call: ", for_loop(20))
print("for loop, second call:", for_loop(20))
print("while loop, s = s + t:", while_loop(20))
print("one append per call:  ", [once(20) for i in range(10)])
print("closure cell:         ", in_cell(20))
print("hashed first:         ", hashed(20))
print("store then load, one line:", same_line(20))
print("ascii += latin-1:     ", kinds(20))
print("temporary a + b + c:  ", temporary(20))
print("global statement:     ", global_name())
m = "x" * int("20")
kept = []
for i in range(4):
    last = id(m)
    m += "y"
    kept.append(int(id(m) == last))
print("module level:         ", kept)
e = ""
t = "abc" * int("3")
e += t
print("'' += t is t:", e is t, "t + '' is t:", t + "" is t)
