package xtal.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import xtal.compiler.Limits;

class CompositionTest {

  @Test
  void parsesFormulasWithParenthesesAndWritesThemInFormulaOrder() {
    assertThat(Composition.parse("Li3PS4").formula()).isEqualTo("Li3PS4");
    assertThat(Composition.parse("Li3PS4").atoms()).isEqualTo(8);
    assertThat(Composition.parse("Ca(OH)2").formula()).isEqualTo("CaH2O2");
    assertThat(Composition.parse("TiSrO3").formula()).isEqualTo("SrTiO3");
    assertThat(Composition.parse("Sr2Ti2O6").reduced().formula()).isEqualTo("SrTiO3");
    assertThat(Composition.parse("Sr2Ti2O6").formulaUnits()).isEqualTo(2);
    assertThat(Composition.parse(" C ").atoms()).isEqualTo(1);
    assertThat(Composition.parse("OO").formula()).isEqualTo("O2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Xx2O    | formula 'Xx2O': unknown element 'Xx' at column 1",
        "Li3PS4) | formula 'Li3PS4)': unmatched ')' at column 7",
        "(Li3PS4 | formula '(Li3PS4': unmatched '(' at column 1",
        "O0      | formula 'O0': a count of 0 at column 2",
        "li3PS4  | formula 'li3PS4': unexpected 'l' at column 1",
        "Fe()    | formula 'Fe()': empty parentheses at column 5",
        "''      | formula '': empty formula",
      })
  void badFormulasAreErrorsNamingTheFormulaAndColumn(String formula, String message) {
    assertThatThrownBy(() -> Composition.parse(formula)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void groupChoicesBecomeTemplateGroupSlots() {
    assertThat(GroupChoice.parse("225").slot()).isEqualTo("225");
    assertThat(GroupChoice.parse("225,221").slot()).isEqualTo("[221|225]");
    assertThat(GroupChoice.parse("Cubic").slot()).isEqualTo("{cubic}");
    assertThatThrownBy(() -> GroupChoice.parse("231")).hasMessageContaining("group '231'").hasMessageContaining("does not exist");
    assertThatThrownBy(() -> GroupChoice.parse("cubik")).hasMessageContaining("group 'cubik'");
  }

  @Test
  void compositionsThatCannotFitAreInfeasibleWithoutCompiling() {
    CompositionQueries q = new CompositionQueries(Limits.DEFAULT);
    var big = q.get(new CspTarget("x", Composition.parse("Li3PS4"), OptionalInt.of(24), GroupChoice.ANY), null);
    assertThat(big).isInstanceOf(CompositionQueries.Infeasible.class);
    assertThat(((CompositionQueries.Infeasible) big).message()).isEqualTo("Li3PS4 with 24 atoms per primitive cell: more than the 20 atoms per primitive cell allowed (--max-atoms)");
    var odd = q.get(new CspTarget("x", Composition.parse("Li3PS4"), OptionalInt.of(12), GroupChoice.ANY), null);
    assertThat(((CompositionQueries.Infeasible) odd).message()).contains("12 is not a multiple of the 8 atoms of one formula unit");
    var unit = q.get(CspTarget.of("x", Composition.parse("Li10GeP2S12")), null);
    assertThat(((CompositionQueries.Infeasible) unit).message()).contains("one formula unit has 25 atoms");
  }

  @Test
  void queryTextAsksForTheExactCompositionAndAtomCount() {
    String text = CompositionQueries.queryText(Composition.parse("SrTiO3"), OptionalInt.of(5), GroupChoice.parse("221"));
    assertThat(text).contains("structure 221-(?-?-?-?-?)+-X-?").contains("formula SrTiO3").contains("atoms 5 per primitive cell");
  }
}
