package xtal.stdlib.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.PrimitiveCell;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;

/**
 * Writes the expanded (conventional) or the primitive cell of a crystal as a VASP 5 POSCAR: a comment line, scale 1, the three
 * cell vectors (Å, rows), species and counts in formula order, and direct (fractional)
 * coordinates grouped by species.
 */
public final class PoscarWriter {
  private PoscarWriter() {}

  /** The conventional cell (every atom of the expanded cell). */
  public static String write(String name, Crystal crystal) {
    UnitCell cell = crystal.expand();
    return write(cell.reducedFormula() + ' ' + name.replaceAll("\\s", "_") + ' ' + crystal.group().symbol(), crystal.lattice().matrix(), cell);
  }

  /** The primitive cell ({@link PrimitiveCell}): the conventional cell's atoms over its lattice points. */
  public static String writePrimitive(String name, Crystal crystal) {
    PrimitiveCell p = PrimitiveCell.of(crystal);
    return write(p.cell().reducedFormula() + ' ' + name.replaceAll("\\s", "_") + ' ' + crystal.group().symbol() + " primitive", p.vectors(), p.cell());
  }

  private static String write(String comment, double[][] vectors, UnitCell cell) {
    StringBuilder sb = new StringBuilder();
    sb.append(comment).append('\n');
    sb.append("1.0\n");
    for (double[] v : vectors) sb.append(String.format(Locale.ROOT, "  %16.10f  %16.10f  %16.10f%n", v[0], v[1], v[2]));
    Map<Element, Integer> comp = cell.composition();
    List<String> symbols = new ArrayList<>(), counts = new ArrayList<>();
    comp.forEach((e, n) -> {
      symbols.add(e.symbol());
      counts.add(Integer.toString(n));
    });
    sb.append("  ").append(String.join("  ", symbols)).append('\n');
    sb.append("  ").append(String.join("  ", counts)).append('\n');
    sb.append("Direct\n");
    for (Element e : comp.keySet())
      for (Atom a : cell.atoms())
        if (a.element().equals(e)) sb.append(String.format(Locale.ROOT, "  %.10f  %.10f  %.10f  %s%n", a.x(), a.y(), a.z(), e.symbol()));
    return sb.toString();
  }
}
