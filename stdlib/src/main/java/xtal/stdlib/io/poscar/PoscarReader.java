package xtal.stdlib.io.poscar;

import java.util.ArrayList;
import java.util.List;
import xtal.grammar.Diagnostic;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.symmetry.Structure;

/**
 * Reads a VASP POSCAR/CONTCAR: comment, scale (negative: target volume), three lattice vectors,
 * the species line (VASP 5; VASP 4 files without it take the species from the comment line),
 * counts, optional {@code Selective dynamics}, {@code Direct} or {@code Cartesian} coordinates.
 */
public final class PoscarReader {

  /** The structure, or null with the reasons. */
  public record Result(Structure structure, List<Diagnostic> diagnostics) {}

  private PoscarReader() {}

  public static Result read(String source, String text) {
    List<Diagnostic> d = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    int[] at = {1}; // next line index (0-based) after the comment
    try {
      if (lines.length < 8) return fail(d, source, lines.length, 0, "a POSCAR needs at least 8 lines (comment, scale, 3 lattice vectors, species/counts, mode, positions); found " + lines.length);
      // VASP reads one universal scale factor, or three (one per Cartesian axis, all positive)
      String[] scaleTok = lines[1].trim().split("[!#]", 2)[0].trim().split("\\s+");
      int scaleCount = scaleTok.length >= 3 && isNumber(scaleTok[0]) && isNumber(scaleTok[1]) && isNumber(scaleTok[2]) ? 3 : 1;
      double[] scale = numbers(source, lines, 1, scaleCount, d);
      if (scale == null) return new Result(null, d);
      if (scaleCount == 3)
        for (int k = 0; k < 3; k++)
          if (!(scale[k] > 0))
            return fail(d, source, 2, col(lines[1], scaleTok[k]), "three scale factors (one per axis) must all be positive, found " + scaleTok[k]);
      double[][] lat = new double[3][];
      for (int i = 0; i < 3; i++) {
        lat[i] = numbers(source, lines, 2 + i, 3, d);
        if (lat[i] == null) return new Result(null, d);
      }
      int li = 5;
      String[] speciesTok = lines[li].trim().split("\\s+");
      List<String> species = new ArrayList<>();
      if (!speciesTok[0].matches("[+-]?\\d+")) {
        for (String s : speciesTok) {
          String el = CifStructures.element(s.replaceAll("[_/].*$", ""));
          if (el == null) return fail(d, source, li + 1, col(lines[li], s), "unknown element '" + s + "' in the species line");
          species.add(el);
        }
        li++;
      } else {
        for (String s : lines[0].trim().split("\\s+")) {
          String el = CifStructures.element(s);
          if (el != null) species.add(el);
        }
      }
      String[] countTok = lines[li].trim().split("\\s+");
      List<Integer> counts = new ArrayList<>();
      for (String s : countTok) {
        if (!s.matches("\\d+")) return fail(d, source, li + 1, col(lines[li], s), "expected atom counts, found '" + s + "'");
        if (s.length() > 9 || Integer.parseInt(s) > MAX_ATOMS)
          return fail(d, source, li + 1, col(lines[li], s), "atom count " + s + " is too large (at most " + MAX_ATOMS + " atoms)");
        counts.add(Integer.parseInt(s));
        if (counts.stream().mapToLong(Integer::longValue).sum() > MAX_ATOMS)
          return fail(d, source, li + 1, col(lines[li], s), "the atom counts add up to more than " + MAX_ATOMS + " atoms");
      }
      if (species.size() != counts.size())
        return fail(d, source, li + 1, 1, species.isEmpty()
            ? "no species line (VASP 5) and no element symbols in the comment line"
            : counts.size() + " counts for " + species.size() + " species");
      li++;
      if (li < lines.length && lines[li].trim().toLowerCase().startsWith("s")) li++; // selective dynamics
      if (li >= lines.length) return fail(d, source, li, 0, "missing the Direct/Cartesian line");
      String mode = lines[li].trim().toLowerCase();
      boolean cartesian = mode.startsWith("c") || mode.startsWith("k");
      if (!cartesian && !mode.startsWith("d"))
        return fail(d, source, li + 1, 1, "expected 'Direct' or 'Cartesian', found '" + lines[li].trim() + "'");
      li++;
      double s = scale[0];
      double vol = Math.abs(det(lat));
      double[] f = new double[3];
      for (int k = 0; k < 3; k++) f[k] = scaleCount == 3 ? scale[k] : s > 0 ? s : Math.cbrt(-s / vol);
      if (!(vol > 1e-9) || s == 0) return fail(d, source, 2, 1, "the lattice has no volume");
      for (double[] v : lat) for (int k = 0; k < 3; k++) v[k] *= f[k];
      double[][] inv = inverse(lat);
      List<double[]> pos = new ArrayList<>();
      List<String> sp = new ArrayList<>();
      for (int t = 0; t < counts.size(); t++)
        for (int n = 0; n < counts.get(t); n++) {
          if (li >= lines.length || lines[li].isBlank())
            return fail(d, source, li + 1, 0, "missing coordinates: expected " + counts.stream().mapToInt(Integer::intValue).sum() + " atoms");
          double[] x = numbers(source, lines, li, 3, d);
          if (x == null) return new Result(null, d);
          if (cartesian) {
            for (int k = 0; k < 3; k++) x[k] *= f[k];
            double[] y = new double[3];
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) y[b] += x[a] * inv[a][b];
            x = y;
          }
          pos.add(x);
          sp.add(species.get(t));
          li++;
        }
      if (pos.isEmpty()) return fail(d, source, li, 0, "no atoms");
      return new Result(new Structure(lat, pos, sp), d);
    } catch (RuntimeException e) {
      return fail(d, source, at[0], 0, "cannot read the POSCAR: " + e.getMessage());
    }
  }

  /** Most atoms a POSCAR may declare: far beyond any structure, and sums stay in an int. */
  public static final int MAX_ATOMS = 10_000_000;

  private static boolean isNumber(String t) {
    try {
      Double.parseDouble(t);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int col(String line, String token) {
    return line.indexOf(token) + 1;
  }

  /** The first {@code n} numbers of line {@code i} (0-based), or null with a diagnostic. */
  private static double[] numbers(String source, String[] lines, int i, int n, List<Diagnostic> d) {
    if (i >= lines.length) {
      fail(d, source, i, 0, "file ends early: expected " + n + " number(s) on line " + (i + 1));
      return null;
    }
    String[] tok = lines[i].trim().split("\\s+");
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      if (k >= tok.length || tok[k].isEmpty()) {
        fail(d, source, i + 1, 0, "expected " + n + " number(s), found " + (tok[0].isEmpty() ? 0 : tok.length));
        return null;
      }
      try {
        out[k] = Double.parseDouble(tok[k]);
        if (!Double.isFinite(out[k])) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        fail(d, source, i + 1, col(lines[i], tok[k]), "expected a number, found '" + tok[k] + "'");
        return null;
      }
    }
    return out;
  }

  private static Result fail(List<Diagnostic> d, String source, int line, int col, String message) {
    d.add(new Diagnostic(source, line, col, 0, Diagnostic.Severity.ERROR, message));
    return new Result(null, d);
  }

  private static double det(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  private static double[][] inverse(double[][] m) {
    double dt = det(m);
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
        r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / dt;
      }
    return r;
  }
}
