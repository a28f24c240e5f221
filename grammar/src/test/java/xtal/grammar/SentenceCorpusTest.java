package xtal.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import xtal.grammar.ast.Sentence;
import xtal.grammar.ast.Template;

/**
 * Every crystal sentence of the shared data sets ({@code *.sentences.csv}: MP-20, perov-5,
 * carbon-24, ~36k) parses, prints back to exactly the text it was read from, and re-parses to an
 * equal AST — as a sentence and as a template.
 */
class SentenceCorpusTest {

  /** The shared data directory: {@code -Dxtal.data}, else {@code XTAL_DATA}, else {@code ../shared/data}. */
  static Path dataDir() {
    String p = System.getProperty("xtal.data");
    if (p == null || p.isBlank()) p = System.getenv("XTAL_DATA");
    List<Path> candidates = new ArrayList<>();
    if (p != null && !p.isBlank()) candidates.add(Path.of(p));
    candidates.add(Path.of("../shared/data"));
    candidates.add(Path.of("../../shared/data"));
    for (Path c : candidates) if (Files.isDirectory(c.resolve("crystals"))) return c;
    throw new AssertionError("shared data not found (tried " + candidates + "); set -Dxtal.data=DIR");
  }

  static List<Path> sentenceFiles() throws IOException {
    try (Stream<Path> s = Files.list(dataDir().resolve("crystals"))) {
      return s.filter(f -> f.getFileName().toString().endsWith(".sentences.csv")).sorted().toList();
    }
  }

  /** The sentence column (the last) of each data row. */
  static List<String> sentences(Path csv) throws IOException {
    List<String> out = new ArrayList<>();
    for (String row : Files.readAllLines(csv)) {
      if (row.startsWith("material_id")) continue;
      out.add(row.substring(row.lastIndexOf(',') + 1).strip());
    }
    return out;
  }

  @Test
  void everySentenceRoundTrips() throws IOException {
    List<Path> files = sentenceFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(7);
    int count = 0;
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      for (String text : sentences(f)) {
        count++;
        ParseResult<Sentence> r = CrystalParser.parseSentence(f.getFileName().toString(), text);
        if (!r.ok()) {
          failures.add(text + " → " + r.diagnostics());
          continue;
        }
        Sentence s = r.value();
        String printed = Printer.print(s);
        if (!printed.equals(text)) failures.add(text + " printed as " + printed);
        Sentence again = CrystalParser.parseSentence("printed", printed).value();
        if (!s.equals(again)) failures.add(text + " re-parsed differently");
        // The same text as a template is concrete and gives the same sentence.
        Template t = CrystalParser.parseTemplate("template", text).orElseThrow();
        if (!t.toSentence().orElseThrow().equals(s) || !Printer.print(t).equals(text) || !Template.of(s).equals(t)) {
          failures.add(text + " differs as a template");
        }
        if (failures.size() > 20) break;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(count).isGreaterThan(36_000);
  }

  @Test
  void structureOfAKnownSentence() {
    Sentence s =
        CrystalParser.parseSentence(
                "t", "225-a-La-0-0-0-c-H-1/4-1/4-1/4-f-H-0.375-0.375-0.375-X-5.1-5.1-5.1-90-90-90")
            .orElseThrow();
    assertThat(s.group().number()).isEqualTo(225);
    assertThat(s.sites()).hasSize(3);
    assertThat(s.sites().get(1).letter().letter()).isEqualTo('c');
    assertThat(s.sites().get(1).element().symbol()).isEqualTo("H");
    assertThat(s.sites().get(1).coordinates().get(0).text()).isEqualTo("1/4");
    assertThat(s.sites().get(1).coordinates().get(0).value()).isEqualTo(0.25);
    assertThat(s.lattice()).extracting(n -> n.text()).containsExactly("5.1", "5.1", "5.1", "90", "90", "90");
    // Spans: the H of site c starts at column 18.
    assertThat(s.sites().get(1).element().span().column()).isEqualTo(18);
    assertThat(s.sites().get(1).element().span().offset()).isEqualTo(17);
  }

  @Test
  void compactFormKeepsOnlyTheNumbersWritten() {
    Sentence s = CrystalParser.parseSentence("t", "167-a-C-b-Ca-e-O-0.257-X-4.99-17.07").orElseThrow();
    assertThat(s.sites()).extracting(x -> x.coordinates().size()).containsExactly(0, 0, 1);
    assertThat(s.lattice()).hasSize(2);
  }
}
