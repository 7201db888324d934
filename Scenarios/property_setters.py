# Properties: @x.setter makes a new property object.
#
# `property` is a small GC-tracked object holding up to three functions
# (get, set, delete) and a doc. The decorators `.setter`, `.getter` and
# `.deleter` do not change it: each builds a copy with one function
# replaced, and the class body's name is rebound to the copy, so the first
# property object is freed as soon as the next decorator has run. From 3.10
# the class statement also hands every property its attribute name
# (`__set_name__`), which the error messages use and the garbage collector
# sees as one more referent; before 3.12 a property without a doc holds None
# as its doc, which the collector sees too.
#
# Watch the referent counts: get/set/delete functions, then the doc (None up
# to 3.11), then the name (3.10+).
import gc
import sys


class Account:
    def __init__(self):
        self._balance = 0

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        print("  set", value)
        self._balance = value

    @balance.deleter
    def balance(self):
        print("  deleted")
        self._balance = 0

    @property
    def owner(self):
        return "nobody"

    audit = property(None, lambda self, value: print("  audit", value))


account = Account()
print("balance:", account.balance)
account.balance = 5
print("balance:", account.balance)
del account.balance
print("balance:", account.balance)
account.audit = 3

prop = Account.balance
print("kinds:", [type(r).__name__ for r in gc.get_referents(prop)])
print("refcount:", sys.getrefcount(prop))
print("owner referents:", len(gc.get_referents(Account.owner)))
print("functions:", prop.fget.__name__, prop.fset.__name__, prop.fdel.__name__, Account.owner.fset)

for action in (
    lambda: setattr(account, "owner", "me"),
    lambda: delattr(account, "owner"),
    lambda: account.audit,
):
    try:
        action()
    except AttributeError as exc:
        print("AttributeError:", exc)

# Copies: the getter stays the same function object, the property does not.
plain = property(lambda self: 1)
copy = plain.setter(lambda self, value: None)
print("copy is new:", copy is not plain, "same getter:", copy.fget is plain.fget, plain.fset, copy.fdel)


class Late:
    pass


Late.value = property(lambda self: 2)  # no class statement: no name
late = Late()
for action in (lambda: setattr(late, "value", 1), lambda: delattr(late, "value")):
    try:
        action()
    except AttributeError as exc:
        print("AttributeError:", exc)
print(property(1).fget, property(None).fget, property(doc="d").__doc__, property().__doc__)
for call in (lambda: plain.setter(), lambda: property(1, 2, 3, 4, 5)):
    try:
        call()
    except TypeError as exc:
        print("TypeError:", exc)
