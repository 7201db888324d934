# Building a string with += : when the string has no other reference CPython
# resizes it in place, so id(s) stays the same until the block is too small
# and realloc has to move it to a larger size class. 3.11+ only does this for
# local variables of a function, not for module globals.


def grow_local():
    s = "x" * 20
    moves = []
    last = id(s)
    while len(s) < 120:
        s += "y"
        if id(s) != last:
            moves.append(len(s))
            last = id(s)
    return moves


print("local: id changed at lengths", grow_local())
g = "x" * 20
moves = 0
last = id(g)
while len(g) < 120:
    g += "y"
    if id(g) != last:
        moves += 1
        last = id(g)
print("global: id changed", moves, "times in 100 appends")
t = "x" * 20
alias = t
t += "y"
print("with a second reference it is a new string:", t is not alias, len(alias), len(t))
parts = []
for i in range(5):
    parts.append(str(i))
print("join is the usual way:", "".join(parts), ",".join(parts))
