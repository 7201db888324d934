# Containers that contain themselves print as [...] and {...} instead of
# recursing forever; equal-looking nested structures print in full.
lst = [1, 2]
lst.append(lst)
print(lst)
d = {"name": "d"}
d["self"] = d
print(d)
a = [1]
b = [2, a]
a.append(b)
print(a, b)
t = ([],)
t[0].append(t)
print(t)
shared = [0]
print([shared, shared, [shared]])
nested = {"k": [1, (2, {"x": None})]}
print(nested, len(str(nested)))
s = "x"
print([s, [s, [s]]], repr([s]))
