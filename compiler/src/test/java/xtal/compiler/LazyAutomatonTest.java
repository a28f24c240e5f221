package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.compiler.XtalQueryTest.chargeBalanced;
import static xtal.compiler.XtalQueryTest.composition;
import static xtal.compiler.XtalQueryTest.primitiveAtoms;
import static xtal.compiler.XtalQueryTest.ratio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import xtal.compiler.QueryCompiler.Build;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.grammar.CrystalParser;
import xtal.grammar.ast.Template;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.template.TemplateMatcher;

/**
 * The lazily built automaton: it allows exactly what the eager minimal automaton allows on
 * queries both can build; on queries only it can build (the whole space with counting
 * constraints), seeded random walks never dead-end and every walk is a valid crystal that the
 * stdlib's {@link TemplateMatcher} and direct checks written here (not the compiler's components)
 * accept; its cache can be cleared mid-walk and shared by threads without changing an answer.
 */
class LazyAutomatonTest {
  private static final String ANY = "?-(?-?-?-?-?)+-X-?";

  static CompiledQuery compile(String body, Build how) throws CompileException {
    return compile(body, how, LazyAutomaton.DEFAULT_CACHE_BYTES);
  }

  static CompiledQuery compile(String body, Build how, long cacheBytes) throws CompileException {
    return QueryCompiler.compileFile("test.xtal", "query q {\n" + body + "\n}\n", Limits.DEFAULT, how, cacheBytes).getFirst();
  }

  /** Walks driven by the eager automaton; at every state both allow the same tokens, accept alike and annotate alike. */
  static void assertAgree(String body, int walks) throws CompileException {
    CompiledQuery eager = compile(body, Build.EAGER), lazy = compile(body, Build.LAZY);
    assertThat(eager.isLazy()).isFalse();
    assertThat(lazy.isLazy()).isTrue();
    TokenAutomaton e = eager.tokenAutomaton(), l = lazy.tokenAutomaton();
    Random rnd = new Random(body.hashCode());
    for (int w = 0; w < walks; w++) {
      int se = e.initialState(), sl = l.initialState();
      StringBuilder path = new StringBuilder();
      while (true) {
        assertThat(l.mask(sl)).as("%s: allowed tokens after %s", body, path).isEqualTo(e.mask(se));
        assertThat(l.isAccept(sl)).as("%s: accepting after %s", body, path).isEqualTo(e.isAccept(se));
        assertThat(l.annotation(sl)).as("%s: slot rules after %s", body, path).isEqualTo(e.annotation(se));
        int[] allowed = e.allowedTokens(se);
        if (allowed.length == 0) break;
        int t = allowed[rnd.nextInt(allowed.length)];
        path.append(TokenNames.name(t)).append(' ');
        se = e.step(se, t);
        sl = l.step(sl, t);
      }
    }
  }

  @Test
  void agreesWithTheEagerAutomaton() throws CompileException {
    assertAgree("structure 225-(?-?-?-?-?)+-X-?\ncontains O", 1000);
    assertAgree("structure {cubic}-(?-?-?-?-?)+-X-?\ncount O = 12\nsites <= 3", 1000);
    assertAgree("structure 221-(?-?-?-?-?)+-X-?\nonly Li, Na, K, Mg, Ca, Sr, Ti, Fe, O, F\ncharge-balanced", 1000);
    assertAgree("structure 225-(?-?-?-?-?)+-X-?\nonly Li, Na, O, F, Cl, Mg\ndistinct-elements 3", 1000);
    assertAgree("structure 221-(?-?-?-?-?)+-X-?\nsites >= 3\natoms <= 8", 1000);
    assertAgree("structure {cubic}-(?-?-?-?-?)+-X-?\nonly Li, P, S, O\nformula Li3PS4", 1000);
    assertAgree("structure 225-a-$B=[transition-metal]-0-0-0-b-$C=[transition-metal]-1/2-1/2-1/2-c-$A=[alkaline-earth|rare-earth]-1/4-1/4-1/4-e-O-?-0-0-X-?\n"
        + "formula A2BCO6\ndistinct-elements 4\ncharge-balanced", 300);
    assertAgree("structure 62-(?-?-?-?-?)+-X-?\nonly Ca, C, O, Mg\nformula MCO3\ncharge-balanced", 1000);
  }

  /** Seeded walks of a query only the lazy automaton builds: no dead end, valid crystals, the structure and the direct check hold. */
  static void assertSoundWalks(String structure, String rest, Predicate<Crystal> direct, int walks) throws CompileException {
    CompiledQuery q = compile("structure " + structure + "\n" + rest, Build.AUTO); // timed in bench/ (LazyAutomatonBench)
    assertThat(q.isLazy()).as(rest).isTrue();
    Template template = CrystalParser.parseTemplate("t", structure).value();
    TemplateMatcher matcher = new TemplateMatcher();
    Random rnd = new Random(rest.hashCode());
    for (int i = 0; i < walks; i++) {
      RandomWalks.Walk w = RandomWalks.walk(q.tokenAutomaton(), rnd); // throws on a dead end
      Crystal c = RandomWalks.check(w);
      assertThat(matcher.matches(template, c)).as("%s: template on %s", rest, w.sentence()).isTrue();
      assertThat(c.sites().size() <= 20 && primitiveAtoms(c) <= 20).as(w.sentence()).isTrue();
      assertThat(direct.test(c)).as("%s: walk %s", rest, w.sentence()).isTrue();
      assertThat(CrystalMatcher.accepts(q, c)).as(w.sentence()).isTrue();
    }
  }

  @Test
  void chargeBalancedOverAllGroups() throws CompileException {
    assertSoundWalks(ANY, "charge-balanced", XtalQueryTest::chargeBalanced, 2000);
  }

  @Test
  void chargeBalancedNarrowedButStillLarge() throws CompileException {
    assertSoundWalks("{cubic}-(?-?-?-?-?)+-X-?", "charge-balanced", XtalQueryTest::chargeBalanced, 500);
    assertSoundWalks(ANY, "charge-balanced\nsites <= 3", c -> chargeBalanced(c) && c.sites().size() <= 3, 500);
    assertSoundWalks(ANY, "charge-balanced\natoms <= 10", c -> chargeBalanced(c) && primitiveAtoms(c) <= 10, 500);
  }

  @Test
  void distinctElementsOverAllGroups() throws CompileException {
    assertSoundWalks(ANY, "distinct-elements 3", c -> composition(c).size() == 3, 2000);
  }

  @Test
  void singleFormulaOverAllGroups() throws CompileException {
    assertSoundWalks(ANY, "formula Li3PS4", c -> ratio(c, 3, 1, 4) && composition(c).size() == 3
        && composition(c).containsKey(XtalQueryTest.z("Li")) && composition(c).containsKey(XtalQueryTest.z("P")), 2000);
    assertSoundWalks(ANY, "formula Li3PS4\natoms = 16", c -> ratio(c, 3, 1, 4) && primitiveAtoms(c) == 16
        && composition(c).containsKey(XtalQueryTest.z("S")), 2000);
  }

  @Test
  void formulaPlaceholdersAndChargeTogether() throws CompileException {
    // searched, not decided by the per-component tests alone: elements compete for sites
    assertSoundWalks("{cubic}-(?-?-?-?-?)+-X-?", "formula ABO3\ncharge-balanced\ndistinct-elements 3",
        c -> ratio(c, 1, 1, 3) && chargeBalanced(c) && composition(c).get(XtalQueryTest.z("O")) != null, 300);
  }

  @Test
  void anEmptyQueryIsStillAnError() {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> compile("structure " + ANY + "\nformula Li3PS4\natoms = 9", Build.LAZY));
    assertThat(t).isInstanceOf(CompileException.class).hasMessageContaining("no crystal satisfies");
  }

  @Test
  void aClearedCacheChangesNoAnswer() throws CompileException {
    CompiledQuery small = compile("structure " + ANY + "\ncharge-balanced", Build.LAZY, 64 << 10);
    CompiledQuery big = compile("structure " + ANY + "\ncharge-balanced", Build.LAZY);
    TokenAutomaton a = small.tokenAutomaton(), b = big.tokenAutomaton();
    Random rnd = new Random(5);
    for (int w = 0; w < 300; w++) {
      int sa = a.initialState(), sb = b.initialState();
      while (true) {
        assertThat(a.mask(sa)).isEqualTo(b.mask(sb));
        int[] allowed = a.allowedTokens(sa);
        if (allowed.length == 0) break;
        int t = allowed[rnd.nextInt(allowed.length)];
        sa = a.step(sa, t);
        sb = b.step(sb, t);
      }
    }
    assertThat(((LazyAutomaton) a).clears()).isPositive();
    assertThat(((LazyAutomaton) b).clears()).isZero();
  }

  @Test
  void threadsShareOneAutomaton() throws Exception {
    CompiledQuery shared = compile("structure " + ANY + "\ncharge-balanced\nsites >= 2", Build.LAZY);
    CompiledQuery reference = compile("structure " + ANY + "\ncharge-balanced\nsites >= 2", Build.LAZY);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<int[]>>> runs = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        int seed = k;
        runs.add(pool.submit(() -> {
          List<int[]> walks = new ArrayList<>();
          Random rnd = new Random(seed);
          for (int i = 0; i < 200; i++) walks.add(RandomWalks.walk(shared.tokenAutomaton(), rnd).tokens());
          return walks;
        }));
      }
      for (Future<List<int[]>> f : runs) {
        for (int[] tokens : f.get()) {
          assertThat(reference.tokenAutomaton().accepts(tokens)).as(Arrays.toString(tokens)).isTrue();
          assertThat(shared.tokenAutomaton().accepts(tokens)).isTrue();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLazyQueryHasNoXtalcFile() throws CompileException {
    CompiledQuery q = compile("structure " + ANY + "\ncharge-balanced", Build.AUTO);
    assertThat(q.isLazy()).isTrue();
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> QueryFile.write(q, java.nio.file.Path.of("unused.xtalc")));
    assertThat(t).isInstanceOf(java.io.IOException.class).hasMessageContaining("built lazily").hasMessageContaining(".xtal source");
    assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("unused.xtalc"))).isFalse();
  }
}
