package xtal.stdlib.crystal;

import java.util.List;
import java.util.Optional;
import xtal.grammar.Diagnostic;

/**
 * The outcome of checking a sentence: the crystal when every rule holds, and every diagnostic
 * found (errors mean no crystal).
 */
public record CheckResult(Optional<Crystal> crystal, List<Diagnostic> diagnostics) {

  public CheckResult {
    diagnostics = List.copyOf(diagnostics);
    if (crystal.isPresent() && diagnostics.stream().anyMatch(Diagnostic::isError))
      throw new IllegalArgumentException("a result with errors has no crystal");
  }

  public boolean ok() {
    return crystal.isPresent();
  }

  /** The errors only. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }
}
