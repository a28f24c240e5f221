package xtal.stdlib.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xtal.grammar.Span;
import xtal.grammar.ast.Numeral;
import xtal.grammar.ast.Sentence;

/**
 * Test helper: builds a {@link Sentence} from reference text by splitting on '-' (no validation
 * beyond what the records need), with real column spans; and reads the shared sentence files.
 */
public final class TestSentences {
  private TestSentences() {}

  public static Sentence parse(String text) {
    String[] tok = text.split("-", -1);
    int[] col = new int[tok.length];
    int c = 0;
    for (int i = 0; i < tok.length; i++) {
      col[i] = c;
      c += tok[i].length() + 1;
    }
    int i = 0;
    Sentence.GroupToken g = new Sentence.GroupToken(Integer.parseInt(tok[i]), span(col[i], tok[i]));
    i++;
    List<Sentence.SiteToken> sites = new ArrayList<>();
    while (!tok[i].equals("X")) {
      var letter = new Sentence.LetterToken(tok[i].charAt(0), span(col[i], tok[i]));
      int start = col[i];
      i++;
      var el = new Sentence.ElementToken(tok[i], span(col[i], tok[i]));
      i++;
      List<Numeral> cs = new ArrayList<>();
      int end = col[i - 1] + tok[i - 1].length();
      while (Numeral.isNumeral(tok[i])) {
        cs.add(new Numeral(tok[i], span(col[i], tok[i])));
        end = col[i] + tok[i].length();
        i++;
      }
      sites.add(new Sentence.SiteToken(letter, el, cs, new Span(1, start + 1, start, end - start)));
    }
    i++;
    List<Numeral> lat = new ArrayList<>();
    for (; i < tok.length; i++) lat.add(new Numeral(tok[i], span(col[i], tok[i])));
    return new Sentence(g, sites, lat, new Span(1, 1, 0, text.length()));
  }

  private static Span span(int offset, String tok) {
    return new Span(1, offset + 1, offset, tok.length());
  }

  public static Path data() {
    String d = System.getProperty("xtal.data");
    if (d == null) d = System.getenv("XTAL_DATA");
    if (d == null) d = "../../shared/data";
    return Path.of(d);
  }

  /** One row of a shared {@code *.sentences.csv}. */
  public record Row(String file, String materialId, int spacegroup, int natoms, int nsites, String sentence) {}

  public static List<Row> sharedSentences() {
    List<Row> rows = new ArrayList<>();
    try (var files = Files.list(data().resolve("crystals"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".sentences.csv")).sorted().toList()) {
        List<String> lines = Files.readAllLines(p);
        for (String line : lines.subList(1, lines.size())) {
          if (line.isBlank()) continue;
          String[] f = line.split(",");
          rows.add(new Row(p.getFileName().toString(), f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
