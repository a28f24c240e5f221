package xtal.runtime.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import xtal.compiler.CompileException;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.grammar.CrystalParser;
import xtal.grammar.Diagnostic;
import xtal.grammar.ParseResult;
import xtal.grammar.ast.Template;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.template.TemplateMatcher;

/**
 * Mutated real sentences, templates and {@code .xtal} files through the public entry points
 * (parse, check, compile, match, decode with an adversarial fake model): nothing but positioned
 * diagnostics comes out, no exception escapes, no message hides invisible characters, and every
 * decoded sample of a compiled query passes the stdlib checker and the query's meaning (the
 * structure by TemplateMatcher). Seeded: the same inputs every run, a fixed number of them (a few
 * seconds on an idle machine), with a time cap only as a guard against a hang.
 */
class FuzzTest {

  private static final int INPUTS = 60;
  private static final long CAP_SECONDS = 90;
  private static final Limits SMALL = Limits.DEFAULT.withBudget(5_000, 40_000);

  /** Pieces a mutation inserts: the grammar's own tokens, numbers at the edges, and hostile characters. */
  private static final String[] PIECES = {
    "-", "?", "[", "]", "..", "|", "$A", "$A=", "(", ")", "*", "+", "{2}", "{1,3}", "{cubic}", "X", "!", "/", ".", "0", "1/3",
    "0.333333", "90", "180", "120", "1234567890123456789", "99999999999999999999.5", "0.00000000000000000001", "[0.1..0.2]",
    "[0.3..0.4]", "[0.0001..0.0002]", "[5..3]", "a", "f", "z", "A", "O", "La", "Xx", "[lanthanide]", "[!O|F]", "\u2028", "\u200b",
    "\u202e", "\u0000", "\t", "\n", "#", "query q {", "}", "formula AB", "distinct-elements 3", "charge-balanced", "count O >= 3",
    "atoms <= 4", "sites >= 2", "only O, H", "exclude O", "contains F", "let s = [O|F]", "import prototype spinel",
  };

  @Test
  void mutatedInputsGiveDiagnosticsAndSamplesThatSatisfyTheirQueries() throws IOException {
    List<String> sentences = new ArrayList<>();
    for (String line : Files.readAllLines(data().resolve("crystals/mp20_val.sentences.csv")).subList(1, 400)) {
      sentences.add(line.substring(line.lastIndexOf(',') + 1));
    }
    List<String> files = new ArrayList<>();
    try (var list = Files.list(Path.of("../examples"))) {
      for (Path p : list.filter(p -> p.toString().endsWith(".xtal")).sorted().toList()) files.add(Files.readString(p));
    }
    List<String> templates = List.of(
        "225-a-La-0-0-0-f-H-[0.1..0.2]-[0.3..0.4]-?-X-?",
        "{cubic}-(?-?-?-?-?)+-X-[3..4]-?",
        "225-a-$A=[rare-earth]-0-0-0-c-H-1/4-1/4-1/4-f-H-?-?-?-X-?",
        "191-a-C-0-0-0-l-C-?-[0.1..0.2]-0-X-?",
        "2-(?-?-?-?-?)+-X-?-?-?-[10..90]-[10..90]-[100..120]",
        "[62|63]-(?-[!O|H]-?-?-?){1,3}-(c-?-?-?-?)?-X-?");
    Random rnd = new Random(20261204);
    long deadline = System.nanoTime() + CAP_SECONDS * 1_000_000_000L;
    int inputs = 0, accepted = 0, samples = 0;
    List<String> problems = new ArrayList<>();
    while (inputs < INPUTS && problems.size() < 5) {
      assertThat(System.nanoTime()).as("fuzzing %d inputs took over %d s", INPUTS, CAP_SECONDS).isLessThan(deadline);
      int r = rnd.nextInt(10), kind = r < 4 ? 0 : r < 8 ? 1 : 2;
      String base = switch (kind) {
        case 0 -> sentences.get(rnd.nextInt(sentences.size()));
        case 1 -> rnd.nextBoolean() ? templates.get(rnd.nextInt(templates.size())) : sentences.get(rnd.nextInt(sentences.size()));
        default -> files.get(rnd.nextInt(files.size()));
      };
      String text = mutate(base, rnd);
      inputs++;
      try {
        samples += exercise(kind, text, rnd, problems);
        accepted++;
      } catch (CompileException e) {
        for (Diagnostic d : e.diagnostics()) checkMessage(text, d.format(), problems);
      } catch (RuntimeException | StackOverflowError e) {
        problems.add(e + " on " + Diagnostic.visible(text));
      }
    }
    System.out.printf("fuzz: %d inputs, %d without errors, %d samples checked%n", inputs, accepted, samples);
    assertThat(problems).isEmpty();
    assertThat(samples).isGreaterThanOrEqualTo(8);
  }

  /** Parses, checks, compiles and decodes one input; the number of samples checked. */
  private static int exercise(int kind, String text, Random rnd, List<String> problems) throws CompileException {
    if (kind == 0) {
      CheckResult r = SentenceChecker.check("fuzz", text);
      for (Diagnostic d : r.diagnostics()) checkMessage(text, d.format(), problems);
      ParseResult<Template> t = CrystalParser.parseTemplate("fuzz", text);
      // a sentence that checks is its own template and matches itself
      if (r.ok() && t.ok() && !new TemplateMatcher().matches(t.value(), r.crystal().orElseThrow())) {
        problems.add("does not match itself: " + text);
      }
      if (!r.ok()) return 0;
    }
    CompiledQuery q = kind == 2 ? QueryCompiler.compileFile("fuzz.xtal", text, SMALL).getFirst() : QueryCompiler.compileTemplate("fuzz", text, SMALL);
    Decoder d = new Decoder(new FakeStepModel(), null, 400);
    int n = 0;
    for (Sample s : d.decode(q.tokenAutomaton(), 0, 4, new SampleOptions(4, rnd.nextLong(), 1.0, 1.0, 4))) {
      CheckResult r = SentenceChecker.check("sample", s.sentence());
      Crystal c = r.crystal().orElse(null);
      if (c == null) problems.add("sample fails the checker: " + s.sentence() + " " + r.errors() + " for " + Diagnostic.visible(text));
      else if (!q.meaning().violations(c).isEmpty() || !CrystalMatcher.accepts(q, c)) {
        problems.add("sample violates " + q.meaning().violations(c) + ": " + s.sentence() + " for " + Diagnostic.visible(text));
      }
      n++;
    }
    return n;
  }

  private static void checkMessage(String input, String message, List<String> problems) {
    boolean hidden = false;
    for (int i = 0; i < message.length(); i++) {
      int type = Character.getType(message.charAt(i));
      if (message.charAt(i) != '\n' && (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR)) hidden = true;
    }
    if (hidden || message.contains("Exception") || message.contains("\tat ")) {
      problems.add("message " + Diagnostic.visible(message) + " for " + Diagnostic.visible(input));
    }
  }

  /** One to three edits: delete, insert a piece, duplicate a chunk, or replace a number-like token. */
  static String mutate(String s, Random rnd) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + rnd.nextInt(3);
    for (int k = 0; k < edits; k++) {
      int at = b.isEmpty() ? 0 : rnd.nextInt(b.length());
      switch (rnd.nextInt(4)) {
        case 0 -> {
          if (!b.isEmpty()) b.deleteCharAt(at);
        }
        case 1 -> b.insert(at, PIECES[rnd.nextInt(PIECES.length)]);
        case 2 -> {
          int end = Math.min(b.length(), at + 1 + rnd.nextInt(12));
          b.insert(end, b.substring(at, end));
        }
        default -> {
          int end = at;
          while (end < b.length() && Character.isLetterOrDigit(b.charAt(end)) || end < b.length() && b.charAt(end) == '.') end++;
          b.replace(at, end, PIECES[rnd.nextInt(PIECES.length)]);
        }
      }
    }
    return b.toString();
  }

  static Path data() {
    String env = System.getenv("XTAL_DATA");
    return Path.of(env != null ? env : System.getProperty("xtal.data", "../../shared/data"));
  }
}
