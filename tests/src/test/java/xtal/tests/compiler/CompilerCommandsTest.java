package xtal.tests.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xtal.tests.Cli.Result;
import xtal.cli.Xtalc;
import xtal.grammar.CrystalParser;
import xtal.grammar.ast.Template;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.template.TemplateMatcher;

/**
 * {@code xtalc compile}, {@code explain} and {@code match} end to end on the shared data: the
 * four templates of the issue select exactly the sentences the stdlib's reference matcher (plus
 * the default atom and site limits) selects; compiled files load; errors are positioned lines.
 */
class CompilerCommandsTest {

  @TempDir Path dir;

  static Path crystals(String name) {
    String d = System.getProperty("xtal.data", System.getenv().getOrDefault("XTAL_DATA", "../../shared/data"));
    return Path.of(d).resolve("crystals").resolve(name);
  }

  /** The sentence column of a shared CSV. */
  static List<String> sentences(String file) throws IOException {
    List<String> lines = Files.readAllLines(crystals(file));
    int col = List.of(lines.getFirst().split(",")).indexOf("sentence");
    List<String> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) out.add(l.split(",")[col]);
    return out;
  }

  static boolean withinDefaultLimits(Crystal c) {
    int atoms = c.sites().stream().mapToInt(s -> s.position().multiplicity()).sum();
    return c.sites().size() <= 20 && atoms / c.group().centring().latticePoints() <= 20;
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "225-a-[?]-0-0-0-b-[?]-1/2-1/2-1/2-c-[?]-1/4-1/4-1/4-e-O-?-0-0-X-?",
    "{cubic}-(?-?-?-?-?)+-X-?",
    "?-(?-?-?-?-?)*-(?-O-?-?-?)+-(?-?-?-?-?)*-X-?",
    "[139|191]-(?-[lanthanide]-?-?-?)+-(?-?-?-?-?)*-X-?",
  })
  void matchSelectsExactlyWhatTheReferenceMatcherSelects(String template) throws IOException {
    Template t = CrystalParser.parseTemplate("t", template).orElseThrow();
    TemplateMatcher ref = new TemplateMatcher();
    for (String file : List.of("mp20_val.sentences.csv", "perov_5_val.sentences.csv", "carbon_24_val.sentences.csv")) {
      List<String> expected = new ArrayList<>();
      for (String s : sentences(file)) {
        CheckResult r = SentenceChecker.check("x", s);
        if (withinDefaultLimits(r.crystal().orElseThrow()) && ref.matches(t, r.crystal().get())) expected.add(s);
      }
      Result r = xtalc("match", template, crystals(file).toString());
      assertThat(r.code()).isEqualTo(expected.isEmpty() ? Xtalc.NO_MATCH : Xtalc.OK);
      assertThat(r.out().lines().toList()).as(template + " on " + file).isEqualTo(expected);
      Result count = xtalc("match", "-c", template, crystals(file).toString());
      assertThat(count.out().strip()).isEqualTo(Integer.toString(expected.size()));
    }
  }

  @Test
  void compileWritesAFileThatExplainAndMatchLoad() throws IOException {
    Path q = dir.resolve("q.xtal");
    Files.writeString(q, """
        query perovskite_oxides {
            structure 221-a-?-0-0-0-b-?-1/2-1/2-1/2-[c|d]-O-?-?-?-X-?
            charge-balanced
        }
        """);
    Path out = dir.resolve("q.xtalc");
    Result c = xtalc("compile", q.toString(), "-o", out.toString());
    assertThat(c.code()).isEqualTo(Xtalc.OK);
    assertThat(c.out()).containsPattern("query perovskite_oxides: \\d+ states, \\d+ transitions, \\d+ skeletons").contains("wrote " + out);
    Result e = xtalc("explain", out.toString(), "--dot", dir.resolve("q.dot").toString());
    assertThat(e.code()).isEqualTo(Xtalc.OK);
    assertThat(e.out()).contains("state 0 (start)").contains("221 (Pm-3m) -> state 1")
        .contains("coordinates of this site: x = 0, y = 0, z = 0")
        .contains("lattice: a free, b = a, c = a, alpha = 90, beta = 90, gamma = 90");
    assertThat(Files.readString(dir.resolve("q.dot"))).startsWith("digraph xtal {").contains("doublecircle");
    Path sentences = dir.resolve("s.txt");
    Files.writeString(sentences, String.join("\n",
        "221-a-Sr-0-0-0-b-Ti-0.5-0.5-0.5-c-O-0-0.5-0.5-X-3.9-3.9-3.9-90-90-90",  // SrTiO3: balanced
        "221-a-Na-0-0-0-b-Ti-0.5-0.5-0.5-c-O-0-0.5-0.5-X-3.9-3.9-3.9-90-90-90",  // NaTiO3: +1+4-6
        "221-a-Sr-0-0-0-X-3.9-3.9-3.9-90-90-90") + "\n");
    Result m = xtalc("match", out.toString(), sentences.toString());
    assertThat(m.code()).isEqualTo(Xtalc.OK);
    assertThat(m.out().lines().toList()).containsExactly("221-a-Sr-0-0-0-b-Ti-0.5-0.5-0.5-c-O-0-0.5-0.5-X-3.9-3.9-3.9-90-90-90");
    Result v = xtalc("match", "-v", out.toString(), sentences.toString());
    assertThat(v.out().lines().toList()).hasSize(2);
  }

  @Test
  void invalidSentencesAreReportedNotSkipped() throws IOException {
    Path s = dir.resolve("bad.txt");
    Files.writeString(s, "225-a-O-0-0-0-X-4-4-4-90-90-90\n225-z-O-0-0-0-X-4-4-4-90-90-90\n");
    Result r = xtalc("match", "{cubic}-(?-?-?-?-?)+-X-?", s.toString());
    assertThat(r.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(r.out().lines().toList()).containsExactly("225-a-O-0-0-0-X-4-4-4-90-90-90");
    assertThat(r.err()).contains(s + ":2:").contains("1 invalid sentence");
  }

  @Test
  void infeasibleAndBadQueriesArePositionedErrors() throws IOException {
    Path q = dir.resolve("bad.xtal");
    Files.writeString(q, "query tiny {\n    structure 225-(?-O-?-?-?)+-X-?\n    atoms <= 3 per conventional cell\n}\n");
    Result r = xtalc("compile", q.toString());
    assertThat(r.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(r.err()).startsWith(q + ":1:1: no crystal satisfies query 'tiny'").contains("needs at least 4 atoms per conventional cell");
    Result t = xtalc("compile", "225-a-[Xq]-0-0-0-X-?");
    assertThat(t.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(t.err()).contains("<template>:1:").contains("unknown element");
    // the budget bounds the eager automaton, which -o needs (sampling would build it lazily)
    Result big = xtalc("compile", "--max-states", "5000", "?-(?-?-?-?-?)+-X-?", "-o", dir.resolve("big.xtalc").toString());
    assertThat(big.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(big.err()).contains("too complex").contains("budget");
    Result missing = xtalc("explain", dir.resolve("nope.xtal").toString());
    assertThat(missing.code()).isEqualTo(Xtalc.NO_INPUT);
    assertThat(missing.err()).contains("cannot read");
  }

  /** A query too large for the eager automaton compiles lazily; explain says what is exact; -o builds eagerly or fails. */
  @Test
  void aLazyQueryCompilesExplainsAndRefusesAnXtalcFile() throws IOException {
    Path q = dir.resolve("big.xtal");
    Files.writeString(q, "query big {\n  structure ?-(?-?-?-?-?)+-X-?\n  charge-balanced\n}\n");
    Result compile = xtalc("compile", q.toString());
    assertThat(compile.code()).as(compile.err()).isEqualTo(Xtalc.OK);
    assertThat(compile.out()).contains("query big: built lazily");
    Result explain = xtalc("explain", q.toString());
    assertThat(explain.code()).as(explain.err()).isEqualTo(Xtalc.OK);
    assertThat(explain.out()).contains("built lazily").contains("exact: a token is allowed only if")
        .contains("state 0 (start): 230 tokens allowed");
    Result dot = xtalc("explain", q.toString(), "--dot", dir.resolve("big.dot").toString());
    assertThat(dot.code()).isEqualTo(Xtalc.USAGE);
    assertThat(dot.err()).contains("built lazily");
    Result written = xtalc("compile", q.toString(), "-o", dir.resolve("big.xtalc").toString(), "--max-states", "20000");
    assertThat(written.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(written.err()).contains("query 'big' is too complex");
    assertThat(Files.exists(dir.resolve("big.xtalc"))).isFalse();
  }
}
