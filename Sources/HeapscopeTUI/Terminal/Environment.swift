#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process environment, read once per call (the executable's, for NO_COLOR and the locale).
func environment() -> [String: String] {
  var result: [String: String] = [:]
  for name in ["NO_COLOR", "LC_ALL", "LC_CTYPE", "LANG", "TERM"] {
    if let value = getenv(name) { result[name] = String(cString: value) }
  }
  return result
}
