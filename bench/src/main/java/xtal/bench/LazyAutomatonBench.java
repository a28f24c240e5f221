package xtal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.compiler.QueryCompiler.Build;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.runtime.Generator;
import xtal.runtime.decode.Decoder;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;

/**
 * The lazily built automaton, measured in one JVM per mode:
 *
 * <ul>
 *   <li>{@code compile BODY…}: for each query body (the statements of one {@code .xtal} query),
 *       compile time (wall and this thread's CPU) up to the first row — the groups a crystal may
 *       start with — and the heap it leaves and the JVM's peak heap; the first compile of a
 *       trivial query is done before, so that reading the stdlib's tables is not counted. Run it
 *       in a fresh JVM per query for the peak to be that query's.
 *   <li>{@code walks N BODY}: N seeded random walks (a uniformly random allowed token at every
 *       step, cold cache) through the eager and the lazy automaton of the same query: ns per step
 *       for each, and whether both walked the same tokens.
 *   <li>{@code decode MODEL N BATCH BODY}: the model decoding N crystals through the eager
 *       automaton, then a fresh lazy one (cold: every row built on the way), then the same lazy one
 *       again (warm), three rounds; decode time and automaton time of each, and whether all
 *       produced the same crystals (they must: the same tokens are allowed, so the same seeds
 *       draw the same samples).
 * </ul>
 *
 * <pre>java -Dxtal.data=../shared/data -cp bench/target/benchmarks.jar xtal.bench.LazyAutomatonBench compile 'charge-balanced'</pre>
 */
public final class LazyAutomatonBench {
  private LazyAutomatonBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "compile" -> {
        for (int i = 1; i < args.length; i++) compile(args[i]);
      }
      case "walks" -> walks(Integer.parseInt(args[1]), args[2]);
      case "decode" -> decode(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
      default -> throw new IllegalArgumentException("compile | walks | decode");
    }
  }

  static CompiledQuery query(String body, Build how) throws Exception {
    return QueryCompiler.compileFile("bench.xtal", "query q {\n" + body.replace("\\n", "\n") + "\n}\n", Limits.DEFAULT, how).getFirst();
  }

  static void compile(String body) throws Exception {
    query("structure 225-a-Na-0-0-0-X-?", Build.AUTO); // stdlib tables, parser, JIT of the common path
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
    CompiledQuery q = query(body, Build.AUTO);
    long wall = System.nanoTime() - t0, cpu = mx.getCurrentThreadCpuTime() - c0;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(Locale.ROOT, "%-60s %s: wall %.3f s, cpu %.3f s, heap after %.0f MB, peak heap %.0f MB; %s%n",
        "'" + body.replace("\n", "; ").replace("\\n", "; ") + "'", q.isLazy() ? "lazy" : "eager", wall / 1e9, cpu / 1e9, used / 1e6, peak / 1e6,
        q.isLazy() ? q.lazyReport() : q.numStates() + " states");
  }

  static void walks(int n, String body) throws Exception {
    CompiledQuery eager = query(body, Build.EAGER);
    // warm the JIT on both kinds with another query of the same shape, then measure cold caches
    walk(query(body, Build.LAZY).tokenAutomaton(), n, new int[1]);
    walk(eager.tokenAutomaton(), n, new int[1]);
    for (int round = 0; round < 3; round++) {
      CompiledQuery lazy = query(body, Build.LAZY);
      int[] se = new int[1], sl = new int[1];
      long t0 = System.nanoTime();
      long he = walk(eager.tokenAutomaton(), n, se);
      long t1 = System.nanoTime();
      long hl = walk(lazy.tokenAutomaton(), n, sl);
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "round %d: eager %.0f ns/step, lazy (cold) %.0f ns/step over %d steps; same walks: %s; %s%n",
          round, (t1 - t0) / (double) se[0], (t2 - t1) / (double) sl[0], se[0], he == hl, lazy.lazyReport());
    }
  }

  /** N walks; returns a hash of the tokens taken, counts steps into {@code steps[0]}. */
  static long walk(TokenAutomaton a, int n, int[] steps) {
    Random rnd = new Random(1);
    long h = 1;
    for (int i = 0; i < n; i++) {
      int s = a.initialState();
      while (true) {
        int[] allowed = a.allowedTokens(s);
        if (allowed.length == 0) break;
        int t = allowed[rnd.nextInt(allowed.length)];
        h = h * 31 + t;
        s = a.step(s, t);
        steps[0]++;
      }
    }
    return h;
  }

  static void decode(Path model, int n, int batch, String body) throws Exception {
    SampleOptions o = new SampleOptions(n, 1, 1.0, 1.0, batch);
    CompiledQuery eager = query(body, Build.EAGER);
    try (Generator g = Generator.load(model, true)) {
      g.sample(eager, o.withCount(Math.min(n, batch))).count(); // warm-up: engine, graph, JIT
      g.sample(query(body, Build.LAZY), o.withCount(Math.min(n, batch))).count();
      System.out.printf(Locale.ROOT, "device: %s; model: %s; %d crystals, batch %d; query: %s%n", g.device(), model, n, batch, body);
      for (int round = 0; round < 3; round++) {
        Decoder.Timing te = new Decoder.Timing(), tc = new Decoder.Timing(), tw = new Decoder.Timing();
        List<Sample> se = g.sample(eager, o, te).toList();
        CompiledQuery lazy = query(body, Build.LAZY);
        List<Sample> sc = g.sample(lazy, o, tc).toList(); // cold: every row built on the way
        List<Sample> sw = g.sample(lazy, o, tw).toList(); // warm: the same crystals, rows cached
        boolean same = se.size() == sc.size() && sc.size() == sw.size();
        for (int i = 0; same && i < se.size(); i++) same = se.get(i).sentence().equals(sc.get(i).sentence()) && sc.get(i).sentence().equals(sw.get(i).sentence());
        System.out.printf(Locale.ROOT,
            "round %d: eager %.2f s (automaton %.1f ms), lazy cold %.2f s (automaton %.1f ms), lazy warm %.2f s (automaton %.1f ms);"
                + " lazy/eager: cold %.3f, warm %.3f; same crystals: %s; %s%n",
            round, te.total / 1e9, te.automaton / 1e6, tc.total / 1e9, tc.automaton / 1e6, tw.total / 1e9, tw.automaton / 1e6,
            (double) tc.total / te.total, (double) tw.total / te.total, same, lazy.lazyReport());
      }
    }
  }
}
