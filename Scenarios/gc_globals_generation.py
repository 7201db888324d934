# Where the module's globals dict sits in the collector's lists, and why the
# order of gc.get_objects() — and so of __del__ calls — changes after a
# collection. The interpreter makes the globals dict at start-up and its own
# start-up collections promote it: to generation 1 in 3.8-3.10, 3.12 and
# 3.13, to generation 2 in 3.11. The script's new objects are in generation 0.
#
# gc.collect() appends generation 0, then generation 1, to generation 2 and
# scans that list in order. Where the globals come after the script's
# objects, nothing has vouched for those objects yet when they are scanned:
# each goes to the tentatively-unreachable list and comes back, at the tail,
# when the globals dict (or whatever holds it) is scanned. An object only
# another object's attribute holds comes back last of all.
import gc


class Tag:
    def __init__(self, number):
        self.number = number

    def __repr__(self):
        return "Tag%d" % self.number

    def __del__(self):
        print("del", self.number)


def tags_in_collector_order():
    return [o for o in gc.get_objects() if type(o) is Tag]


holder = Tag(10)
holder.inner = Tag(11)
other = Tag(20)
print("before the collection:", tags_in_collector_order())
print("unreachable:", gc.collect())
# 3.11: unchanged. Elsewhere Tag11 (reached only through Tag10's attribute)
# moves behind Tag20.
print("after it:", tags_in_collector_order())
# A second collection keeps the order it left.
gc.collect()
print("after another:", tags_in_collector_order())
# The order shows in a cycle's __del__ calls: finalizers run in list order.
holder.inner.partner = holder
other.partner = holder
del holder, other
print("unreachable now:", gc.collect())
print("end")
