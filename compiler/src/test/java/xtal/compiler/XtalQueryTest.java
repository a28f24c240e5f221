package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.element.Elements;

/**
 * The statements of {@code .xtal} queries: for each query, every reference sentence is accepted
 * exactly when a direct check (written here, independently of the compiler's components) says
 * so, every state of its automaton reaches acceptance, and 10,000 random walks all give valid
 * crystals (stdlib checker) that pass the direct check.
 */
class XtalQueryTest {

  /** Conventional-cell composition: Z → atoms. */
  static Map<Integer, Integer> composition(Crystal c) {
    Map<Integer, Integer> m = new HashMap<>();
    for (Site s : c.sites()) m.merge(s.element().z(), s.position().multiplicity(), Integer::sum);
    return m;
  }

  static int primitiveAtoms(Crystal c) {
    int n = 0;
    for (Site s : c.sites()) n += s.position().multiplicity();
    return n / c.group().centring().latticePoints();
  }

  static boolean defaultLimits(Crystal c) {
    return c.sites().size() <= 20 && primitiveAtoms(c) <= 20;
  }

  static int z(String symbol) {
    return Elements.bySymbol(symbol).orElseThrow().z();
  }

  /** Some assignment of one oxidation state per site makes the primitive-cell charge zero (sets of sums, site by site). */
  static boolean chargeBalanced(Crystal c) {
    Set<Integer> sums = new HashSet<>(List.of(0));
    int points = c.group().centring().latticePoints();
    for (Site s : c.sites()) {
      Set<Integer> next = new HashSet<>();
      for (int o : Components.Charge.oxidationStates(s.element())) for (int x : sums) next.add(x + o * s.position().multiplicity() / points);
      sums = next;
    }
    return sums.contains(0);
  }

  /** The composition is k × (a, b, c, …) for distinct elements, in some order (a brute-force permutation check). */
  static boolean ratio(Crystal c, int... coefficients) {
    List<Integer> counts = new ArrayList<>(composition(c).values());
    if (counts.size() != coefficients.length) return false;
    return permutationMatches(counts, coefficients, 0, new boolean[counts.size()], -1, -1);
  }

  private static boolean permutationMatches(List<Integer> counts, int[] coef, int i, boolean[] used, int num, int den) {
    if (i == coef.length) return true;
    for (int j = 0; j < counts.size(); j++) {
      if (used[j]) continue;
      int n = counts.get(j);
      if (num >= 0 && (long) n * den != (long) num * coef[i]) continue;
      used[j] = true;
      if (permutationMatches(counts, coef, i + 1, used, num >= 0 ? num : n, num >= 0 ? den : coef[i])) return true;
      used[j] = false;
    }
    return false;
  }

  static CompiledQuery compile(String text) throws CompileException {
    // the eager automaton, whole: its states are inspected (LazyAutomatonTest covers the lazy one)
    return QueryCompiler.compileFile("test.xtal", text, Limits.DEFAULT, QueryCompiler.Build.EAGER).getFirst();
  }

  /** Exact agreement over the reference sentences, and sound random walks. Returns the matches. */
  static int check(String text, Predicate<Crystal> direct, int walks) throws CompileException {
    CompiledQuery q = compile(text);
    int matched = 0;
    List<String> wrong = new ArrayList<>();
    for (ReferenceData.Entry e : ReferenceData.all()) {
      boolean expected = direct.test(e.crystal());
      if (expected) matched++;
      if (expected != CrystalMatcher.accepts(q, e.crystal()) && wrong.size() < 5) {
        wrong.add((expected ? "missed: " : "wrongly accepted: ") + e.sentence());
      }
    }
    assertThat(wrong).as(text).isEmpty();
    xtal.compiler.automaton.OperationsTestAccess.assertNoDeadEnds(q.automaton().automaton());
    Random rnd = new Random(text.hashCode());
    for (int i = 0; i < walks; i++) {
      RandomWalks.Walk w = RandomWalks.walk(q.automaton(), rnd);
      Crystal c = RandomWalks.check(w);
      assertThat(direct.test(c)).as("%s: walk %s", text, w.sentence()).isTrue();
    }
    return matched;
  }

  @Test
  void cubicFm3mContainingOxygen() throws CompileException {
    int n = check("query q { structure 225-(?-?-?-?-?)+-X-?\n contains O }",
        c -> defaultLimits(c) && c.group().number() == 225 && composition(c).containsKey(z("O")), 10_000);
    assertThat(n).isGreaterThan(100);
  }

  @Test
  void onlyAndExclude() throws CompileException {
    int n = check("query q { structure {cubic}-(?-?-?-?-?)+-X-?\n only [alkali|halogen|O|Ti]\n exclude Cs, Ti }",
        c -> defaultLimits(c) && c.group().crystalSystem() == xtal.stdlib.spacegroup.CrystalSystem.CUBIC
            && composition(c).keySet().stream().allMatch(z -> {
              var e = Elements.byZ(z);
              boolean allowed = Elements.elementClass("alkali").orElseThrow().contains(e)
                  || Elements.elementClass("halogen").orElseThrow().contains(e) || z == z("O");
              return allowed && z != z("Cs");
            }), 10_000);
    assertThat(n).isPositive();
  }

  @Test
  void countPerConventionalCellAndSites() throws CompileException {
    int n = check("query q { structure {cubic}-(?-?-?-?-?)+-X-?\n count O = 12\n sites <= 3 }",
        c -> defaultLimits(c) && c.group().crystalSystem() == xtal.stdlib.spacegroup.CrystalSystem.CUBIC
            && composition(c).getOrDefault(z("O"), 0) == 12 && c.sites().size() <= 3, 10_000);
    assertThat(n).isPositive();
  }

  @Test
  void atomsPerConventionalCell() throws CompileException {
    int n = check("query q { structure [221|225|229]-(?-?-?-?-?)+-X-?\n atoms 4..8 per conventional cell }",
        c -> {
          int conv = composition(c).values().stream().mapToInt(Integer::intValue).sum();
          return List.of(221, 225, 229).contains(c.group().number()) && c.sites().size() <= 20 && conv >= 4 && conv <= 8;
        }, 10_000);
    assertThat(n).isPositive();
  }

  @Test
  void distinctElements() throws CompileException {
    int n = check("query q { structure [221|225]-(?-?-?-?-?)+-X-?\n only [alkali|alkaline-earth|halogen|chalcogen]\n distinct-elements 3 }",
        c -> defaultLimits(c) && List.of(221, 225).contains(c.group().number())
            && composition(c).keySet().stream().allMatch(z -> List.of("alkali", "alkaline-earth", "halogen", "chalcogen").stream()
                .anyMatch(k -> Elements.elementClass(k).orElseThrow().contains(Elements.byZ(z))))
            && composition(c).size() == 3, 10_000);
    assertThat(n).isPositive();
  }

  @Test
  void chargeBalance() throws CompileException {
    int n = check("query q { structure 221-(?-?-?-?-?)+-X-?\n only Li, Na, K, Mg, Ca, Sr, Ba, Ti, Nb, Fe, O, F, Cl\n charge-balanced }",
        c -> defaultLimits(c) && c.group().number() == 221
            && composition(c).keySet().stream().allMatch(z -> List.of("Li", "Na", "K", "Mg", "Ca", "Sr", "Ba", "Ti", "Nb", "Fe", "O", "F", "Cl").contains(Elements.byZ(z).symbol()))
            && chargeBalanced(c), 10_000);
    assertThat(n).isPositive();
  }

  @Test
  void formulaRatioWithFreePlaceholders() throws CompileException {
    int n = check("query q { structure 221-(?-?-?-?-?)+-X-?\n formula MQO3\n only [alkaline-earth|Ti|Zr|Hf|Sn|Pb|O] }",
        c -> defaultLimits(c) && c.group().number() == 221 && composition(c).containsKey(z("O")) && ratio(c, 1, 1, 3)
            && composition(c).keySet().stream().allMatch(z -> Elements.elementClass("alkaline-earth").orElseThrow().contains(Elements.byZ(z))
                || List.of("Ti", "Zr", "Hf", "Sn", "Pb", "O").contains(Elements.byZ(z).symbol()))
            && formulaWithO(c), 10_000);
    assertThat(n).isPositive();
  }

  /** MQO3 (M, Q: free placeholders, B would be boron) with O the 3: O's count is three times each of the two other elements'. */
  private static boolean formulaWithO(Crystal c) {
    Map<Integer, Integer> m = composition(c);
    int o = m.get(z("O"));
    return m.entrySet().stream().filter(e -> e.getKey() != z("O")).allMatch(e -> e.getValue() * 3 == o);
  }

  /** A placeholder that is a $-name is the element bound at its sites, not any element of its set. */
  @Test
  void formulaPlaceholdersAreTiedToTheirSites() throws CompileException {
    String base = "query q { structure 225-a-$A=[Na|K]-0-0-0-c-$B=[Na|K]-1/4-1/4-1/4-X-?\n formula ";
    // 4 A on 4a and 8 B on 8c: A2B is impossible (it would need the roles swapped)
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> compile(base + "A2B }")))
        .isInstanceOf(CompileException.class).hasMessageContaining("no crystal satisfies");
    CompiledQuery q = compile(base + "AB2 }");
    Random rnd = new Random(3);
    for (int i = 0; i < 1000; i++) {
      Crystal c = RandomWalks.check(RandomWalks.walk(q.automaton(), rnd));
      Map<Integer, Integer> m = composition(c);
      assertThat(m.get(c.sites().get(1).element().z())).isEqualTo(2 * m.get(c.sites().get(0).element().z()));
    }
    assertThat(q.skeletonCount().intValue()).isEqualTo(2); // NaK2, KNa2
  }

  @Test
  void doublePerovskiteExample() throws CompileException {
    String text = """
        query double_perovskites {
            structure 225-a-$B=[transition-metal]-0-0-0-b-$C=[transition-metal]-1/2-1/2-1/2-c-$A=[alkaline-earth|rare-earth]-1/4-1/4-1/4-e-O-?-0-0-X-?
            formula A2BCO6
            distinct-elements 4
            charge-balanced
        }
        """;
    CompiledQuery q = compile(text);
    Random rnd = new Random(1);
    for (int i = 0; i < 10_000; i++) {
      Crystal c = RandomWalks.check(RandomWalks.walk(q.automaton(), rnd));
      Map<Integer, Integer> m = composition(c);
      assertThat(m).hasSize(4);
      assertThat(chargeBalanced(c)).isTrue();
      int a = c.sites().get(2).element().z(), b = c.sites().get(0).element().z(), cc = c.sites().get(1).element().z();
      assertThat(m.get(a)).isEqualTo(8);
      assertThat(m.get(b)).isEqualTo(4);
      assertThat(m.get(cc)).isEqualTo(4);
      assertThat(m.get(z("O"))).isEqualTo(24);
    }
  }
}
