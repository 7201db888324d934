# How a traceback names your own exception classes and what message it shows.
#
# The last line of each traceback block is `Class: str(exception)`. The class
# is written as `__main__.Name` up to 3.10 and as plain `Name` from 3.11 (the
# printer leaves out the `__main__` and `builtins` modules); from 3.9 it is the
# class's __qualname__, so a class made inside a function shows as
# `f.<locals>.Name` (3.8 prints only its __name__). The message is str() of
# the exception: a __str__ the class defines wins over the args, a KeyError
# subclass keeps KeyError's quoting, and an exception whose __init__ never
# passes anything up has empty args, so nothing follows the class name.
class Missing(KeyError):
    pass


class Config(Exception):
    def __init__(self, setting):
        self.setting = setting  # args stay ()

    def __str__(self):
        return "bad setting " + repr(self.setting)


def make_error_class():
    class Local(ValueError):
        pass

    return Local


Local = make_error_class()

print(str(Missing("port")), repr(Missing("port")))
print(repr(Config("x")), str(Config("x")), Config("x").args)
print(type(Local("l")).__qualname__, repr(Local("l")))


def load(settings):
    try:
        return settings["port"]
    except KeyError:
        raise Missing("port")


def start(settings):
    try:
        load(settings)
    except Missing as exc:
        raise Config("port") from exc


def main():
    try:
        start({})
    except Config:
        raise Local("giving up")


main()
