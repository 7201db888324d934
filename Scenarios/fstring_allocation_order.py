# f-strings: the result is allocated while its pieces are still alive.
#
# f"{x}!" formats x into a temporary str, then BUILD_STRING joins the
# pieces into a new str and only then drops them, last piece first. So the
# result never reuses a piece's block: it lands in another block, and the
# temporaries' blocks go back on their pool's free list, the first piece's
# block on top, ready for the next str of that size.
#
# `s + "!"` is different up to 3.10: when the left operand is a temporary
# that nobody else holds, CPython resizes it in place, so the result keeps
# the temporary's block. From 3.11 on the concatenation makes a new str.
#
# A str of 5 characters and one of 6 are both in the 48-byte size class, so
# they compete for the same blocks. Watch which block each result takes.
x = 12345
y = 67890
warm = [str(x + i) for i in range(200)]  # fill a pool, so frees are reused first


def freed_block():
    probe = str(x)
    address = id(probe)
    del probe
    return address  # now the head of the 48-byte free list


freed = freed_block()
s = f"{x}!"
print("f-string result reuses the freed block:", id(s) == freed)

freed = freed_block()
j = "".join([str(x), "!"])
print("join result reuses the freed block:", id(j) == freed)

freed = freed_block()
c = str(x) + "!"
print("concatenation result reuses the freed block:", id(c) == freed)

freed = freed_block()
p = "%d!" % x
print("%-format result reuses the freed block:", id(p) == freed)

# Two pieces in the same class: the first piece's block is freed last, so
# the next str of that size gets it.
first = str(x)
second = str(y)
first_block = id(first)
second_block = id(second)
del second
del first  # free list: first's block, then second's
joined = f"{x}{y}!"  # 11 characters: the 64-byte class
after = str(x)
print("next str takes the first piece's block:", id(after) == first_block)
print("next str takes the second piece's block:", id(after) == second_block)
