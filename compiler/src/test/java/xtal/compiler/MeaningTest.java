package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;

/**
 * A compiled query's meaning — decided on the crystal directly, the structure by the stdlib's
 * TemplateMatcher — agrees with its automaton on real crystals, and survives a .xtalc round trip:
 * it is what the sampler re-checks every sample against.
 */
class MeaningTest {

  @ParameterizedTest
  @ValueSource(strings = {"rock-salts.xtal", "spinels.xtal", "heuslers.xtal", "carbonates.xtal", "double-perovskites.xtal"})
  void theMeaningAndTheAutomatonAgreeOnTheValidationCrystals(String file) throws Exception {
    CompiledQuery q = QueryCompiler.compileArgument("../examples/" + file, null, Limits.DEFAULT);
    int accepted = 0;
    List<String> disagree = new ArrayList<>();
    for (ReferenceData.Entry e : ReferenceData.all()) {
      if (!e.file().equals("mp20_val.sentences.csv")) continue;
      boolean automaton = CrystalMatcher.accepts(q, e.crystal()), meaning = q.meaning().accepts(e.crystal());
      if (automaton) accepted++;
      if (automaton != meaning && disagree.size() < 5) disagree.add((automaton ? "automaton only: " : "meaning only: ") + e.sentence() + " " + q.meaning().violations(e.crystal()));
    }
    assertThat(disagree).as(file).isEmpty();
    System.out.println(file + ": " + accepted + " validation crystals satisfy " + q.name());
  }

  @Test
  void aCompiledQueryFileKeepsItsIndependentMeaning(@TempDir Path dir) throws Exception {
    CompiledQuery q = QueryCompiler.compileTemplate("t", "225-a-La-0-0-0-f-H-[0.1..0.3]-[0.25..0.4]-?-X-?", Limits.DEFAULT);
    Path f = dir.resolve("q.xtalc");
    QueryFile.write(q, f);
    CompiledQuery back = QueryFile.read(f);
    Crystal outside = SentenceChecker.check("s", "225-a-La-0-0-0-f-H-0.2-0.2-0.2-X-5").crystal().orElseThrow();
    Crystal inside = SentenceChecker.check("s", "225-a-La-0-0-0-f-H-0.27-0.27-0.27-X-5").crystal().orElseThrow();
    assertThat(back.meaning().violations(outside)).hasSize(1).first().asString().startsWith("the structure");
    assertThat(back.meaning().accepts(inside)).isTrue();
    String text = "query q {\n  structure 225-a-La-0-0-0-f-H-?-?-?-X-?\n  count H >= 32\n}\n";
    QueryFile.write(QueryCompiler.compileFile("q.xtal", text, Limits.DEFAULT).getFirst(), f);
    assertThat(QueryFile.read(f).meaning().accepts(inside)).isTrue();
    assertThat(Files.size(f)).isPositive();
  }
}
