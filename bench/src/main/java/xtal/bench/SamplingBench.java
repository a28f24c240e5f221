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
 * Sampling speed, measured in one run: samples/s with the key/value cache, the first batch of
 * the same crystals (same seeds, same batch width) recomputing the whole prefix at every step,
 * their ratio per crystal, the ratio on the baseline's own crystals (the cache decoding exactly
 * the batch the baseline decoded, so both pay for the same longest sequence), and the share of
 * decode time spent building masks and stepping the automaton.
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
    // the baseline decodes one whole batch, so both pay for the longest sequence of a batch as wide
    SampleOptions baseline = o.withCount(Math.min(n, batch));

    try (Generator cached = Generator.load(model, true); Generator full = Generator.load(model, false)) {
      cached.sample(q, small).count(); // warm-up: engine, graph, JIT
      full.sample(q, small.withCount(8)).count();

      Decoder.Timing tc = new Decoder.Timing();
      long c = cached.sample(q, o, tc).count();
      Decoder.Timing tf = new Decoder.Timing();
      long f = full.sample(q, baseline, tf).count();
      // the baseline's own crystals with the cache: same crystals, same batch, same length
      Decoder.Timing ts = new Decoder.Timing();
      cached.sample(q, baseline, ts).count();

      double perCached = tc.total / 1e9 / c, perFull = tf.total / 1e9 / f;
      System.out.printf(Locale.ROOT, "device: %s; model: %s; query: %s; batch %d%n", cached.device(), model, query, batch);
      System.out.printf(Locale.ROOT, "kv-cached:  %d crystals in %.2f s = %.1f crystals/s (model %.1f %%, masks+automaton %.2f %%); %s%n",
          c, tc.total / 1e9, 1 / perCached, 100.0 * tc.model / tc.total, 100.0 * tc.automaton / tc.total, steps(tc, c, batch));
      System.out.printf(Locale.ROOT, "recompute:  %d crystals in %.2f s = %.1f crystals/s (model %.1f %%); %s%n",
          f, tf.total / 1e9, 1 / perFull, 100.0 * tf.model / tf.total, steps(tf, f, batch));
      System.out.printf(Locale.ROOT, "speed-up of the cache per crystal: %.1fx%n", perFull / perCached);
      System.out.printf(Locale.ROOT, "speed-up on the baseline's %d crystals (kv-cached %.2f s; %s): %.1fx%n",
          f, ts.total / 1e9, steps(ts, f, batch), (double) tf.total / ts.total);
    }
  }

  /** Positions per batch (its longest sequence) and model time per call. */
  private static String steps(Decoder.Timing t, long crystals, int batch) {
    long batches = (crystals + batch - 1) / batch;
    return String.format(Locale.ROOT, "%.1f positions per batch, %.2f ms per model call", (double) t.steps / batches, t.model / 1e6 / t.steps);
  }
}
