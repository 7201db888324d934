SIZE = 400000  # bench: scale (items per pipeline)
# Bench: generators vs lists. The same three-stage pipeline (numbers, squares,
# filtered) once with list comprehensions, which materialise each stage, and
# once with generators, which hold one item at a time.


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def squares(source):
    for x in source:
        yield x * x


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


nums = [i for i in range(SIZE)]
sq = [x * x for x in nums]
ev = [x for x in sq if x % 2 == 0]
list_total = sum(ev)
nums = sq = ev = None
gen_total = sum(evens(squares(numbers(SIZE))))
pairs = list(zip(range(SIZE // 4), map(str, range(SIZE // 4))))
print("totals agree:", list_total == gen_total, "pairs:", len(pairs))
