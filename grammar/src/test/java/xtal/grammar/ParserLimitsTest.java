package xtal.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import xtal.grammar.ast.Template;

/** Input that is huge, hostile or odd gets a diagnostic quickly, never an exception or a hang. */
class ParserLimitsTest {

  private static final int TEN_MB = 10 * 1024 * 1024;

  private static long millis(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return Duration.ofNanos(System.nanoTime() - t0).toMillis();
  }

  @Test
  void aTenMegabyteLineIsRefusedFast() {
    String line = "225-a-La-0-0-0".repeat(TEN_MB / 14 + 1);
    ParseResult<?>[] r = new ParseResult<?>[1];
    long ms = millis(() -> r[0] = CrystalParser.parseTemplate("big.txt", 7, line));
    assertThat(ms).isLessThan(2_000);
    assertThat(r[0].ok()).isFalse();
    assertThat(r[0].diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.format()).startsWith("big.txt:7:100001: line too long: " + line.length() + " characters");
    });
  }

  @Test
  void aTenMegabyteTokenInAFileIsEchoedShort() {
    // Under the file limit a huge single token still gives a short message.
    String file = "query q {\n structure " + "1".repeat(CrystalParser.MAX_FILE - 100) + " }";
    ParseResult<?>[] r = new ParseResult<?>[1];
    long ms = millis(() -> r[0] = CrystalParser.parseFile("big.xtal", file));
    assertThat(ms).isLessThan(5_000);
    assertThat(r[0].ok()).isFalse();
    assertThat(r[0].diagnostics()).allSatisfy(d -> assertThat(d.message().length()).isLessThan(300));
  }

  @Test
  void aTenMegabyteFileIsRefused() {
    String file = "#".repeat(TEN_MB);
    ParseResult<?> r = CrystalParser.parseFile("big.xtal", file);
    assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.format()).startsWith("big.xtal: file too large"));
  }

  private static final String ALPHABET = "225-aLX?[]{}()|!$=,.*+'\"#/0123456789 \n\tquery let import structure";

  @Test
  void garbageNeverThrowsAndStopsAtTheErrorLimit() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        b.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = b.toString();
      ParseResult<?> t = CrystalParser.parseTemplate("g", text);
      ParseResult<?> f = CrystalParser.parseFile("g", text);
      assertThat(t.diagnostics().size()).isLessThanOrEqualTo(1);
      assertThat(f.diagnostics().size()).isLessThanOrEqualTo(SyntaxErrors.MAX_ERRORS + 1);
      for (ParseResult<?> r : List.of(t, f)) {
        if (!r.ok()) {
          assertThat(r.diagnostics()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.line()).isPositive();
            assertThat(d.column()).isPositive();
          });
        }
      }
    }
  }

  @Test
  void manyErrorsAreCapped() {
    String file = "query q { " + "bogus 1 ".repeat(500) + "}";
    ParseResult<?> r = CrystalParser.parseFile("many.xtal", file);
    assertThat(r.ok()).isFalse();
    assertThat(r.errors()).hasSizeLessThanOrEqualTo(SyntaxErrors.MAX_ERRORS + 1);
    // Errors found while building the AST are capped the same way.
    ParseResult<?> dup = CrystalParser.parseFile("dup.xtal", "query q { sites 1 }\n".repeat(5_000));
    assertThat(dup.errors()).hasSize(SyntaxErrors.MAX_ERRORS + 1);
    assertThat(dup.errors().getLast().message()).isEqualTo("too many errors; not reporting more");
  }

  @Test
  void wildcardsAreTemplatesNotSentences() {
    ParseResult<?> r = CrystalParser.parseSentence("s", "225-a-?-0-0-0-X-5");
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.format()).isEqualTo("s:1:7: a crystal sentence cannot contain a wildcard; use a template query");
    });
    assertThat(CrystalParser.parseTemplate("t", "225-a-?-0-0-0-X-5").ok()).isTrue();
  }

  @Test
  void emptyInput() {
    assertThat(CrystalParser.parseSentence("e", "").diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly("e:1:1: expected a number, found end of line");
    assertThat(CrystalParser.parseFile("e.xtal", "").orElseThrow().items()).isEmpty();
  }

  @Test
  void greedyCoordinates() {
    // Ten wildcards after the group: two full sites (letter, element, three coordinates each).
    Template t = CrystalParser.parseTemplate("t", "?-?-?-?-?-?-?-?-?-?-?-X-?").orElseThrow();
    assertThat(t.sites()).hasSize(2);
    assertThat(t.sites()).allSatisfy(s -> assertThat(((Template.Site) s).coordinates()).hasSize(3));
    assertThat(t.latticeFree()).isTrue();
  }

  @Test
  void bindingsAndReferences() {
    Template t = CrystalParser.parseTemplate("t", "225-a-$A-b-$A-c-$B=[Li|Na]-d-$B-X-?").orElseThrow();
    List<Template.ElementSlot> e =
        t.sites().stream().map(s -> ((Template.Site) s).element()).toList();
    assertThat(e.get(0)).isInstanceOf(Template.Binding.class);
    assertThat(e.get(1)).isEqualTo(new Template.Reference("A", Span.NONE));
    assertThat(((Template.Binding) e.get(2)).constraint()).isInstanceOf(Template.ElementSet.class);
    assertThat(e.get(3)).isEqualTo(new Template.Reference("B", Span.NONE));
  }

  @Test
  void linesCountFromTheGivenLine() {
    ParseResult<?> r = CrystalParser.parseSentence("f.txt", 42, "225-a-La-0-0-0-X-5.1)");
    assertThat(r.diagnostics()).extracting(Diagnostic::format)
        .containsExactly("f.txt:42:21: expected end of line, found ')'");
  }

  @Test
  void deepNestingIsRefusedBeforeTheStackRunsOut() {
    String ok = "225-" + "(".repeat(CrystalParser.MAX_NESTING) + "a-La" + ")".repeat(CrystalParser.MAX_NESTING) + "-X-?";
    assertThat(CrystalParser.parseTemplate("n", ok).ok()).isTrue();
    String deep = "225-" + "(".repeat(40_000) + "a-La" + ")".repeat(40_000) + "-X-?";
    assertThat(CrystalParser.parseTemplate("n", deep).diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly("n:1:" + (5 + CrystalParser.MAX_NESTING) + ": groups nested more than 32 deep");
    assertThat(CrystalParser.parseFile("n.xtal", "query q { formula " + "(".repeat(100_000) + "}").ok()).isFalse();
  }

  @Test
  void aLongLineOfWildcardsStaysFast() {
    // '?' is ambiguous (coordinate or next letter); prediction must not look ahead to the end
    // of the line at every site.
    String valid = "?-".repeat(CrystalParser.MAX_LINE / 2 - 10) + "X-?";
    String invalid = "?-".repeat(CrystalParser.MAX_LINE / 2 - 10) + "@";
    CrystalParser.parseTemplate("warm-up", "?-".repeat(1000) + "X-?");
    assertThat(millis(() -> assertThat(CrystalParser.parseTemplate("w", valid).ok()).isTrue())).isLessThan(5_000);
    assertThat(millis(() -> assertThat(CrystalParser.parseTemplate("w", invalid).ok()).isFalse())).isLessThan(5_000);
  }
}
