# list.sort takes the items out of the list while it sorts.
#
# While a sort runs, the list looks empty: CPython moves the item array
# aside, leaves the list with no array and `allocated` set to -1, and puts
# the array back at the end. A key function (or a __lt__) that looks at the
# list sees []. If it makes the list grow an array, the sort ends with
# ValueError: list modified during sort, and the array the list grew is
# freed. Growing is what counts, not what is left: a list that grew an
# array and emptied it again (append then pop, append then clear) has
# `allocated` 0, not -1, so the sort still complains. Emptying operations on
# the array-less list (clear, del l[:], l *= 0, l[:] = []) change nothing.
#
# Watch the memory between the two _debugmallocstats calls (around the
# second round of attempts): the stray arrays come and go, and every sorted
# list ends with its original array, so no block is left behind.
import sys


TOUCHES = 8
outcomes = [None] * TOUCHES  # filled in place: no object outlives an attempt
lengths_seen = [None] * TOUCHES
sorted_back = [None] * TOUCHES


def attempt(number, touch):
    lst = [3, 1, 2]
    seen = []

    def key(x):
        seen.append(len(lst))
        touch(lst)
        return x

    try:
        lst.sort(key=key)
        outcomes[number] = "sorted"
    except ValueError as e:
        outcomes[number] = "ValueError" if str(e) == "list modified during sort" else "other error"
    lengths_seen[number] = max(seen)
    sorted_back[number] = lst == [1, 2, 3]


def nothing(lst):
    pass


def append_then_pop(lst):
    lst.append(1)
    lst.pop()


def append_then_clear(lst):
    lst.append(1)
    lst.clear()


def empty_operations(lst):
    lst.clear()
    del lst[:]
    lst *= 0
    lst[:] = []
    lst.extend([])


def insert_then_del(lst):
    lst.insert(0, 1)
    del lst[0]


def grow_by_slice_then_empty(lst):
    lst[:] = [1]
    lst[:] = []


def keep_what_was_grown(lst):
    if not lst:
        lst.append("stray")


def sort_it_again(lst):
    # A nested sort of the (empty) list saves and restores -1 itself.
    lst.sort()
    lst.reverse()


ALL_TOUCHES = [
    nothing,
    append_then_pop,
    append_then_clear,
    empty_operations,
    insert_then_del,
    grow_by_slice_then_empty,
    keep_what_was_grown,
    sort_it_again,
]


def attempt_all():
    for number in range(TOUCHES):
        attempt(number, ALL_TOUCHES[number])


attempt_all()  # a first round fills the free lists the second one reuses
sys._debugmallocstats()
attempt_all()
sys._debugmallocstats()
# Printed only now: text printed between the two reports would wait in
# sys.stdout's buffer as str objects, which the model does not keep.
for number in range(TOUCHES):
    name = ALL_TOUCHES[number].__name__
    print(name, outcomes[number], "list seen with", lengths_seen[number], "items; sorted:", sorted_back[number])

# sorted() copies first, so only the copy is emptied; the key cannot grow it.
data = [5, 4, 6]
print(sorted(data, key=lambda x: (len(data), x)))
