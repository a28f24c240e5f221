package xtal.compiler;

import java.util.List;
import java.util.stream.Collectors;
import xtal.grammar.Diagnostic;

/**
 * A query could not be compiled: a syntax or name error, a query no crystal satisfies (the
 * message names the conflicting constraints), or one whose automaton exceeds the budget. Carries
 * the positioned diagnostics; {@link #getMessage()} is their {@code FILE:LINE:COL: message} lines.
 */
public final class CompileException extends Exception {
  private final List<Diagnostic> diagnostics;

  public CompileException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
    if (diagnostics.isEmpty()) throw new IllegalArgumentException("no diagnostics");
    this.diagnostics = List.copyOf(diagnostics);
  }

  public CompileException(Diagnostic d) {
    this(List.of(d));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
