import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xtal.eval.StructureMatcher;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.data.Csv;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.io.cif.CsvCifSource;

/**
 * Recomputes the per-candidate RMSE of a `xtalc csp --benchmark` run with the current
 * StructureMatcher.rms (the ranked sentences against the split's crystals), writing
 * OUT/benchmark-pairs.recheck.csv in the format of benchmark-pairs.csv, for
 * tools/csp/matcher_check.py --pairs benchmark-pairs.recheck.csv:
 *
 *   java -cp 'cli/target/lib/*' tools/csp/RecheckPairs.java OUT SPLIT.csv [MAX_PAIRS]
 */
public class RecheckPairs {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int max = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    Map<String, String> cif = new HashMap<>();
    for (CsvCifSource.Row r : CsvCifSource.read(args[1], Files.readString(Path.of(args[1]))).rows()) cif.put(r.id(), r.cif());
    Map<String, StructureMatcher.Prepared> truth = new HashMap<>();
    StructureMatcher m = new StructureMatcher(new StructureMatcher.Tolerances(0.3, 0.5, 10));
    StringBuilder sb = new StringBuilder("material_id,rank,rms\n");
    List<String> lines = Files.readAllLines(out.resolve("ranked.csv"));
    int n = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (n++ >= max) break;
      List<String> f = Csv.split(line);
      String id = f.get(0);
      StructureMatcher.Prepared t = truth.computeIfAbsent(id, k -> StructureMatcher.prepare(CifStructures.read(k, cif.get(k), 1).getFirst().structure().toCell()));
      var c = SentenceChecker.check("candidate", f.get(4)).crystal().orElseThrow();
      var d = m.rms(t, StructureMatcher.prepare(c.expand()));
      sb.append(id).append(',').append(f.get(2)).append(',').append(d.isPresent() ? String.format(Locale.ROOT, "%.6f", d.getAsDouble()) : "").append('\n');
    }
    Files.writeString(out.resolve("benchmark-pairs.recheck.csv"), sb);
  }
}
