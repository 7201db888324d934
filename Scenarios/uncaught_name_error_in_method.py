# A NameError inside a method, uncaught. To suggest a fix, the traceback
# printer of 3.12+ looks for an attribute of `self` with the missing name
# ("Did you mean: 'self.total'?"); 3.10 and 3.11 only compare the name with
# the frame's locals, the globals and the builtins; 3.8 and 3.9 suggest
# nothing. Looking the attribute up runs while the uncaught exception is
# being printed, and must leave that exception alone.
class Cart:
    def __init__(self, prices):
        self.total = sum(prices)

    def with_tax(self, rate):
        return total * (1 + rate)


cart = Cart([3, 4])
print(cart.total)
cart.with_tax(0.5)
