package xtal.grammar;

/**
 * Where a piece of source text stands: 1-based line and column, 0-based character offset and length.
 *
 * <p>Spans are metadata, not meaning: every span equals every other span, so two AST nodes are
 * equal when they say the same thing, wherever they were written. This is what makes
 * {@code parse(print(ast)).equals(ast)} hold although printing moves tokens. Compare positions with
 * {@link #line()}, {@link #column()}, {@link #offset()} explicitly.
 */
public record Span(int line, int column, int offset, int length) {

  /** The span of a node that was not written in any source (built by code, or a default). */
  public static final Span NONE = new Span(0, 0, 0, 0);

  public Span {
    if (line < 0 || column < 0 || offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative span component");
    }
  }

  /** The span from the start of this one to the end of {@code other}. */
  public Span to(Span other) {
    if (this == NONE) return other;
    if (other == NONE) return this;
    int end = Math.max(offset + length, other.offset + other.length);
    return new Span(line, column, offset, end - offset);
  }

  /** Two spans are always equal: positions never take part in AST equality (see class doc). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Span;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
