package xtal.bench;

import java.nio.file.Path;
import java.util.Locale;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.runtime.Generator;
import xtal.runtime.decode.Decoder;
import xtal.runtime.decode.SampleOptions;

/**
 * Sampling speed, measured in one run: samples/s with the key/value cache, the same crystals
 * recomputing the whole prefix at every step, their ratio per crystal, and the share of decode
 * time spent building masks and stepping the automaton.
 *
 * <pre>java -cp bench/target/benchmarks.jar xtal.bench.SamplingBench [MODEL_DIR] [N] [QUERY] [BATCH]</pre>
 */
public final class SamplingBench {
  private SamplingBench() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args.length > 0 ? args[0] : "models/mp20");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    String query = args.length > 2 ? args[2] : "?-(?-?-?-?-?)+-X-?";
    CompiledQuery q = QueryCompiler.compileArgument(query, null, Limits.DEFAULT);
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    SampleOptions o = new SampleOptions(n, 1, 1.0, 1.0, batch);
    SampleOptions small = o.withCount(Math.max(8, n / 8));

    try (Generator cached = Generator.load(model, true); Generator full = Generator.load(model, false)) {
      cached.sample(q, small).count(); // warm-up: engine, graph, JIT
      full.sample(q, small.withCount(8)).count();

      Decoder.Timing tc = new Decoder.Timing();
      long c = cached.sample(q, o, tc).count();
      Decoder.Timing tf = new Decoder.Timing();
      long f = full.sample(q, small, tf).count();

      double perCached = tc.total / 1e9 / c, perFull = tf.total / 1e9 / f;
      System.out.printf(Locale.ROOT, "device: %s; model: %s; query: %s; batch %d%n", cached.device(), model, query, batch);
      System.out.printf(Locale.ROOT, "kv-cached:  %d crystals in %.2f s = %.1f crystals/s (model %.1f %%, masks+automaton %.2f %%)%n",
          c, tc.total / 1e9, 1 / perCached, 100.0 * tc.model / tc.total, 100.0 * tc.automaton / tc.total);
      System.out.printf(Locale.ROOT, "recompute:  %d crystals in %.2f s = %.1f crystals/s (model %.1f %%)%n",
          f, tf.total / 1e9, 1 / perFull, 100.0 * tf.model / tf.total);
      System.out.printf(Locale.ROOT, "speed-up of the cache per crystal: %.1fx%n", perFull / perCached);
    }
  }
}
