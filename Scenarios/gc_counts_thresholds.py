# Generation counters: count[0] rises with every container allocated (and falls
# when one is freed); a collection of generation g resets the younger counts and
# bumps count[g + 1]. 3.13 raised the first threshold from 700 to 2000.
import gc

print("thresholds:", gc.get_threshold())
gc.collect()
gc.disable()
print("after gc.collect():", gc.get_count())
base = gc.get_count()[0]
keep = []
i = 0
while i < 100:
    keep.append([])
    i += 1
print("100 lists kept: +", gc.get_count()[0] - base)
base = gc.get_count()[0]
del keep
print("100 lists freed: -", base - gc.get_count()[0])
base = gc.get_count()[0]
floats = [i * 0.5 for i in range(100)]
print("a list of 100 floats: +", gc.get_count()[0] - base)
gc.collect(0)
print("after collect(0):", gc.get_count())
gc.collect(1)
print("after collect(1):", gc.get_count())
gc.set_threshold(500, 5, 5)
print("new thresholds:", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("enabled:", gc.isenabled())
gc.enable()
print("enabled:", gc.isenabled())
