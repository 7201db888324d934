# Which line a traceback names when the failing operation sits inside an
# expression spread over several lines.
#
# 3.8-3.10 give each instruction the first line of the innermost expression
# being compiled, so the frame's line is where `f(0)` or `d["c"]` starts, not
# where the statement starts; 3.10 numbers a method call by the line its
# method name is on. 3.11+ record a full position per instruction (PEP 657)
# and report the start line of the failing operation. Each probe prints the
# line numbers of its traceback entries (tb_lineno), outermost first.
def f(x):
    return 1 / x


class Box:
    def get(self, items):
        return items[3]


box = Box()
table = {"a": 1, "b": 2}


def lines_of(thunk):
    try:
        thunk()
    except Exception as exc:
        tb = exc.__traceback__
        found = []
        while tb is not None:
            found.append(tb.tb_lineno)
            tb = tb.tb_next
        return found


probes = [
    lambda: (1 +
             f(0)),
    lambda: (f(1) +
             f(0) +
             f(1)),
    lambda: {"a": 1,
             "b": 2}["c"],
    lambda: (table["a"]
             + table["c"]),
    lambda: [f(x) for x in
             [1, 0]],
    lambda: (box
             .get([1])),
    lambda: (box.
             get([1])),
    lambda: (box
             .get(items=[1])),
    lambda: box.get(
        [1]
    ).missing,
    lambda: (len([1])
             + undefined),
    lambda: f(*[
        0]),
    lambda: (1 if box is None else
             f(0)),
]
for probe in probes:
    print(lines_of(probe))


def report(totals):
    return ("total: " +
            str(totals["sum"] /
                totals["count"]))


print(report({"sum": 6, "count": 3}))
report({"sum": 6,
        "count": 0})
