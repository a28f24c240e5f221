package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Infeasible, oversized and ill-named queries fail with positioned messages in user terms. */
class ErrorsTest {

  static String error(String xtal) {
    try {
      QueryCompiler.compileFile("q.xtal", xtal, Limits.DEFAULT);
    } catch (CompileException e) {
      return e.getMessage();
    }
    throw new AssertionError("compiled: " + xtal);
  }

  @Test
  void atomLimitConflictNamesBothConstraints() {
    // Fm-3m's smallest position holds 4 atoms per conventional cell
    String m = error("query tiny {\n  structure 225-(?-O-?-?-?)+-X-?\n  atoms <= 3 per conventional cell\n}\n");
    assertThat(m).startsWith("q.xtal:1:1: no crystal satisfies query 'tiny'");
    assertThat(m).contains("atoms <= 3 per conventional cell").contains("needs at least 4 atoms per conventional cell");
  }

  @Test
  void conflictingStatementsAreNamed() {
    String m = error("query q {\n  structure 221-(?-?-?-?-?)+-X-?\n  contains O\n  exclude O\n}\n");
    assertThat(m).contains("no crystal satisfies query 'q'").contains("contains O").contains("exclude O");
  }

  @Test
  void twoIndependentConflictsNameAPairToDrop() {
    String m = error("query q {\n  structure 221-(?-?-?-?-?)+-X-?\n  contains O\n  count O = 0\n  contains F\n  count F = 0\n}\n");
    assertThat(m).contains("no crystal satisfies query 'q': it needs both contains O and contains F to go");
  }

  @Test
  void templateNumbersAgainstSymmetry() {
    // 225 a is (0,0,0): 1/2 there contradicts the position, and no other letter fits the rest
    assertThatThrownBy(() -> QueryCompiler.compileTemplate("<t>", "225-a-O-1/2-0-0-X-?", Limits.DEFAULT))
        .isInstanceOf(CompileException.class).hasMessageContaining("no crystal satisfies");
  }

  @Test
  void unknownNamesArePositioned() {
    assertThat(error("query q {\n  structure 225-a-[lanthanoidz]-0-0-0-X-?\n}\n")).contains("q.xtal:2:").contains("unknown element class or set 'lanthanoidz'");
    assertThat(error("query q {\n  structure {cubicc}-(?-?-?-?-?)+-X-?\n}\n")).contains("unknown crystal system 'cubicc'");
    assertThat(error("query q {\n  structure 231-(?-?-?-?-?)+-X-?\n}\n")).contains("space group 231 does not exist");
    assertThat(error("query q {\n  atoms <= 50000\n}\n")).contains("q.xtal:2:").contains("at most 10000 atoms");
  }

  @Test
  @Timeout(60)
  void oversizedQueriesStopWithABudgetError() {
    Limits small = Limits.DEFAULT.withBudget(20_000, 200_000);
    // the eager automaton has a budget; by default such a query is built lazily instead (LazyAutomatonTest)
    assertThatThrownBy(() -> QueryCompiler.compileFile("q.xtal", "query big {\n  distinct-elements 3..5\n}\n", small, QueryCompiler.Build.EAGER))
        .isInstanceOf(CompileException.class)
        .hasMessageContaining("q.xtal:1:1: query 'big' is too complex")
        .hasMessageContaining("budget");
  }

  @Test
  @Timeout(120)
  void pathologicalRepetitionsFailFastInsteadOfHanging() {
    // nested counted repetitions are capped by the site limit: infeasible, not a huge NFA
    assertThatThrownBy(() -> QueryCompiler.compileTemplate("<t>", "225-(((((?-?-?-?-?){20}){20}){20}){20})-X-?", Limits.DEFAULT))
        .isInstanceOf(CompileException.class).hasMessageContaining("no crystal satisfies");
    // deeply ambiguous optional parts exhaust the template's work budget
    assertThatThrownBy(() -> QueryCompiler.compileTemplate("<t>", "?-((((?-?-?-?-?)?){0,20}){0,20})-X-?", Limits.DEFAULT))
        .isInstanceOf(CompileException.class).hasMessageContaining("too complex");
  }
}
