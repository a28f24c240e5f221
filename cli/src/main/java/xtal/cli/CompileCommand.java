package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.compiler.CompileException;
import xtal.compiler.CompiledQuery;
import xtal.compiler.QueryCompiler;
import xtal.compiler.QueryFile;
import xtal.grammar.Diagnostic;

/**
 * {@code xtalc compile QUERY [-o OUT.xtalc]}: compiles a query (a {@code .xtal} file or an inline
 * template) into its minimal constraint automaton; reports states, transitions and the number of
 * discrete skeletons accepted, and optionally saves it.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compile a query (.xtal file, or a template written inline) into a minimal constraint",
      "automaton. Prints per query: states, transitions and the number of distinct discrete",
      "skeletons (group, letters, elements) it accepts. -o saves the automaton (.xtalc) for",
      "explain, match and sample to load without recompiling.",
      "An invalid, infeasible or too complex query is bad input (exit 65)."
    })
public final class CompileCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "QUERY", description = "A .xtal file or an inline template such as '225-(?-O-?-?-?)+-X-?'.")
  String query;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the compiled query (of --query, or the first) to FILE (.xtalc).")
  Path output;

  @Mixin QueryArgs args;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (!args.valid(err, "compile")) return Xtalc.USAGE;
    List<CompiledQuery> queries;
    // a .xtalc file holds an eager automaton: with -o, build it whole (within the budget) or fail
    QueryCompiler.Build how = output != null ? QueryCompiler.Build.EAGER : QueryCompiler.Build.AUTO;
    long t0 = System.nanoTime();
    try {
      if (query.endsWith(".xtal")) {
        Path p = Path.of(query);
        if (!java.nio.file.Files.isRegularFile(p)) {
          err.println(query + ": cannot read: no such file");
          return Xtalc.NO_INPUT;
        }
        queries = QueryCompiler.compilePath(p, args.queryName, args.limits(), how);
        if (args.queryName != null) {
          queries = queries.stream().filter(q -> q.name().equals(args.queryName)).toList();
          if (queries.isEmpty()) {
            err.println(query + ": no query named '" + args.queryName + "'");
            return Xtalc.FAILED;
          }
        }
      } else {
        queries = List.of(QueryCompiler.compileTemplate("<template>", query, args.limits(), how));
      }
    } catch (CompileException e) {
      for (Diagnostic d : e.diagnostics()) err.println(d.format());
      err.flush();
      return Xtalc.FAILED;
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    for (CompiledQuery q : queries) {
      if (q.isLazy()) {
        out.println(String.format(Locale.ROOT, "query %s: %s; %s", q.name(), q.lazyReport(), q.limits()));
        continue;
      }
      BigInteger n = q.skeletonCount();
      out.println(String.format(Locale.ROOT, "query %s: %d states, %d transitions, %s skeletons (%s), %s",
          q.name(), q.numStates(), q.automaton().automaton().numTransitions(), n, approx(n), q.limits()));
    }
    out.println(String.format(Locale.ROOT, "compiled in %.1f ms", ms));
    if (output != null) {
      try {
        QueryFile.write(queries.getFirst(), output);
        out.println("wrote " + output);
      } catch (IOException e) {
        err.println(output + ": cannot write: " + OutputPaths.reason(e));
        return Xtalc.CANT_CREATE;
      }
    }
    out.flush();
    return Xtalc.OK;
  }

  /** {@code 1.6e6}: the order of magnitude of a big count. */
  static String approx(BigInteger n) {
    if (n.bitLength() < 20) return "exact";
    String s = n.toString();
    return "≈ " + s.charAt(0) + "." + s.charAt(1) + "e" + (s.length() - 1);
  }
}
