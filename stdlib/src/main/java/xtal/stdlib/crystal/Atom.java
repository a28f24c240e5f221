package xtal.stdlib.crystal;

import xtal.stdlib.element.Element;

/**
 * One atom of an expanded unit cell: element, fractional coordinates in [0, 1), and the index of
 * the site (in {@link Crystal#sites()}) it comes from, or -1 if unknown.
 */
public record Atom(Element element, double x, double y, double z, int site) {

  public double[] xyz() {
    return new double[] {x, y, z};
  }
}
