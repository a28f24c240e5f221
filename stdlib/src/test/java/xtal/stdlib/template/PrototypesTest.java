package xtal.stdlib.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xtal.grammar.CrystalParser;
import xtal.grammar.ast.Template;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.element.Element;
import xtal.stdlib.testing.TestSentences;

/** Each prototype matches real structures of the shared data; the matcher's rules, one by one. */
class PrototypesTest {

  static final TemplateMatcher M = new TemplateMatcher();

  static Crystal crystal(String s) {
    return SentenceChecker.check("t", s).crystal().orElseThrow();
  }

  static Template template(String t) {
    return CrystalParser.parseTemplate("t", t).orElseThrow();
  }

  @Test
  void libraryLoads() {
    assertThat(Prototypes.names()).contains("rock-salt", "cesium-chloride", "zinc-blende", "wurtzite", "fluorite", "rutile", "perovskite",
        "double-perovskite", "spinel", "heusler", "half-heusler", "lah10-clathrate", "calcite", "diamond");
    Prototype p = Prototypes.get("perovskite").orElseThrow();
    assertThat(p.parameters()).containsExactly("A", "B", "X");
    assertThat(p.description()).startsWith("Cubic perovskite ABX3");
  }

  /** Every prototype but LaH10 matches at least one shared structure; counts show they are selective. */
  @Test
  void everyPrototypeMatchesRealSharedStructures() {
    List<Crystal> crystals = new ArrayList<>();
    for (TestSentences.Row r : TestSentences.sharedSentences())
      crystals.add(SentenceChecker.check(r.file(), TestSentences.parse(r.sentence())).crystal().orElseThrow());
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> example = new HashMap<>();
    for (Prototype p : Prototypes.all())
      for (Crystal c : crystals)
        if (M.matches(p.template(), c)) {
          counts.merge(p.name(), 1, Integer::sum);
          example.putIfAbsent(p.name(), c.canonicalSentence());
        }
    for (Prototype p : Prototypes.all()) {
      if (p.name().equals("lah10-clathrate")) continue; // 44 atoms per cell: beyond MP-20's 20-atom limit, tested below
      assertThat(counts.getOrDefault(p.name(), 0)).as("matches of %s", p.name()).isPositive();
      assertThat(counts.get(p.name())).as("%s must be selective", p.name()).isLessThan(crystals.size() / 10);
    }
    assertThat(example.get("calcite")).matches("167-a-[A-Za-z]+-0-0-0.25-b-[A-Za-z]+-0-0-0-e-[A-Za-z]+-[0-9.]+-0-0.25-X-.*");
    assertThat(example.get("rock-salt")).matches("225-a-[A-Za-z]+-0-0-0-b-[A-Za-z]+-0.5-0.5-0.5-X-.*");
  }

  @Test
  void lah10MatchesTheLiteratureStructure() {
    Crystal lah10 = crystal("225-a-La-0-0-0-c-H-1/4-1/4-1/4-f-H-0.3750-0.3750-0.3750-X-5.1");
    Map<String, Element> b = M.match(Prototypes.get("lah10-clathrate").orElseThrow().template(), lah10).orElseThrow();
    assertThat(b.get("A").symbol()).isEqualTo("La");
    assertThat(M.matches(Prototypes.get("fluorite").orElseThrow().template(), lah10)).isFalse();
  }

  @Test
  void bindingsAndArguments() {
    Crystal srtio3 = crystal("221-a-Sr-b-Ti-c-O-X-3.905");
    Prototype perovskite = Prototypes.get("perovskite").orElseThrow();
    Map<String, Element> b = M.match(perovskite.template(), srtio3).orElseThrow();
    assertThat(b.get("A").symbol()).isEqualTo("Sr");
    assertThat(b.get("B").symbol()).isEqualTo("Ti");
    assertThat(b.get("X").symbol()).isEqualTo("O");
    Template ti = perovskite.bind(Map.of("B", new Template.ElementExact("Ti", xtal.grammar.Span.NONE)));
    assertThat(M.matches(ti, srtio3)).isTrue();
    Template zr = perovskite.bind(Map.of("B", new Template.ElementExact("Zr", xtal.grammar.Span.NONE)));
    assertThat(M.matches(zr, srtio3)).isFalse();
    assertThatThrownBy(() -> perovskite.bind(Map.of("Q", new Template.AnyElement(xtal.grammar.Span.NONE)))).hasMessageContaining("no parameter Q");
    // the same structure with the origin on Ti is the other prototype
    Crystal shifted = crystal("221-a-Ti-b-Sr-d-O-X-3.905");
    assertThat(M.matches(perovskite.template(), shifted)).isFalse();
    assertThat(M.matches(Prototypes.get("perovskite-b-origin").orElseThrow().template(), shifted)).isTrue();
  }

  @Test
  void matcherRules() {
    Crystal c = crystal("225-a-La-0-0-0-c-H-0.25-0.25-0.25-f-H-0.375-0.375-0.375-X-5.1-5.1-5.1-90-90-90");
    assertThat(M.matches(template("225-a-La-c-H-f-H-0.375-X-5.1"), c)).isTrue();
    assertThat(M.matches(template("225-a-La-0-0-0-c-H-1/4-1/4-1/4-f-H-0.375-0.375-0.375-X-5.1-5.1-5.1-90-90-90"), c)).isTrue();
    assertThat(M.matches(template("{cubic}-?-[lanthanide]-(?-H-?-?-?)+-X-?"), c)).isTrue();
    assertThat(M.matches(template("{hexagonal}-?-[lanthanide]-(?-H-?-?-?)+-X-?"), c)).isFalse();
    assertThat(M.matches(template("[221|225]-a-[!alkali]-(?-H-?-?-?){2}-X-[5..5.2]"), c)).isTrue();
    assertThat(M.matches(template("[221|225]-a-[!lanthanide]-(?-H-?-?-?){2}-X-?"), c)).isFalse();
    assertThat(M.matches(template("?-a-?-(?-H-?-?-?){3}-X-?"), c)).isFalse();
    assertThat(M.matches(template("?-a-?-(?-H-?-?-?){1,}-X-?"), c)).isTrue();
    assertThat(M.matches(template("225-a-La-c-H-f-H-[0.3..0.36]-X-?"), c)).isFalse();
    assertThat(M.matches(template("225-a-La-c-H-f-H-[0.3..0.4]-X-[5.2..6]"), c)).isFalse();
    // a binding used twice must be the same element
    assertThat(M.matches(template("225-a-$A-c-$B-f-$B-?-X-?"), c)).isTrue();
    assertThat(M.matches(template("225-a-$A-c-$B-f-$A-?-X-?"), c)).isFalse();
    // coordinate slots: 3 (full) or the free count (compact); 2 for 32f matches nothing
    assertThat(M.matches(template("225-a-La-c-H-f-H-?-?-X-?"), c)).isFalse();
    // optional and star groups, with backtracking over how many sites each takes
    assertThat(M.matches(template("225-(?-?)*-f-H-?-X-?"), c)).isTrue();
    assertThat(M.matches(template("225-a-La-(c-H)?-(c-H)?-f-H-?-X-?"), c)).isTrue();
  }
}
