# Traceback carets count display columns: CJK characters are two columns
# wide, so the `~` under a subscript's value and the `^` under its brackets
# line up with the text in a terminal. The missing key is looked up one
# call deep; the call at the bottom fills its whole line, so 3.11/3.12 draw
# nothing under it while 3.13 marks its parentheses.
prices = {"東京": 120, "大阪": 95}


def price_of(table, city):
    return table["名古屋"] + table[city]


price_of(prices, "東京")
