# A ValueError raised deep in a call chain, uncaught: the traceback lists every
# frame from the outermost call, then the exception type and message.
class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"cannot withdraw {amount}, balance is {self.balance}")
        self.balance -= amount
        return self.balance


acc = Account(100)
print(acc.withdraw(30))
print(acc.withdraw(50))
print(acc.withdraw(40))
