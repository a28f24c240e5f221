package xtal.stdlib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import xtal.grammar.CrystalParser;
import xtal.grammar.ast.Sentence;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.UnitCell;

/**
 * A plain timing loop (not JMH, not a test) over every shared sentence: parse, check, expand,
 * shortest distance, canonical form; each pass repeated so the later ones are warm. Run with the
 * test classpath, e.g. {@code java -cp stdlib/target/classes:stdlib/target/test-classes:…
 * xtal.stdlib.StdlibTimingMain ../shared/data 6}. Figures are in docs/BENCHMARKS.md.
 */
public final class StdlibTimingMain {
  private StdlibTimingMain() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    List<String> texts = new ArrayList<>();
    try (var files = Files.list(data.resolve("crystals"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".sentences.csv")).sorted().toList()) {
        List<String> lines = Files.readAllLines(p);
        for (String l : lines.subList(1, lines.size())) if (!l.isBlank()) texts.add(l.split(",")[4]);
      }
    }
    for (int rep = 0; rep < reps; rep++) {
      long t0 = System.nanoTime();
      List<Sentence> parsed = new ArrayList<>();
      for (String t : texts) parsed.add(CrystalParser.parseSentence("t", t).orElseThrow());
      long t1 = System.nanoTime();
      List<Crystal> crystals = new ArrayList<>();
      for (Sentence s : parsed) crystals.add(SentenceChecker.check("t", s).crystal().orElseThrow());
      long t2 = System.nanoTime();
      List<UnitCell> cells = new ArrayList<>();
      for (Crystal c : crystals) cells.add(c.expand());
      long t3 = System.nanoTime();
      double sink = 0;
      for (UnitCell u : cells) sink += u.minDistance();
      long t4 = System.nanoTime();
      for (Crystal c : crystals) sink += c.canonicalSentence().length();
      long t5 = System.nanoTime();
      System.out.printf(Locale.ROOT, "%d sentences: parse %.2f s, check %.2f s, expand %.2f s, min distance %.2f s, canonical %.2f s (%.0f)%n",
          texts.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t5 - t4) / 1e9, sink);
    }
  }
}
