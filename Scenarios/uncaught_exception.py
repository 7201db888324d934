# An uncaught exception ends the script with a traceback on stderr and exit
# status 1; stdout written before it still appears.
def parse(record):
    return int(record["size"]) * 2


def total(records):
    s = 0
    for r in records:
        s += parse(r)
    return s


print("total of good records:", total([{"size": "3"}, {"size": "4"}]))
print("now a bad one")
total([{"size": "5"}, {"name": "no size"}])
print("never printed")
