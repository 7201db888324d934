# "Did you mean" is computed when a traceback is printed, not stored.
#
# Since 3.10 an uncaught NameError or AttributeError ends its traceback with
# a hint: `name 'countr' is not defined. Did you mean: 'counter'?`. The
# exception itself carries only the failing name (`e.name`, 3.10+) and, for
# an AttributeError, the object (`e.obj`, a strong reference: the object
# lives as long as the exception does). `print(e)`, `str(e)` and `e.args`
# never show a hint: the printer searches the names visible where the
# error happened (the frame's locals, the globals, the builtins; or
# `dir(obj)`) with an edit distance in which a case flip costs half a typo.
# 3.12 adds `self.value` inside methods and "Did you forget to import 'gc'?"
# for standard-library module names. Watch the last line of stderr.
import sys


class Counter:
    def __init__(self):
        self.value = 0

    def bump(self):
        self.value += 1
        return value  # meant self.value


counter = Counter()
try:
    countr
except NameError as e:
    print("caught:", e)
    print("args:", e.args)
    if sys.version_info >= (3, 10):
        print("name:", e.name)

try:
    counter.valeu
except AttributeError as e:
    print("caught:", e)
    if sys.version_info >= (3, 10):
        print("name:", e.name, "| obj is counter:", e.obj is counter)
        # The exception holds the object: one more reference while `e` lives.
        print("refs with e alive:", sys.getrefcount(counter))

print("refs after except:", sys.getrefcount(counter))

try:
    raise NameError("made by hand")
except NameError as e:
    if sys.version_info >= (3, 10):
        print("hand-made name:", e.name)

# Uncaught: 3.10/3.11 search the locals, globals and builtins and find
# 'False' (two substitutions away); 3.12+ first try `self.value`.
counter.bump()
