SIZE = 300000  # bench: scale (number of strings built)
# Bench: string building. SIZE short strings from f-strings and concatenation,
# joined into lines, split again, and counted.
parts = []
i = 0
while i < SIZE:
    parts.append(f"item-{i}:" + str(i * 3) + ";")
    i += 1
lines = []
k = 0
while k < SIZE:
    lines.append("".join(parts[k:k + 50]))
    k += 50
text = "\n".join(lines)
count = len(text.split(";"))
words = [p.upper() for p in parts if p.endswith("0;")]
print("parts:", len(parts), "lines:", len(lines), "pieces:", count, "upper:", len(words), "chars:", len(text))
