package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.element.Elements;
import xtal.stdlib.element.Smact;

/**
 * {@code smact-valid}: over the reference sentences the automaton accepts exactly the crystals
 * whose composition {@link Smact#smactValid} (checked against SMACT's own verdicts in the stdlib)
 * passes, no state is a dead end, and random walks all give SMACT-valid crystals.
 */
class SmactValidTest {

  static boolean smactValid(Crystal c) {
    Map<Integer, Integer> m = XtalQueryTest.composition(c);
    int[] z = m.keySet().stream().mapToInt(Integer::intValue).toArray();
    int[] n = m.values().stream().mapToInt(Integer::intValue).toArray();
    return Smact.smactValid(z, n);
  }

  static boolean onlyThese(Crystal c, List<String> only) {
    return XtalQueryTest.composition(c).keySet().stream().allMatch(z -> only.contains(Elements.byZ(z).symbol()));
  }

  @Test
  void exactOverTheReferenceAndSoundWalks() throws CompileException {
    List<String> only = List.of("Na", "K", "Ti", "Cu", "O", "Cl");
    int n = XtalQueryTest.check("query q { structure 221-(?-?-?-?-?)+-X-?\n only " + String.join(", ", only) + "\n smact-valid }",
        c -> XtalQueryTest.defaultLimits(c) && c.group().number() == 221 && onlyThese(c, only) && smactValid(c), 10_000);
    assertThat(n).isPositive();
  }

  @Test
  void fourteenElementsInFm3mWithFewAtoms() throws CompileException {
    List<String> only = List.of("Li", "Na", "K", "Mg", "Ca", "Sr", "Ba", "Ti", "Nb", "Fe", "Cu", "O", "F", "Cl");
    int n = XtalQueryTest.check("query q { structure 225-(?-?-?-?-?)+-X-?\n only " + String.join(", ", only) + "\n atoms <= 10\n smact-valid }",
        c -> XtalQueryTest.primitiveAtoms(c) <= 10 && c.sites().size() <= 20 && c.group().number() == 225 && onlyThese(c, only)
            && smactValid(c), 10_000);
    assertThat(n).isPositive();
  }

  @Test
  void alloysAndSingleElementsAreValidUnlikeChargeBalanced() throws CompileException {
    // all metals (SMACT's list): an alloy, valid; charge-balanced forbids it (no anion)
    XtalQueryTest.compile("query q { structure 221-a-Cu-0-0-0-b-Ti-1/2-1/2-1/2-X-? \n smact-valid }"); // compiles: not empty
    assertThatThrownBy(() -> XtalQueryTest.compile("query q { structure 221-a-Cu-0-0-0-b-Ti-1/2-1/2-1/2-X-? \n charge-balanced }"))
        .isInstanceOf(CompileException.class);
    // one element on two sites: valid for SMACT
    XtalQueryTest.compile("query q { structure 221-a-Fe-0-0-0-b-Fe-1/2-1/2-1/2-X-? \n smact-valid }");
  }

  @Test
  void perElementNotPerSite() throws CompileException {
    // magnetite Fe3O4 (spinel, 227: Fe on 8a and 16d, O on 32e): charge-balanced lets each site
    // take its own state (Fe2+ on 8a, Fe3+ on 16d); SMACT gives all Fe one state, and 3x = 8 has
    // no integer solution, so no smact-valid crystal has this skeleton
    boolean spinel = Smact.smactValid(new int[] {26, 8}, new int[] {3, 4});
    assertThat(spinel).as("Fe3O4 needs mixed valence: SMACT rejects it").isFalse();
    String structure = "227-a-Fe-1/8-1/8-1/8-d-Fe-1/2-1/2-1/2-e-O-?-?-?-X-?";
    XtalQueryTest.compile("query q { structure " + structure + "\n charge-balanced }"); // compiles: not empty
    assertThatThrownBy(() -> XtalQueryTest.compile("query q { structure " + structure + "\n smact-valid }"))
        .isInstanceOf(CompileException.class);
  }

  @Test
  void tooComplexForTheEagerAutomatonSaysHowToNarrow() {
    assertThatThrownBy(() -> QueryCompiler.compileFile("t.xtal", "query q { structure ?-(?-?-?-?-?)+-X-?\n smact-valid }",
        new Limits(20, 0, 20, Limits.DEFAULT.unit(), 200_000, 2_000_000), QueryCompiler.Build.EAGER))
        .isInstanceOf(CompileException.class).hasMessageContaining("smact-valid").hasMessageContaining("narrowed");
  }
}
