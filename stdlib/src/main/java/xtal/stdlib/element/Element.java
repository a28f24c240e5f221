package xtal.stdlib.element;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A chemical element as the shared {@code elements.csv} describes it (from pymatgen's periodic
 * table).
 *
 * @param z atomic number, 1..118
 * @param symbol {@code La}
 * @param name {@code Lanthanum}
 * @param mass atomic mass in u
 * @param electronegativity Pauling electronegativity, if known
 * @param radius atomic radius in Å, if known
 * @param commonOxidationStates the common oxidation states
 * @param icsdOxidationStates the oxidation states seen in the ICSD
 * @param isMetal whether pymatgen counts it as a metal
 */
public record Element(
    int z,
    String symbol,
    String name,
    double mass,
    OptionalDouble electronegativity,
    OptionalDouble radius,
    List<Integer> commonOxidationStates,
    List<Integer> icsdOxidationStates,
    boolean isMetal) {

  public Element {
    commonOxidationStates = List.copyOf(commonOxidationStates);
    icsdOxidationStates = List.copyOf(icsdOxidationStates);
  }

  @Override
  public String toString() {
    return symbol;
  }
}
