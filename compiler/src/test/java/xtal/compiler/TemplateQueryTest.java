package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xtal.compiler.automaton.Operations;
import xtal.grammar.CrystalParser;
import xtal.grammar.ast.Template;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.template.TemplateMatcher;

/**
 * Templates compiled into automata select exactly the reference sentences a direct check (the
 * stdlib's backtracking {@link TemplateMatcher} plus the atom and site limits) selects, and every
 * random walk through them is a valid crystal that the direct check accepts.
 */
class TemplateQueryTest {

  static final String[] TEMPLATES = {
    "225-a-[?]-0-0-0-b-[?]-1/2-1/2-1/2-c-[?]-1/4-1/4-1/4-e-O-?-0-0-X-?",
    "{cubic}-(?-?-?-?-?)+-X-?",
    "?-(?-?-?-?-?)*-(?-O-?-?-?)+-(?-?-?-?-?)*-X-?",
    "[139|191]-(?-[lanthanide]-?-?-?)+-(?-?-?-?-?)*-X-?",
  };

  /** Atoms per primitive cell and sites within the default limits: the direct check of the limits. */
  static boolean withinDefaultLimits(Crystal c) {
    int atoms = 0;
    for (Site s : c.sites()) atoms += s.position().multiplicity();
    return c.sites().size() <= 20 && atoms / c.group().centring().latticePoints() <= 20;
  }

  static Template parse(String text) {
    return CrystalParser.parseTemplate("test", text).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "225-a-[?]-0-0-0-b-[?]-1/2-1/2-1/2-c-[?]-1/4-1/4-1/4-e-O-?-0-0-X-?",
    "{cubic}-(?-?-?-?-?)+-X-?",
    "?-(?-?-?-?-?)*-(?-O-?-?-?)+-(?-?-?-?-?)*-X-?",
    "[139|191]-(?-[lanthanide]-?-?-?)+-(?-?-?-?-?)*-X-?",
    "221-a-$A-b-$B-(?-$A-?-?-?)*-X-?",
    "[62|63]-(?-[!O|H]-?-?-?){1,3}-(c-?-?-?-?)?-X-?",
    "{tetragonal}-(?-?-?-?-?)+-X-[3..4]-?",
    "{hexagonal}-(?-[transition-metal]-?-?-[0..0.25])+-X-?",
  })
  void selectsExactlyTheReferenceSentencesTheDirectCheckSelects(String text) throws CompileException {
    CompiledQuery q = QueryCompiler.compileTemplate("test", text, Limits.DEFAULT);
    Template template = parse(text);
    TemplateMatcher ref = new TemplateMatcher();
    int matched = 0;
    List<String> wrong = new ArrayList<>();
    for (ReferenceData.Entry e : ReferenceData.all()) {
      boolean expected = withinDefaultLimits(e.crystal()) && ref.matches(template, e.crystal());
      boolean actual = CrystalMatcher.accepts(q, e.crystal());
      if (expected) matched++;
      if (expected != actual && wrong.size() < 5) wrong.add((expected ? "missed: " : "wrongly accepted: ") + e.sentence());
    }
    assertThat(wrong).as(text).isEmpty();
    System.out.println(text + ": " + matched + " reference sentences match, " + q.numStates() + " states");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "225-a-[?]-0-0-0-b-[?]-1/2-1/2-1/2-c-[?]-1/4-1/4-1/4-e-O-?-0-0-X-?",
    "{cubic}-(?-?-?-?-?)+-X-?",
    "?-(?-?-?-?-?)*-(?-O-?-?-?)+-(?-?-?-?-?)*-X-?",
    "[139|191]-(?-[lanthanide]-?-?-?)+-(?-?-?-?-?)*-X-?",
    "221-a-$A-b-$B-(?-$A-?-?-?)*-X-?",
    "{hexagonal}-([a|b]-?)*-(?-[transition-metal]-?-?-[0..0.25])+-X-?",
    "{tetragonal}-(?-?-?-?-?)+-X-[3..4]-?",
  })
  void randomWalksAreValidCrystalsThatSatisfyTheTemplate(String text) throws CompileException {
    CompiledQuery q = QueryCompiler.compileTemplate("test", text, Limits.DEFAULT);
    Template template = parse(text);
    TemplateMatcher ref = new TemplateMatcher();
    Random rnd = new Random(text.hashCode());
    for (int i = 0; i < 10_000; i++) {
      RandomWalks.Walk w = RandomWalks.walk(q.tokenAutomaton(), rnd);
      Crystal c = RandomWalks.check(w);
      assertThat(withinDefaultLimits(c)).as(w.sentence()).isTrue();
      assertThat(ref.matches(template, c)).as("template %s, walk %s", text, w.sentence()).isTrue();
      assertThat(CrystalMatcher.accepts(q, c)).as(w.sentence()).isTrue();
    }
  }

  /**
   * Where two template branches read one site with different numbers, the automaton keeps the
   * intersection (see TemplateComponent#step): what it accepts is still a subset of the template.
   */
  @org.junit.jupiter.api.Test
  void ambiguousNumbersNarrowButNeverLoosen() throws CompileException {
    String text = "{hexagonal}-([a|b]-?)*-(?-[transition-metal]-?-?-[0..0.25])+-X-?";
    CompiledQuery q = QueryCompiler.compileTemplate("test", text, Limits.DEFAULT);
    Template template = parse(text);
    TemplateMatcher ref = new TemplateMatcher();
    int accepted = 0;
    for (ReferenceData.Entry e : ReferenceData.all()) {
      if (!CrystalMatcher.accepts(q, e.crystal())) continue;
      accepted++;
      assertThat(withinDefaultLimits(e.crystal()) && ref.matches(template, e.crystal())).as(e.sentence()).isTrue();
    }
    assertThat(accepted).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "225-a-[?]-0-0-0-b-[?]-1/2-1/2-1/2-c-[?]-1/4-1/4-1/4-e-O-?-0-0-X-?",
    "[139|191]-(?-[lanthanide]-?-?-?)+-(?-?-?-?-?)*-X-?",
    "221-a-$A-b-$B-(?-$A-?-?-?)*-X-?",
  })
  void everyStateReachesAcceptance(String text) throws CompileException {
    CompiledQuery q = QueryCompiler.compileTemplate("test", text, Limits.DEFAULT);
    assertThat(Operations.isAcyclic(q.automaton().automaton())).isTrue();
    xtal.compiler.automaton.OperationsTestAccess.assertNoDeadEnds(q.automaton().automaton());
  }
}
