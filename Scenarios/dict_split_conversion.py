# Split instance dicts leaving the shared keys. 3.8-3.10: a split dict must
# fill the class's shared key order densely; another order, a full table or
# a deletion turns it into an ordinary dict, and the class then adopts the
# new keys (no other dict shared the old ones) or stops sharing for good -
# the old keys stay with the dicts still using them, and getsizeof counts
# them in a dict that is their last holder. 3.11+: values remember their own
# insertion order, and a split __dict__ is sized from the shared keys as
# they are now. Also: a dict emptied by deletions regrows to 16 slots, not
# 8, from 3.10 on (calculate_keysize).
import sys

gs = sys.getsizeof


class Odd: pass
print("class0", gs(Odd))
a = Odd(); a.x = 1; a.y = 2
print("a", gs(a.__dict__), "class", gs(Odd))
b = Odd(); b.y = 2
print("b after y", gs(b.__dict__), "a", gs(a.__dict__), "class", gs(Odd))
b.x = 1
print("b", gs(b.__dict__), "a", gs(a.__dict__))
c = Odd(); c.x = 1
print("c", gs(c.__dict__), list(c.__dict__))
del a
print("b", gs(b.__dict__))

class Two: pass
p = Two(); p.x = 1; p.y = 2
q = Two(); q.x = 1; q.y = 2
r = Two(); r.y = 1
print("two p q r", gs(p.__dict__), gs(q.__dict__), gs(r.__dict__), "class", gs(Two))
del q
print("p", gs(p.__dict__))
del r
print("p", gs(p.__dict__))

class One: pass
s = One(); s.y = 1
s2 = One(); s2.x = 1
print("one", gs(s.__dict__), gs(s2.__dict__), list(s2.__dict__), gs(One))
s3 = One(); s3.x = 2; s3.y = 3
print("s3", gs(s3.__dict__), list(s3.__dict__))

class Six: pass
u = Six()
for n in "abcdef": setattr(u, n, 1)
print("six", gs(u.__dict__), gs(Six))
v = Six(); v.a = 1
print("v", gs(v.__dict__))
class Six2: pass
u = Six2(); u.a = 1
w = Six2()
for n in "abcdef": setattr(w, n, 1)
print("six2", gs(u.__dict__), gs(w.__dict__), gs(Six2))
class P: pass
p = P(); p.x = 1; p.y = 2
q = P(); q.x = 1; q.y = 2
print("before", gs(p.__dict__), gs(q.__dict__), gs(P))
del p.x
print("after del", gs(p.__dict__), gs(q.__dict__), gs(P), list(p.__dict__))
r = P(); r.x = 1
print("r", gs(r.__dict__))
try:
    del q.zz
except AttributeError as e:
    print("AE", e)
print("q", gs(q.__dict__), gs(P))
class E: pass
e = E()
d = e.__dict__
print("empty", gs(d), gs(E))
e.a = 1
print("e.a", gs(d), gs(e.__dict__))
class G: pass
g1 = G(); g1.a = 1; g1.b = 2
g2 = G(); g2.a = 1
g2.c = 3
print("g", gs(g1.__dict__), gs(g2.__dict__), gs(G), list(g2.__dict__))
g3 = G(); g3.a = 1; g3.b = 2
print("g3", gs(g3.__dict__))
class H:
    def __init__(self, n):
        for i in range(n): setattr(self, "a%d" % i, i)
hs = [H(3), H(3), H(7), H(3)]
print("h", [gs(h.__dict__) for h in hs], gs(H))
for used in range(0, 5):
    d = {}
    for i in range(5): d["k%d" % i] = i
    for i in range(5 - used): del d["k%d" % i]
    d["new"] = 1
    print(used, sys.getsizeof(d), len(d))
