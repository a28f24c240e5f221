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

  /**
   * {@code FILE:LINE:COL: message}, the form compilers print and editors understand. Characters
   * that would not show (controls, zero-width and bidirectional marks, line and paragraph
   * separators, spaces other than ' ') are escaped (backslash, u, four hex digits), so a message never hides
   * or reorders what it quotes.
   */
  public String format() {
    String where = line == 0 ? source : column == 0 ? source + ":" + line : source + ":" + line + ":" + column;
    return visible(where + ": " + (severity == Severity.WARNING ? "warning: " : "") + message);
  }

  /** {@code text} with every invisible character but newline and tab escaped (backslash, u, four hex digits). */
  public static String visible(String text) {
    if (text == null) return "null";
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean hide = ch != '\n' && ch != '\t' && invisible(text, i);
      if (hide && b == null) b = new StringBuilder(text.length() + 16).append(text, 0, i);
      if (b != null) {
        if (hide) b.append(String.format("\\u%04X", (int) ch));
        else b.append(ch);
      }
    }
    return b == null ? text : b.toString();
  }

  /** Whether the UTF-16 unit at {@code i} would not show: an invisible code point or half a pair. */
  static boolean invisible(String text, int i) {
    char ch = text.charAt(i);
    if (Character.isHighSurrogate(ch)) return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    if (Character.isLowSurrogate(ch)) return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    return switch (Character.getType(ch)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE,
          Character.UNASSIGNED -> true;
      case Character.SPACE_SEPARATOR -> ch != ' ';
      default -> ch == '\ufffd';
    };
  }

  @Override
  public String toString() {
    return format();
  }
}
