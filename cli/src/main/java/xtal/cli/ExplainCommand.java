package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.compiler.CompiledQuery;
import xtal.compiler.TokenNames;
import xtal.compiler.automaton.Automaton;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.TokenAutomaton;

/**
 * {@code xtalc explain QUERY [--dot FILE]}: the compiled automaton in human terms — per state,
 * what the tokens so far have fixed, which tokens may come next and where they lead, and the rules
 * of the continuous slots that follow; optionally as Graphviz.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a compiled query (.xtal file, inline template, or .xtalc): its states, the tokens",
      "each allows and where they lead, and the rules for the coordinates and lattice that",
      "follow (free, fixed, tied to another slot, or in a range). --dot writes Graphviz.",
      "A query that does not compile is bad input (exit 65)."
    })
public final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "QUERY", description = "A .xtal file, an inline template, or a .xtalc file.")
  String query;

  @Option(names = "--dot", paramLabel = "FILE", description = "Also write the automaton as Graphviz dot to FILE (- for standard output).")
  String dot;

  @Option(names = "--limit", paramLabel = "N", description = "Print at most N states (default: ${DEFAULT-VALUE}).")
  int limit = 200;

  @Mixin QueryArgs args;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (!args.valid(err, "explain")) return Xtalc.USAGE;
    CompiledQuery q = args.load(query, err, "explain");
    if (q == null) {
      err.flush();
      return args.failure;
    }
    if (q.isLazy()) return explainLazy(q, out, err);
    CompiledAutomaton a = q.automaton();
    Automaton raw = a.automaton();
    out.println("query " + q.name() + ": " + a.numStates() + " states, " + raw.numTransitions() + " transitions, "
        + q.skeletonCount() + " skeletons; " + q.limits());
    if (!q.sampling().isEmpty()) out.println("sample settings: " + q.sampling());
    int shown = Math.min(limit, a.numStates());
    for (int s = 0; s < shown; s++) {
      StringBuilder head = new StringBuilder("state ").append(s);
      if (s == 0) head.append(" (start)");
      if (a.isAccept(s)) head.append(" (accept: a complete crystal)");
      out.println(head);
      SlotAnnotation ann = a.annotation(s);
      if (ann instanceof SlotAnnotation.Site) out.println("  coordinates of this site: " + ann.describe());
      else if (ann instanceof SlotAnnotation.Lattice) out.println("  lattice: " + ann.describe());
      Map<Integer, StringBuilder> byDest = new TreeMap<>();
      for (int t = raw.firstTransition(s), e = t + raw.numTransitions(s); t < e; t++) {
        StringBuilder b = byDest.computeIfAbsent(raw.dest(t), k -> new StringBuilder());
        if (!b.isEmpty()) b.append(", ");
        b.append(TokenNames.range(raw.min(t), raw.max(t)));
      }
      for (var e : byDest.entrySet()) out.println("  " + e.getValue() + " -> state " + e.getKey());
    }
    if (shown < a.numStates()) out.println("… " + (a.numStates() - shown) + " more states (use --limit)");
    if (dot != null) {
      String text = a.toDot(TokenNames::name);
      if (dot.equals("-")) out.print(text);
      else {
        try {
          Files.writeString(Path.of(dot), text);
          out.println("wrote " + dot);
        } catch (IOException e) {
          err.println(dot + ": cannot write: " + OutputPaths.reason(e));
          err.flush();
          return Xtalc.CANT_CREATE;
        }
      }
    }
    out.flush();
    return Xtalc.OK;
  }

  /** A lazily built query has no whole automaton to list: what it guarantees, and its start state. */
  private Integer explainLazy(CompiledQuery q, PrintWriter out, PrintWriter err) {
    if (dot != null) {
      err.println("explain: query '" + q.name() + "' is built lazily while sampling; it has no whole automaton to draw (--dot)");
      err.flush();
      return Xtalc.USAGE;
    }
    out.println("query " + q.name() + ": built lazily (too large for the eager automaton); " + q.limits());
    if (!q.sampling().isEmpty()) out.println("sample settings: " + q.sampling());
    out.println(CompiledQuery.LAZY_GUARANTEE);
    TokenAutomaton a = q.tokenAutomaton();
    int[] allowed = a.allowedTokens(a.initialState());
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < allowed.length; ) {
      int j = i;
      while (j + 1 < allowed.length && allowed[j + 1] == allowed[j] + 1) j++;
      if (!b.isEmpty()) b.append(", ");
      b.append(TokenNames.range(allowed[i], allowed[j]));
      i = j + 1;
    }
    out.println("state 0 (start): " + allowed.length + " tokens allowed: " + b);
    out.println(q.lazyReport());
    out.flush();
    return Xtalc.OK;
  }
}
