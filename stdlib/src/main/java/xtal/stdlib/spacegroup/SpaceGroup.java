package xtal.stdlib.spacegroup;

import java.util.List;
import java.util.Optional;

/**
 * A space group in its ITA standard setting (monoclinic unique axis b, origin choice 2, hexagonal
 * axes for R groups), as the shared tables describe it.
 *
 * @param number 1..230
 * @param symbol short Hermann–Mauguin symbol, {@code Fm-3m}
 * @param fullSymbol full symbol, {@code F 4/m -3 2/m}
 * @param hallSymbol Hall symbol of the setting the Wyckoff table uses
 * @param pointGroup the point group, {@code m-3m}
 * @param crystalSystem the crystal system
 * @param centring the centring (first letter of the symbol)
 * @param generalPosition every operation of the general position, centring translations included
 *     (so it is the group modulo lattice translations); identity first
 * @param positions the Wyckoff positions, {@code a} first; the last one is the general position
 */
public record SpaceGroup(
    int number,
    String symbol,
    String fullSymbol,
    String hallSymbol,
    String pointGroup,
    CrystalSystem crystalSystem,
    Centring centring,
    List<SymOp> generalPosition,
    List<WyckoffPosition> positions) {

  public SpaceGroup {
    generalPosition = List.copyOf(generalPosition);
    positions = List.copyOf(positions);
  }

  /** The position with this letter, if the group has it. */
  public Optional<WyckoffPosition> position(char letter) {
    int i = WyckoffPosition.indexOf(letter);
    return i >= 0 && i < positions.size() ? Optional.of(positions.get(i)) : Optional.empty();
  }

  /** The lattice rule of the group's crystal system. */
  public LatticeRule latticeRule() {
    return crystalSystem.latticeRule();
  }

  /** The letter of the general position, the last one. */
  public char lastLetter() {
    return positions.getLast().letter();
  }

  /** The general position (the last Wyckoff position). */
  public WyckoffPosition general() {
    return positions.getLast();
  }

  /** The order of the group modulo lattice translations: the general position's multiplicity. */
  public int order() {
    return generalPosition.size();
  }

  /** {@code Fm-3m (225)}, the way messages name a group. */
  public String displayName() {
    return symbol + " (" + number + ")";
  }

  @Override
  public String toString() {
    return displayName();
  }
}
