// The right operand of `template % args`, classified the way `PyUnicode_Format`
// classifies it: a tuple supplies one argument per conversion; anything else is
// a single argument; and a mapping (`PyMapping_Check` true and not a tuple or
// str: dicts, but also lists and any object with `__getitem__`) additionally
// serves `%(key)s` lookups and never triggers "not all arguments converted".

/// The right-hand side of `%`-formatting.
public enum PercentArguments {
  /// `template % (a, b, ...)`.
  case tuple([FormatValue])
  /// `template % x` where x is neither a tuple nor a mapping.
  case single(FormatValue)
  /// `template % m` where m is a mapping (a dict, list, ...): `value` is m itself
  /// (used by conversions without a key); `lookup` performs `m[key]` and throws
  /// the interpreter's KeyError/TypeError as a `FormattingError`.
  case mapping(FormatValue, lookup: (String) throws(FormattingError) -> FormatValue)
}
