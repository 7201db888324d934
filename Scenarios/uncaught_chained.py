# An exception raised while handling another: the traceback shows both, joined
# by "During handling of the above exception, another exception occurred".
def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise RuntimeError("lookup failed for " + repr(key))


print(lookup({"a": 1}, "a"))
lookup({"a": 1}, "b")
