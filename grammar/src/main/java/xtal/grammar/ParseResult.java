package xtal.grammar;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What a parse gives back: the value when the text was well formed, and the diagnostics either
 * way (warnings may come with a value; any error means no value).
 *
 * @param value the AST, or null when there was an error
 * @param diagnostics every problem found, in source order
 */
public record ParseResult<T>(T value, List<Diagnostic> diagnostics) {

  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
    if (value != null && diagnostics.stream().anyMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("a result with errors has no value");
    }
  }

  /** True when there is a value (no errors). */
  public boolean ok() {
    return value != null;
  }

  /** The value, if any. */
  public Optional<T> optional() {
    return Optional.ofNullable(value);
  }

  /** The value; throws listing the diagnostics when there is none (for tests and trusted input). */
  public T orElseThrow() {
    if (value == null) {
      throw new NoSuchElementException(
          String.join("\n", diagnostics.stream().map(Diagnostic::format).toList()));
    }
    return value;
  }

  /** The errors only. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }
}
