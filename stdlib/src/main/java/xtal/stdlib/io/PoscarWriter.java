package xtal.stdlib.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;

/**
 * Writes the expanded cell of a crystal as a VASP 5 POSCAR: a comment line, scale 1, the three
 * cell vectors (Å, rows), species and counts in formula order, and direct (fractional)
 * coordinates grouped by species.
 */
public final class PoscarWriter {
  private PoscarWriter() {}

  public static String write(String name, Crystal crystal) {
    UnitCell cell = crystal.expand();
    StringBuilder sb = new StringBuilder();
    sb.append(cell.reducedFormula()).append(' ').append(name.replaceAll("\\s", "_")).append(' ').append(crystal.group().symbol()).append('\n');
    sb.append("1.0\n");
    for (double[] v : crystal.lattice().matrix()) sb.append(String.format(Locale.ROOT, "  %16.10f  %16.10f  %16.10f%n", v[0], v[1], v[2]));
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
