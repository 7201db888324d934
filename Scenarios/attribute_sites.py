# Attribute sites: class attributes added, replaced and turned into a
# property after instance loads and stores cached them, base classes patched,
# __slots__ and dict instances at one site, attributes deleted, classes
# recreated in a loop, __init__ replaced.
class Point:
    def __init__(self, x):
        self.x = x
        self.y = x * 2

    def total(self):
        return self.x + self.y


def read(p):
    return p.x, p.y, p.total()


def write(p, v):
    p.x = v
    p.z = v + 1


out = []
for round in range(6):
    p = Point(round)
    write(p, round * 10)
    out.append(read(p))
    if round == 0:
        Point.x = "class x"          # class attribute added: instances still win
    if round == 1:
        Point.total = lambda self: -1  # method replaced after LOAD_METHOD cached it
    if round == 2:
        def get_x(self):
            return "prop " + str(self.__dict__.get("_x"))
        def set_x(self, v):
            self.__dict__["_x"] = v
        Point.x = property(get_x, set_x)  # data descriptor takes over loads and stores
    if round == 3:
        Point.x = 7                    # back to a plain class attribute
    if round == 4:
        p.__dict__["y"] = "dict y"     # the instance's dict materialised
        out.append(read(p))
print(out)


class Base:
    def kind(self):
        return "base"


class Child(Base):
    def __init__(self):
        self.a = 1


kinds = []
for i in range(4):
    c = Child()
    kinds.append(c.kind())
    if i == 1:
        Base.kind = lambda self: "patched base"
    if i == 2:
        Child.kind = lambda self: "child"
print(kinds)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


class Plain:
    def __init__(self):
        self.a = 2


seen = []
for obj in [Slotted(), Plain(), Slotted(), Plain()]:
    obj.a = obj.a + 10
    try:
        seen.append(obj.b)
    except AttributeError as e:
        seen.append("no b")
    obj.b = 5
    seen.append((obj.a, obj.b))
print(seen)


gone = []
for i in range(3):
    q = Point(i)
    del q.y
    try:
        gone.append(q.y)
    except AttributeError as e:
        gone.append(str(e))
    q.y = i
    gone.append(q.y)
print(gone)

made = []
for i in range(3):
    class Fresh:
        if i == 1:
            value = "class value"
        def __init__(self):
            if i != 1:
                self.value = i
    made.append(Fresh().value)
print(made)


class Inits:
    def __init__(self):
        self.v = "first"


def other_init(self):
    self.v = "second"


vs = []
for i in range(3):
    vs.append(Inits().v)
    if i == 0:
        Inits.__init__ = other_init
print(vs)
