package xtal.csp;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import xtal.compiler.CompileException;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.grammar.Diagnostic;

/**
 * Composition queries, compiled once per distinct (reduced composition, atoms per primitive
 * cell, groups) and shared by every row that asks for the same: the structure {@code
 * G-(?-?-?-?-?)+-X-?} (full-form sites, any letters and coordinates), the exact composition by
 * {@code formula}, and the atom count by {@code atoms N per primitive cell}.
 *
 * <p>Thread-safe. Compiling goes through {@link QueryCompiler}, so a faster compiler behind that
 * API speeds this up without change here.
 */
public final class CompositionQueries {

  /** A compiled query, or why the composition cannot be asked for. */
  public sealed interface Entry {}

  /** @param seconds wall time of the one compilation */
  public record Compiled(CompiledQuery query, double seconds) implements Entry {}

  /** @param message names the composition and the reason */
  public record Infeasible(String message) implements Entry {}

  private record Key(String reducedFormula, int atoms, String groups) {}

  private final Limits limits;
  private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

  public CompositionQueries(Limits limits) {
    this.limits = limits;
  }

  /** How many distinct queries have been compiled (or refused). */
  public int size() {
    return cache.size();
  }

  /** The query for {@code target}; compiles it on first use. The boolean says whether it was cached. */
  public Entry get(CspTarget target, boolean[] wasCached) {
    Composition reduced = target.composition().reduced();
    Key key = new Key(reduced.formula(), target.atoms().orElse(0), target.groups().slot());
    Entry e = cache.get(key);
    if (wasCached != null && wasCached.length > 0) wasCached[0] = e != null;
    if (e != null) return e;
    return cache.computeIfAbsent(key, k -> compile(reduced, target.atoms(), target.groups()));
  }

  /** The text of the query for a reduced composition. */
  public static String queryText(Composition reduced, OptionalInt atoms, GroupChoice groups) {
    StringBuilder sb = new StringBuilder("query csp {\n");
    sb.append("    structure ").append(groups.slot()).append("-(?-?-?-?-?)+-X-?\n");
    sb.append("    formula ").append(reduced.formula()).append('\n');
    if (atoms.isPresent()) sb.append("    atoms ").append(atoms.getAsInt()).append(" per primitive cell\n");
    return sb.append("}\n").toString();
  }

  private Entry compile(Composition reduced, OptionalInt atoms, GroupChoice groups) {
    String what = reduced.formula() + (atoms.isPresent() ? " with " + atoms.getAsInt() + " atoms per primitive cell" : "");
    int unit = reduced.atoms();
    int max = limits.maxAtoms();
    if (atoms.isPresent()) {
      int n = atoms.getAsInt();
      if (n < 1) return new Infeasible(what + ": the atom count must be >= 1");
      if (n % unit != 0)
        return new Infeasible(what + ": " + n + " is not a multiple of the " + unit + " atoms of one formula unit");
      if (n > max) return new Infeasible(what + ": more than the " + max + " atoms per primitive cell allowed (--max-atoms)");
    } else if (unit > max) {
      return new Infeasible(what + ": one formula unit has " + unit + " atoms, more than the " + max + " atoms per primitive cell allowed (--max-atoms)");
    }
    long t0 = System.nanoTime();
    try {
      // an explicit atom count above the default limit needs the limit raised with it
      Limits l = atoms.isPresent() && atoms.getAsInt() > limits.maxAtoms() ? limits.withAtoms(1, atoms.getAsInt(), Limits.Unit.PRIMITIVE) : limits;
      CompiledQuery q = QueryCompiler.compileFile("<csp>", queryText(reduced, atoms, groups), l).getFirst();
      return new Compiled(q, (System.nanoTime() - t0) / 1e9);
    } catch (CompileException e) {
      String why = e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).collect(Collectors.joining("; "));
      return new Infeasible(what + (groups == GroupChoice.ANY ? "" : " in group " + groups.slot()) + ": " + why);
    }
  }
}
