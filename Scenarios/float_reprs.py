# Float repr is the shortest string that reads back as the same float.
values = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15 + 0.3, 123456789.0, 1e22, 1e-4, 1e-5,
          5e-324, 1.7976931348623157e308, 2.0 ** 0.5, 100.0, -1.5, 0.5 - 0.5]
for v in values:
    print(repr(v), str(v), f"{v}", f"{v:.3g}")
inf = float("inf")
print(inf, -inf, inf - inf, float("nan") == float("nan"))
print(round(1.2345, 2), round(-0.5), round(1.5), round(123.456, -1), abs(-2.5))
print(7 / 2, 7 // 2, 7.0 // 2, 7 % 2.5, 2 ** -1, 10 ** 0.5, divmod(7.5, 2))
print(int(2.9), int(-2.9), float(10), 3 * 0.1 == 0.3, 1e308 * 10)
