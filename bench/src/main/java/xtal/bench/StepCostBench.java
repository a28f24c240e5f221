package xtal.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import xtal.model.Layout;
import xtal.runtime.decode.StepModel;
import xtal.runtime.engine.DjlStepModel;

/**
 * What one model call costs, by batch size and prefix length: a cached {@code step} at prefix P
 * and a {@code forward} over P + 1 positions (what the recomputing baseline pays at that step).
 * The inputs are padding: the cost of these graphs does not depend on the token values. Each
 * figure is the median of {@code REPEATS} decodes of {@code LENGTH} positions.
 *
 * <pre>java -cp bench/target/benchmarks.jar xtal.bench.StepCostBench [MODEL_DIR] [LENGTH] [BATCH...]</pre>
 */
public final class StepCostBench {
  private static final int REPEATS = 5;

  private StepCostBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "models/mp20");
    int length = args.length > 1 ? Integer.parseInt(args[1]) : 48;
    int[] batches = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 64, 256};
    int[] report = {0, 1, 8, 16, 24, 32, 40, 47, 63, 95, 127};
    try (DjlStepModel cached = DjlStepModel.load(dir, true); DjlStepModel full = DjlStepModel.load(dir, false)) {
      for (int b : batches) {
        double[][] c = time(cached, b, length), f = time(full, b, Math.min(length, 48));
        System.out.printf(Locale.ROOT, "batch %d: ms per call (median of %d)%n  prefix P   step   forward(P+1)%n", b, REPEATS);
        for (int p : report) {
          if (p >= length) break;
          String fw = p < f.length ? String.format(Locale.ROOT, "%8.2f", median(f[p])) : "       -";
          System.out.printf(Locale.ROOT, "  %8d %6.2f %s%n", p, median(c[p]), fw);
        }
        double sc = 0, sf = 0;
        int n = Math.min(length, 48);
        for (int p = 0; p < n; p++) {
          sc += median(c[p]);
          sf += median(f[p]);
        }
        System.out.printf(Locale.ROOT, "  %d positions: cached %.1f ms, recompute %.1f ms, ratio %.1fx%n", n, sc, sf, sf / sc);
      }
    }
  }

  /** ms per call at each position, per repeat (after one warm-up decode). */
  private static double[][] time(StepModel m, int batch, int length) {
    double[][] ms = new double[length][REPEATS];
    int[] groups = new int[batch], input = new int[batch], next = new int[batch];
    Arrays.fill(groups, 1);
    float[] feats = new float[batch * Layout.FEATURES];
    for (int r = -1; r < REPEATS; r++) {
      try (StepModel.Session s = m.start(groups)) {
        for (int p = 0; p < length; p++) {
          long t0 = System.nanoTime();
          s.step(input, feats, next);
          if (r >= 0) ms[p][r] = (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    return ms;
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
