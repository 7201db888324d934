SIZE = 500000  # bench: scale (number of (float, float) tuples)
# Bench: lists of floats and tuples. Builds SIZE points as tuples of two
# floats, a list of their norms, sorts it, then frees everything.
points = [(i * 0.5, i * 0.25) for i in range(SIZE)]
norms = [x * x + y * y for x, y in points]
norms.sort()
total = 0.0
for v in norms:
    total += v
print("points:", len(points), "max:", norms[-1], "sum > 0:", total > 0)
points = None
norms = None
