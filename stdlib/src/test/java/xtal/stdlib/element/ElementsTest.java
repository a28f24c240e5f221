package xtal.stdlib.element;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElementsTest {

  @Test
  void readsTheTable() {
    assertThat(Elements.all()).hasSize(118);
    Element la = Elements.bySymbol("La").orElseThrow();
    assertThat(la.z()).isEqualTo(57);
    assertThat(la.isMetal()).isTrue();
    assertThat(Elements.byZ(8).symbol()).isEqualTo("O");
    assertThat(Elements.byZ(8).electronegativity().getAsDouble()).isEqualTo(3.44);
    assertThat(Elements.byZ(2).electronegativity()).isEmpty();
    assertThat(Elements.byZ(26).commonOxidationStates()).containsExactly(2, 3);
    assertThat(Elements.bySymbol("Xx")).isEmpty();
    assertThat(Elements.bySymbol("LA")).isEmpty();
  }

  @Test
  void classes() {
    assertThat(Elements.classNames()).contains("alkali", "alkaline-earth", "transition-metal", "lanthanide", "actinide",
        "rare-earth", "chalcogen", "halogen", "pnictogen", "noble-gas", "metal", "nonmetal", "metalloid", "post-transition-metal");
    assertThat(symbols("alkali")).isEqualTo("Li Na K Rb Cs Fr");
    assertThat(symbols("halogen")).isEqualTo("F Cl Br I At Ts");
    assertThat(Elements.elementClass("lanthanide").orElseThrow().members()).hasSize(15);
    assertThat(Elements.elementClass("transition-metal").orElseThrow().members()).hasSize(38);
    assertThat(Elements.elementClass("metal").orElseThrow().contains(Elements.bySymbol("Fe").orElseThrow())).isTrue();
    assertThat(Elements.elementClass("nonmetal").orElseThrow().contains(Elements.bySymbol("Fe").orElseThrow())).isFalse();
    assertThat(Elements.elementClass("unobtainium")).isEmpty();
  }

  private static String symbols(String cls) {
    return String.join(" ", Elements.elementClass(cls).orElseThrow().members().stream().map(Element::symbol).toList());
  }
}
