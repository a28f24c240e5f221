package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import xtal.compiler.CompileException;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.compiler.QueryFile;
import xtal.grammar.Diagnostic;

/** Options shared by compile, explain and match: which query, and the compiler's limits. */
final class QueryArgs {
  @Option(names = "--query", paramLabel = "NAME", description = "Which query of a .xtal file (default: the first).")
  String queryName;

  @Option(names = "--max-sites", paramLabel = "N", description = "Most symmetry-distinct sites unless the query says (default: ${DEFAULT-VALUE}).")
  int maxSites = Limits.DEFAULT.maxSites();

  @Option(names = "--max-atoms", paramLabel = "N", description = "Most atoms per primitive cell unless the query says (default: ${DEFAULT-VALUE}).")
  int maxAtoms = Limits.DEFAULT.maxAtoms();

  @Option(names = "--max-states", paramLabel = "N", description = "Budget: most automaton states explored (default: ${DEFAULT-VALUE}).")
  int maxStates = Limits.DEFAULT.maxStates();

  /** Whether the limits are usable; prints why not. */
  boolean valid(PrintWriter err, String command) {
    if (maxSites < 0 || maxAtoms < 1 || maxStates < 1 || maxAtoms > 10_000) {
      err.println("xtalc " + command + ": --max-sites must be >= 0, --max-atoms 1..10000, --max-states >= 1");
      return false;
    }
    // the default shrinks to a small heap on its own; a budget asked for must fit
    if (maxStates > Limits.maxStatesForHeap() && maxStates != Limits.DEFAULT.maxStates()) {
      err.println("xtalc " + command + ": --max-states " + maxStates + " does not fit in this JVM's heap; at most "
          + Limits.maxStatesForHeap() + " (" + Limits.BYTES_PER_STATE + " bytes per state)");
      return false;
    }
    return true;
  }

  Limits limits() {
    int states = Math.min(maxStates, Limits.maxStatesForHeap());
    return new Limits(maxSites, 1, maxAtoms, Limits.Unit.PRIMITIVE, states, (int) Math.min(Integer.MAX_VALUE, states * 8L));
  }

  /** Why the last {@link #load} returned null, as an exit code: 66 a missing file, else 65. */
  int failure = Xtalc.DATA_ERROR;

  /** A compiled query from a .xtalc file, a .xtal file or an inline template; null after printing why not. */
  CompiledQuery load(String arg, PrintWriter err, String command) {
    failure = Xtalc.DATA_ERROR;
    if ((arg.endsWith(".xtalc") || arg.endsWith(".xtal")) && !Files.isReadable(Path.of(arg))) {
      err.println(arg + ": cannot read: " + (Files.exists(Path.of(arg)) ? "permission denied" : "no such file"));
      failure = Xtalc.NO_INPUT;
      return null;
    }
    try {
      if (arg.endsWith(".xtalc")) return QueryFile.read(Path.of(arg));
      if (arg.endsWith(".xtal") && !Files.exists(Path.of(arg))) {
        err.println(arg + ": cannot read: no such file");
        return null;
      }
      return QueryCompiler.compileArgument(arg, queryName, limits());
    } catch (CompileException e) {
      for (Diagnostic d : e.diagnostics()) err.println(d.format());
      return null;
    } catch (IOException e) {
      err.println(e.getMessage());
      return null;
    }
  }
}
