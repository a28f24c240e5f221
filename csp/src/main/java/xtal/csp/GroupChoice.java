package xtal.csp;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import xtal.stdlib.spacegroup.CrystalSystem;

/**
 * Which space groups a prediction may use, as the group slot of the query's structure template.
 *
 * @param slot the template's group slot: {@code ?}, {@code 225}, {@code [221|225]} or {@code {cubic}}
 */
public record GroupChoice(String slot) {

  /** Any of the 230 groups. */
  public static final GroupChoice ANY = new GroupChoice("?");

  /**
   * Parses {@code 225}, a set {@code 221,225} (or {@code 221|225}), or a crystal system
   * ({@code cubic}, {@code hexagonal}, …).
   *
   * @throws IllegalArgumentException naming the text when it is none of these
   */
  public static GroupChoice parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("?") || t.equals("any")) return ANY;
    for (CrystalSystem s : CrystalSystem.values())
      if (s.name().toLowerCase(Locale.ROOT).equals(t)) return new GroupChoice("{" + t + "}");
    TreeSet<Integer> groups = new TreeSet<>();
    for (String part : t.replace('[', ' ').replace(']', ' ').split("[,|]")) {
      int g;
      try {
        g = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("group '" + text + "': not a space-group number, a list of them (221,225) or a crystal system ("
            + String.join(", ", Arrays.stream(CrystalSystem.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()) + ")");
      }
      if (g < 1 || g > 230) throw new IllegalArgumentException("group '" + text + "': space group " + g + " does not exist (groups run 1..230)");
      groups.add(g);
    }
    if (groups.size() == 1) return new GroupChoice(Integer.toString(groups.first()));
    return new GroupChoice("[" + String.join("|", groups.stream().map(String::valueOf).toList()) + "]");
  }

  @Override
  public String toString() {
    return slot;
  }
}
