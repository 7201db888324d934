# Where a 3.11+ traceback points (PEP 657): under each source line, `^` marks
# the expression that raised and `~` the rest of the binary operation,
# subscript or call around it. Three exceptions raised while handling each
# other print three tracebacks: a division by zero between two subscripts,
# a missing attribute inside a larger expression, and calling an int with
# arguments spread over several lines (3.11/3.12 underline the first line
# only; 3.13 shows every line of the call). Before 3.11 there are no carets.
class Account:
    def __init__(self, owner):
        self.owner = owner


def ratio(totals, key):
    return totals["sum"] / totals[key]


def describe(account):
    return "owner " + account.owner.upper() + account.nickname


try:
    ratio({"sum": 10, "n": 0}, "n")
except ZeroDivisionError:
    try:
        describe(Account("ada"))
    except AttributeError:
        handler = len([1, 2])
        print("handled by", handler(
            "ratio",
            "describe",
        ))
