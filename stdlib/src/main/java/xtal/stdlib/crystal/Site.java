package xtal.stdlib.crystal;

import xtal.stdlib.element.Element;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * One symmetry-distinct site of a crystal, fully resolved: the Wyckoff position, the element and
 * all three fractional coordinates of the representative (fixed coordinates at their exact value,
 * tied ones computed from their source).
 */
public record Site(WyckoffPosition position, Element element, double x, double y, double z) {

  /** The coordinates as an array {x, y, z}. */
  public double[] xyz() {
    return new double[] {x, y, z};
  }

  /** The Wyckoff letter. */
  public char letter() {
    return position.letter();
  }
}
