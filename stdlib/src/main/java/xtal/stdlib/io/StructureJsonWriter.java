package xtal.stdlib.io;

import java.util.Locale;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.UnitCell;

/**
 * The conventional cell in the two formats Python users load in one line: extended XYZ ({@code
 * ase.io.read(f)}) and pymatgen's {@code Structure} JSON ({@code Structure.from_file(f)}, the
 * {@code as_dict()} layout). Both give the cell as three Cartesian row vectors, the same ones the
 * POSCAR has.
 */
public final class StructureJsonWriter {
  private StructureJsonWriter() {}

  /** Extended XYZ: atom count, a comment with {@code Lattice}, {@code Properties} and {@code pbc}, then "El x y z" in Å. */
  public static String writeExtendedXyz(String name, Crystal crystal) {
    UnitCell cell = crystal.expand();
    double[][] m = crystal.lattice().matrix();
    StringBuilder sb = new StringBuilder();
    sb.append(cell.count()).append('\n');
    sb.append("Lattice=\"");
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) sb.append(i + j == 0 ? "" : " ").append(num(m[i][j]));
    sb.append("\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"");
    sb.append(" name=").append(name.replaceAll("[\\s\"=]", "_"));
    sb.append(" spacegroup=").append(crystal.group().number()).append('\n');
    for (Atom a : cell.atoms()) {
      double[] r = crystal.lattice().toCartesian(a.xyz());
      sb.append(String.format(Locale.ROOT, "%-2s %16.10f %16.10f %16.10f%n", a.element().symbol(), r[0], r[1], r[2]));
    }
    return sb.toString();
  }

  /** pymatgen's {@code Structure.as_dict()} of the conventional cell. */
  public static String writePymatgen(Crystal crystal) {
    UnitCell cell = crystal.expand();
    double[][] m = crystal.lattice().matrix();
    StringBuilder sb = new StringBuilder("{\"@module\": \"pymatgen.core.structure\", \"@class\": \"Structure\", \"charge\": 0, ");
    sb.append("\"lattice\": {\"matrix\": [");
    for (int i = 0; i < 3; i++) sb.append(i == 0 ? "" : ", ").append('[').append(num(m[i][0])).append(", ").append(num(m[i][1])).append(", ").append(num(m[i][2])).append(']');
    sb.append("], \"pbc\": [true, true, true]}, \"properties\": {}, \"sites\": [");
    boolean first = true;
    for (Atom a : cell.atoms()) {
      double[] r = crystal.lattice().toCartesian(a.xyz());
      String el = a.element().symbol();
      sb.append(first ? "" : ", ");
      first = false;
      sb.append("{\"species\": [{\"element\": \"").append(el).append("\", \"occu\": 1}], ");
      sb.append("\"abc\": [").append(num(a.x())).append(", ").append(num(a.y())).append(", ").append(num(a.z())).append("], ");
      sb.append("\"xyz\": [").append(num(r[0])).append(", ").append(num(r[1])).append(", ").append(num(r[2])).append("], ");
      sb.append("\"label\": \"").append(el).append("\", \"properties\": {}}");
    }
    return sb.append("]}\n").toString();
  }

  private static String num(double v) {
    String s = String.format(Locale.ROOT, "%.10f", v);
    return s.equals("-0.0000000000") ? "0.0000000000" : s;
  }
}
