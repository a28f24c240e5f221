package xtal.compiler.automaton;

/**
 * An automaton operation would exceed its budget (states, transitions or work). Thrown instead of
 * running out of memory or time; {@link #where()} names the part of the query responsible, in
 * the {@code LINE:COL} form of a source span, or is empty when the whole query is concerned.
 */
public final class TooComplexException extends RuntimeException {
  private final String where;

  public TooComplexException(String message, String where) {
    super(message);
    this.where = where == null ? "" : where;
  }

  public TooComplexException(String message) {
    this(message, "");
  }

  /** The source position (e.g. {@code 3:5}) of the construct that made it too complex, or empty. */
  public String where() {
    return where;
  }
}
