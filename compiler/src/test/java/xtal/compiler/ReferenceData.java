package xtal.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;

/** The shared reference sentences ({@code ../shared/data/crystals/*.sentences.csv}), checked once. */
final class ReferenceData {
  private ReferenceData() {}

  record Entry(String file, String sentence, Crystal crystal) {}

  private static List<Entry> all;

  static Path dataDir() {
    String env = System.getenv("XTAL_DATA");
    String dir = env != null ? env : System.getProperty("xtal.data", "../../shared/data");
    return Path.of(dir);
  }

  /** Every reference sentence of every {@code *.sentences.csv}; fails if any does not check. */
  static synchronized List<Entry> all() {
    if (all != null) return all;
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir().resolve("crystals"), "*.sentences.csv")) {
      for (Path f : files) {
        List<String> lines = Files.readAllLines(f);
        int col = List.of(lines.getFirst().split(",")).indexOf("sentence");
        for (String line : lines.subList(1, lines.size())) {
          String sentence = line.split(",")[col];
          CheckResult r = SentenceChecker.check(f.getFileName().toString(), sentence);
          if (!r.ok()) throw new IllegalStateException("reference sentence fails the checker: " + sentence + " " + r.errors());
          out.add(new Entry(f.getFileName().toString(), sentence, r.crystal().orElseThrow()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    all = List.copyOf(out);
    return all;
  }
}
