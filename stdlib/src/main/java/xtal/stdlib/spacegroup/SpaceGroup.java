package xtal.stdlib.spacegroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** The groups that ITA tabulates with two origins; the tables here use origin choice 2. */
  private static final Set<Integer> TWO_ORIGINS =
      Set.of(48, 50, 59, 68, 70, 85, 86, 88, 125, 126, 129, 130, 133, 134, 137, 138, 141, 142, 201, 203, 222, 224, 227, 228);

  /** One symmetry element of a short symbol: a (roto-)rotation or screw axis, optionally over a plane, or a plane. */
  private static final Pattern SYMBOL_PART = Pattern.compile("-?[1-6](_[1-5])?(/[mnabcde])?|[mnabcde]");

  /**
   * The extended Hermann–Mauguin symbol that names this setting for CIF readers (CIF's {@code
   * _space_group_name_H-M_alt}, gemmi's and cctbx's "xhm"): the symbol's parts separated by spaces
   * with subscripts written inline, the full symbol for monoclinic groups so the unique axis (b)
   * shows, and {@code :2} (origin choice 2) or {@code :H} (hexagonal axes of an R group) where ITA
   * has two settings — {@code P 1 21/c 1}, {@code P m m n :2}, {@code R -3 c :H}, {@code F m -3 m}.
   */
  public String extendedSymbol() {
    String hm;
    if (crystalSystem == CrystalSystem.MONOCLINIC) {
      hm = fullSymbol.replace("_", "");
    } else {
      List<String> parts = new ArrayList<>();
      parts.add(symbol.substring(0, 1));
      Matcher m = SYMBOL_PART.matcher(symbol.substring(1));
      int end = 0;
      while (m.find() && m.start() == end) {
        parts.add(m.group().replace("_", ""));
        end = m.end();
      }
      if (end != symbol.length() - 1) throw new IllegalStateException("unreadable space-group symbol " + symbol);
      hm = String.join(" ", parts);
    }
    if (TWO_ORIGINS.contains(number)) return hm + " :2";
    if (centring == Centring.R) return hm + " :H";
    return hm;
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
