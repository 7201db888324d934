# String storage: CPython picks 1, 2 or 4 bytes per character for the whole
# string, from its widest character (PEP 393). ASCII strings have a smaller
# header than other latin-1 strings. 3.12 shrank the header by 8 bytes.
import sys

ascii_s = "abc" * 4
latin = chr(233) * 12
ucs2 = chr(8364) * 12
ucs4 = chr(128512) * 12
print("empty:", sys.getsizeof(""))
print("12 ascii:", sys.getsizeof(ascii_s))
print("12 latin-1:", sys.getsizeof(latin))
print("12 UCS-2:", sys.getsizeof(ucs2))
print("12 UCS-4:", sys.getsizeof(ucs4))
print("one UCS-4 char makes all 4 bytes:", sys.getsizeof("a" * 11 + chr(128512)))
print("per extra char:", sys.getsizeof("a" * 13) - sys.getsizeof("a" * 12),
      sys.getsizeof(chr(8364) * 13) - sys.getsizeof(ucs2),
      sys.getsizeof(chr(128512) * 13) - sys.getsizeof(ucs4))
print("literal 'é':", sys.getsizeof("é"), "chr(233) * 2:", sys.getsizeof(chr(233) * 2))
print("lengths:", len(ascii_s), len(latin), len(ucs2), len(ucs4))
print("ord of each:", ord(latin[0]), ord(ucs2[0]), ord(ucs4[0]))
# 3.12+: only the static one-character latin-1 strings (chr(128)…chr(255))
# come with a UTF-8 copy, which getsizeof counts; other literals have none.
print("chr(255):", sys.getsizeof(chr(255)), "literal '€':", sys.getsizeof("€"),
      "'😀':", sys.getsizeof("😀"), "'€' * 3:", sys.getsizeof("€" * 3), "'ab€':", sys.getsizeof("ab€"))
