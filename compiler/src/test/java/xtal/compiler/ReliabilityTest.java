package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import xtal.grammar.CrystalParser;
import xtal.stdlib.spacegroup.Rational;

/** Hostile and careless inputs to the compiler give positioned errors or right answers, never internal errors. */
class ReliabilityTest {

  static String error(String template) {
    return error(() -> QueryCompiler.compileTemplate("t", template, Limits.DEFAULT));
  }

  interface Compile {
    Object run() throws CompileException;
  }

  static String error(Compile c) {
    try {
      c.run();
    } catch (CompileException e) {
      return e.getMessage();
    }
    throw new AssertionError("compiled");
  }

  @Test
  void queryNameCompilesOnlyThatQuery() throws CompileException {
    // the file's first query, tour, is not compiled when titanates is asked for
    CompiledQuery q = QueryCompiler.compileArgument("../examples/language-tour.xtal", "titanates", Limits.DEFAULT);
    assertThat(q.name()).isEqualTo("titanates");
    assertThat(QueryCompiler.compilePath(java.nio.file.Path.of("../examples/language-tour.xtal"), "titanates", Limits.DEFAULT))
        .extracting(CompiledQuery::name).containsExactly("titanates");
    // tour itself is infeasible: its formula's B is boron, which its 'only' forbids
    assertThat(error(() -> QueryCompiler.compileArgument("../examples/language-tour.xtal", "tour", Limits.DEFAULT)))
        .contains("no crystal satisfies query 'tour'");
    assertThat(error(() -> QueryCompiler.compileArgument("../examples/language-tour.xtal", "nope", Limits.DEFAULT)))
        .contains("no query named 'nope' (the file has tour, titanates)");
  }

  @Test
  void aFormulaWithFewerElementsThanDistinctElementsIsInfeasibleNotTooComplex() {
    String m = error(() -> QueryCompiler.compileFile("q.xtal", "query q {\n  formula AB\n  distinct-elements 3\n}\n", Limits.DEFAULT));
    assertThat(m).startsWith("q.xtal:1:1: no crystal satisfies query 'q'").contains("formula AB (2 distinct elements)").contains("distinct-elements 3");
    String n = error(() -> QueryCompiler.compileFile("q.xtal", "query q {\n  formula SrTiO3\n  exclude O\n}\n", Limits.DEFAULT));
    assertThat(n).contains("no crystal satisfies query 'q'").contains("needs O").contains("exclude O");
  }

  @Test
  void infeasibleQueriesWithLargeAtomLimitsAreExplained() {
    Limits big = new Limits(20, 1, 3000, Limits.Unit.PRIMITIVE, 1_000_000, 8_000_000);
    String m = error(() -> QueryCompiler.compileFile("q.xtal", "query q {\n  structure 225-(?-?-?-?-?)+-X-?\n  contains O\n  exclude O\n}\n", big));
    assertThat(m).startsWith("q.xtal:1:1: no crystal satisfies query 'q'").contains("exclude O");
  }

  @Test
  void decimalsOfNineteenDigitsArePositionedParseErrors() {
    assertThat(error("225-a-H-0-0-0-X-1234567890123456789")).isEqualTo("t:1:17: the number '1234567890123456789' has more than 18 digits");
    assertThat(error("225-a-H-0-0-0-X-[0.0000000000000000001..2]")).startsWith("t:1:18:").contains("more than 18 digits");
    assertThat(CrystalParser.parseSentence("s", "225-a-H-0-0-0-X-5.12345678901234567890").diagnostics().getFirst().format())
        .startsWith("s:1:17:").contains("more than 18 digits");
  }

  @Test
  void eighteenDigitNumbersCompileWithoutOverflow() throws CompileException {
    assertThat(QueryCompiler.compileTemplate("t", "225-a-H-0-0-0-X-[1.23456789012345678..123456789012345678]", Limits.DEFAULT).numStates()).isPositive();
    assertThat(QueryCompiler.compileTemplate("t", "221-a-H-0-0-0-g-O-[0.12345678901234567..0.38765432109876543]-?-?-X-?", Limits.DEFAULT)
        .numStates()).isPositive();
    assertThat(QueryCompiler.compileTemplate("t", "225-a-La-0-0-0-f-H-[0.12345678901234567..0.2]-0.15432109876543211-?-X-?", Limits.DEFAULT)
        .numStates()).isPositive();
  }

  @Test
  void nullArgumentsGiveDiagnosticsOrClearErrors() {
    assertThat(CrystalParser.parseSentence(null, null).diagnostics().getFirst().format()).isEqualTo("<input>:1: no text to parse (null)");
    assertThat(CrystalParser.parseTemplate("t", null).ok()).isFalse();
    assertThat(CrystalParser.parseFile("f", null).ok()).isFalse();
    assertThat(error(() -> QueryCompiler.compileTemplate("t", null, Limits.DEFAULT))).contains("no template to compile (null)");
    assertThat(error(() -> QueryCompiler.compileArgument(null, null, Limits.DEFAULT))).contains("no query to compile (null)");
    assertThatThrownBy(() -> QueryCompiler.compileTemplate("t", "225-a-H-0-0-0-X-?", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limits must not be null");
  }

  @Test
  void messagesEscapeInvisibleCharacters() {
    for (String c : new String[] {"\u2028", "\u2029", "\u200b", "\u202e", "\u00a0"}) {
      String m = error("225-a-H" + c + "-0-0-0-X-?");
      assertThat(m).doesNotContain(c).contains(String.format("\\u%04X", (int) c.charAt(0)));
    }
    String q = error(() -> QueryCompiler.compileFile("q.xtal", "query q\u200b {\n  contains O\n  exclude O\n}\n", Limits.DEFAULT));
    assertThat(q).doesNotContain("\u200b");
  }

  @Test
  void rationalsRefuseWhatALongCannotHold() {
    assertThatThrownBy(() -> Rational.of(Long.MIN_VALUE, -1)).isInstanceOf(ArithmeticException.class).hasMessageContaining("overflows a long");
    assertThat(Rational.of(Long.MIN_VALUE, 2)).isEqualTo(Rational.of(Long.MIN_VALUE / 2));
    assertThatThrownBy(() -> Rational.of(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
    // comparing never overflows
    assertThat(Rational.of(999_999_999_999L, 1_000_000_000_000L).compareTo(Rational.of(999_999_999_998L, 999_999_999_999L))).isPositive();
    assertThat(Rational.of(Long.MAX_VALUE, 3).compareTo(Rational.of(Long.MAX_VALUE - 1, 3))).isPositive();
  }

  @Test
  void theLongestSequenceIsKnownBeforeSampling() throws CompileException {
    // 225: a, then a (0 free coordinates), lattice a only: 2 + 1 + (2 + 0)
    assertThat(QueryCompiler.compileTemplate("t", "225-a-H-0-0-0-X-?", Limits.DEFAULT).maxSequenceLength()).isEqualTo(5);
    // P1 sites take 3 coordinates: 20 of them and 6 lattice parameters
    assertThat(QueryCompiler.compileTemplate("t", "1-(?-?-?-?-?)+-X-?", Limits.DEFAULT).maxSequenceLength()).isEqualTo(2 + 6 + 20 * 5);
    Limits many = new Limits(60, 1, 60, Limits.Unit.PRIMITIVE, 1_000_000, 8_000_000);
    assertThat(QueryCompiler.compileTemplate("t", "1-(?-O-?-?-?)+-X-?", many).maxSequenceLength()).isEqualTo(2 + 6 + 60 * 5);
  }

  @Test
  void theTooComplexMessageSuggestsOnlyABudgetThisHeapHolds() {
    Limits tiny = Limits.DEFAULT.withBudget(50, 400);
    String m = error(() -> QueryCompiler.compileTemplate("t", "?-(?-?-?-?-?)+-X-?", tiny, QueryCompiler.Build.EAGER));
    assertThat(m).contains("is too complex").contains("--max-states, at most " + Limits.maxStatesForHeap());
  }
}
