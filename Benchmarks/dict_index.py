SIZE = 200000  # bench: scale (number of records indexed)
# Bench: dict-heavy indexes. SIZE records (small dicts) indexed by id, by
# group and by name prefix; then lookups and a rebuild of one index.
records = []
i = 0
while i < SIZE:
    records.append({"id": i, "group": i % 97, "name": "user" + str(i)})
    i += 1
by_id = {}
by_group = {}
by_prefix = {}
for r in records:
    by_id[r["id"]] = r
    g = r["group"]
    if g not in by_group:
        by_group[g] = []
    by_group[g].append(r)
    p = r["name"][:6]
    by_prefix[p] = by_prefix.get(p, 0) + 1
hits = 0
k = 0
while k < SIZE:
    if by_id[k]["group"] == k % 97:
        hits += 1
    k += 7
by_id = {r["id"]: r for r in records if r["group"] != 0}
print("records:", len(records), "groups:", len(by_group), "prefixes:", len(by_prefix), "hits:", hits, "kept:", len(by_id))
