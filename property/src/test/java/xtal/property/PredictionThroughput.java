package xtal.property;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import xtal.property.features.CrystalFeatures;
import xtal.property.features.Featurizer;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;

/**
 * Timing main (not a test): how many crystals per second a shipped model scores, split into
 * featurisation and the network through DJL.
 * {@code java -cp … xtal.property.PredictionThroughput MODEL_DIR SENTENCES_CSV [N]}.
 */
public final class PredictionThroughput {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
    List<Crystal> crystals = new ArrayList<>();
    String[] header = lines.get(0).split(",");
    int col = List.of(header).indexOf("sentence");
    for (int i = 1; crystals.size() < n; i = i % (lines.size() - 1) + 1)
      crystals.add(SentenceChecker.check("in", lines.get(i).split(",")[col]).crystal().orElseThrow());
    try (PropertyModel m = PropertyModel.load(dir)) {
      for (int warm = 0; warm < 2; warm++) m.predict(crystals.subList(0, 1000));
      long t0 = System.nanoTime();
      List<CrystalFeatures> f = crystals.stream().map(Featurizer::of).toList();
      long t1 = System.nanoTime();
      List<CrystalFeatures> fp = crystals.parallelStream().map(Featurizer::of).toList();
      long t2 = System.nanoTime();
      m.predictFeatures(f);
      long t3 = System.nanoTime();
      m.predict(crystals);
      long t4 = System.nanoTime();
      System.out.printf(Locale.ROOT, "%s: %d crystals; features %.0f/s on one thread, %.0f/s on %d; network %.0f/s; predict(List<Crystal>) %.0f/s%n",
          dir.getFileName(), n, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9), Runtime.getRuntime().availableProcessors(), n / ((t3 - t2) / 1e9),
          n / ((t4 - t3) / 1e9));
      if (fp.size() != n) throw new AssertionError();
      // the design loop's pattern: many small calls
      for (int batch : new int[] {1, 64}) {
        int calls = Math.min(2000, n / batch);
        long s = System.nanoTime();
        for (int c = 0; c < calls; c++) m.predict(crystals.subList(c * batch, c * batch + batch));
        System.out.printf(Locale.ROOT, "  calls of %d crystals: %.2f ms per call, %.0f crystals/s%n", batch, (System.nanoTime() - s) / 1e6 / calls,
            calls * batch / ((System.nanoTime() - s) / 1e9));
      }
    }
  }
}
