// Builtins CPython has and the model does not. A scenario that loads one of
// them would print under CPython and stop with a NameError under heapscope,
// so `check` (and therefore `run`) rejects it up front, naming the builtin,
// unless the scenario binds that name itself.
//
// The list is the union of `dir(builtins)` over CPython 3.8-3.13
// (tools/builtins/cpython_builtin_names.py writes it to
// Tests/ScenarioTests/Fixtures/cpython_builtins.txt) minus what the
// interpreter's builtins namespace provides (Interpreter+Text.swift);
// BuiltinNamesTests checks both directions, so adding a builtin to the
// interpreter without removing it here fails a test.

extension StaticChecker {
  static let unsupportedBuiltins: Set<String> = [
    // functions
    "aiter", "anext", "ascii", "complex", "dir", "format", "memoryview", "oct",
    // the interactive helpers of `site`
    "copyright", "credits", "exit", "help", "license", "quit",
    // module attributes and compiler internals
    "__build_class__", "__debug__", "__loader__", "__package__", "__spec__",
    // exceptions and warnings outside SPEC §2's list
    "BaseExceptionGroup", "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning",
    "ChildProcessError", "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError",
    "ConnectionResetError", "DeprecationWarning", "EOFError", "EncodingWarning", "EnvironmentError",
    "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
    "IOError", "ImportError", "ImportWarning", "IndentationError", "InterruptedError",
    "IsADirectoryError", "ModuleNotFoundError", "NotADirectoryError", "OSError",
    "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "PythonFinalizationError",
    "ResourceWarning", "RuntimeWarning", "StopAsyncIteration", "SyntaxError", "SyntaxWarning",
    "SystemError", "TabError", "TimeoutError", "UnicodeDecodeError", "UnicodeEncodeError",
    "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "Warning", "_IncompleteInputError",
  ]
}
