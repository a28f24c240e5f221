package xtal.grammar;

/**
 * An error (or warning) as a value: which source, where in it, and what is wrong. Every stage
 * collects these; only the command line turns them into exit codes.
 *
 * @param source the file name, {@code <stdin>}, or a field name such as {@code query}
 * @param line 1-based line, 0 when the whole source is concerned
 * @param column 1-based column, 0 when the whole line is concerned
 * @param length how many characters the problem spans (0 if unknown)
 * @param severity error or warning
 * @param message what is wrong, and where useful what was expected and what was found
 */
public record Diagnostic(
    String source, int line, int column, int length, Severity severity, String message) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static Diagnostic error(String source, Span span, String message) {
    return new Diagnostic(source, span.line(), span.column(), span.length(), Severity.ERROR, message);
  }

  public static Diagnostic warning(String source, Span span, String message) {
    return new Diagnostic(
        source, span.line(), span.column(), span.length(), Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code FILE:LINE:COL: message}, the form compilers print and editors understand. */
  public String format() {
    String where = line == 0 ? source : column == 0 ? source + ":" + line : source + ":" + line + ":" + column;
    return where + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
