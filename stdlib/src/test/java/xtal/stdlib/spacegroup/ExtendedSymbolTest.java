package xtal.stdlib.spacegroup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The extended H-M symbols CIF output names its settings by (checked against gemmi by tools/cif_readers.py). */
class ExtendedSymbolTest {
  @Test
  void symbolsNameTheSetting() {
    assertThat(SpaceGroups.get(1).extendedSymbol()).isEqualTo("P 1");
    assertThat(SpaceGroups.get(14).extendedSymbol()).isEqualTo("P 1 21/c 1"); // unique axis b
    assertThat(SpaceGroups.get(59).extendedSymbol()).isEqualTo("P m m n :2"); // origin choice 2
    assertThat(SpaceGroups.get(167).extendedSymbol()).isEqualTo("R -3 c :H"); // hexagonal axes
    assertThat(SpaceGroups.get(227).extendedSymbol()).isEqualTo("F d -3 m :2");
    assertThat(SpaceGroups.get(225).extendedSymbol()).isEqualTo("F m -3 m");
    assertThat(SpaceGroups.get(113).extendedSymbol()).isEqualTo("P -4 21 m");
    assertThat(SpaceGroups.get(141).extendedSymbol()).isEqualTo("I 41/a m d :2");
    assertThat(SpaceGroups.get(194).extendedSymbol()).isEqualTo("P 63/m m c");
  }

  @Test
  void everyGroupHasOne() {
    for (SpaceGroup g : SpaceGroups.all()) {
      String s = g.extendedSymbol();
      assertThat(s.replace(" ", "").replace(":2", "").replace(":H", ""))
          .as("%s", g)
          .isEqualTo(g.crystalSystem() == CrystalSystem.MONOCLINIC ? g.fullSymbol().replace(" ", "").replace("_", "") : g.symbol().replace("_", ""));
      assertThat(s.endsWith(":H")).as("%s", g).isEqualTo(g.centring() == Centring.R);
    }
  }
}
