# Format specs with a thousands separator: ',' and '_' may not mix, but what
# a second separator means changed in 3.9. 3.8 refuses any ',' after the
# grouping as a mix; 3.9+ reads a ',' after ',' as the presentation type
# ("Cannot specify ',' with ','."), and a longer tail as an invalid spec
# (3.11+ quoting the spec and the type).


def attempt(value, spec):
    try:
        print(repr(spec), repr(f"{value:{spec}}"))
    except ValueError as e:
        print(repr(spec), "ValueError:", e)


for spec in [",,", "_,", ",_", "__", ",,d", "_,d", ",,f", "10,,", ",", "_", ",x", "_x", "_n", ",%", "_%"]:
    attempt(1, spec)
    attempt(1.5, spec)
    attempt("s", spec)
