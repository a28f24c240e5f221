package xtal.stdlib.io.cif;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import xtal.grammar.Diagnostic;
import xtal.stdlib.symmetry.Structure;

/**
 * Turns a CIF data block into an ordered {@link Structure}: cell parameters, symmetry operations
 * ({@code _symmetry_equiv_pos_as_xyz} or {@code _space_group_symop_operation_xyz}) applied to the
 * atom sites, standard uncertainties such as {@code 0.2573(4)} dropped. Partial occupancy is
 * refused: a crystal sentence describes an ordered crystal.
 */
public final class CifStructures {

  /** A structure read from one block, or the reasons it could not be. */
  public record Read(String name, Structure structure, List<Diagnostic> diagnostics) {
    public boolean ok() {
      return structure != null;
    }
  }

  /** Occupancies below 1 − this are partial. */
  static final double OCCUPANCY_TOLERANCE = 0.01;

  private static volatile Set<String> elements;

  private CifStructures() {}

  /** Every data block of a CIF text as a structure (or its errors). Syntax errors come first. */
  public static List<Read> read(String source, String text, int firstLine) {
    CifReader.Result r = CifReader.read(source, text, firstLine);
    List<Read> out = new ArrayList<>();
    if (r.blocks().isEmpty()) {
      List<Diagnostic> d = new ArrayList<>(r.diagnostics());
      if (d.isEmpty())
        d.add(new Diagnostic(source, firstLine, 0, 0, Diagnostic.Severity.ERROR, "no data block (data_NAME) in the CIF"));
      out.add(new Read(source, null, d));
      return out;
    }
    List<CifReader.Block> blocks = r.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      CifReader.Block b = blocks.get(i);
      int end = i + 1 < blocks.size() ? blocks.get(i + 1).line() : Integer.MAX_VALUE;
      List<Diagnostic> d = new ArrayList<>();
      // syntax errors belong to the block whose lines hold them (errors before the first block too)
      for (Diagnostic x : r.diagnostics()) if ((i == 0 || x.line() >= b.line()) && x.line() < end) d.add(x);
      Structure s = d.isEmpty() ? toStructure(source, b, d) : null;
      out.add(new Read(b.name(), s, d));
    }
    return out;
  }

  /** The structure of one block; problems go to {@code diagnostics} and null is returned. */
  public static Structure toStructure(String source, CifReader.Block b, List<Diagnostic> diagnostics) {
    int before = diagnostics.size();
    String[] cellTags = {"_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"};
    double[] cell = new double[6];
    for (int i = 0; i < 6; i++) {
      CifReader.Value v = b.item(cellTags[i]);
      if (v == null || v.isMissing()) {
        // an angle is not assumed to be 90°: a cell must say what it is
        error(diagnostics, source, b.line(), 0, "data_" + b.name() + ": missing cell parameter " + cellTags[i]);
        continue;
      }
      Double x = number(v.text());
      if (x == null || !(x > 0) || (i >= 3 && x >= 180)) {
        error(diagnostics, source, v, "bad value '" + v.text() + "' for " + cellTags[i]);
        continue;
      }
      cell[i] = x;
    }

    // symmetry operations (P1 when none are given)
    List<double[][]> ops = new ArrayList<>();
    CifReader.Loop symLoop = null;
    String symTag = null;
    for (String tag : new String[] {"_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz", "_space_group_symop.operation_xyz"}) {
      symLoop = b.loopWith(tag);
      if (symLoop != null) {
        symTag = tag;
        break;
      }
      CifReader.Value single = b.item(tag);
      if (single != null) {
        double[][] op = parseOp(single.text());
        if (op == null) error(diagnostics, source, single, "cannot read symmetry operation '" + single.text() + "'");
        else ops.add(op);
      }
    }
    if (symLoop != null) {
      int col = symLoop.column(symTag);
      for (List<CifReader.Value> row : symLoop.rows()) {
        CifReader.Value v = row.get(col);
        double[][] op = parseOp(v.text());
        if (op == null) error(diagnostics, source, v, "cannot read symmetry operation '" + v.text() + "'");
        else ops.add(op);
      }
    }
    double[][] metricLattice = diagnostics.size() == before
        ? Structure.latticeFromParameters(cell[0], cell[1], cell[2], cell[3], cell[4], cell[5]) : null;
    if (metricLattice != null) {
      List<CifReader.Value> opValues = new ArrayList<>();
      if (symLoop != null) for (List<CifReader.Value> row : symLoop.rows()) opValues.add(row.get(symLoop.column(symTag)));
      for (int k = 0; k < ops.size() && k < opValues.size(); k++) {
        String why = notAnIsometry(ops.get(k), metricLattice);
        if (why != null) error(diagnostics, source, opValues.get(k), "symmetry operation '" + opValues.get(k).text() + "' " + why);
      }
    }
    if (ops.isEmpty()) {
      // no operations listed: those of the group the block names, in the table's setting, else P1
      List<double[][]> named = GroupByName.operations(source, b, diagnostics);
      if (named == null) ops.add(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}});
      else ops.addAll(named);
    }

    // atom sites
    CifReader.Loop atoms = b.loopWith("_atom_site_fract_x");
    if (atoms == null) {
      if (b.loopWith("_atom_site_cartn_x") != null)
        error(diagnostics, source, b.loopWith("_atom_site_cartn_x").line(), 0,
            "data_" + b.name() + ": only cartesian atom coordinates (_atom_site_Cartn_x); fractional ones (_atom_site_fract_x) are needed");
      else error(diagnostics, source, b.line(), 0, "data_" + b.name() + ": missing atom coordinates (no _atom_site_fract_x loop)");
      return null;
    }
    int cx = atoms.column("_atom_site_fract_x"), cy = atoms.column("_atom_site_fract_y"), cz = atoms.column("_atom_site_fract_z");
    if (cy < 0 || cz < 0) {
      error(diagnostics, source, atoms.line(), 0, "the atom-site loop lacks _atom_site_fract_y or _atom_site_fract_z");
      return null;
    }
    int ctype = atoms.column("_atom_site_type_symbol"), clabel = atoms.column("_atom_site_label");
    int cocc = atoms.column("_atom_site_occupancy");
    if (ctype < 0 && clabel < 0) {
      error(diagnostics, source, atoms.line(), 0, "the atom-site loop has neither _atom_site_type_symbol nor _atom_site_label");
      return null;
    }
    if (atoms.rows().isEmpty()) error(diagnostics, source, atoms.line(), 0, "the atom-site loop has no atoms");
    double[][] lattice = Structure.latticeFromParameters(cell[0], cell[1], cell[2], cell[3], cell[4], cell[5]);
    if (diagnostics.size() == before && !(Math.abs(det(lattice)) > 1e-3))
      error(diagnostics, source, b.line(), 0, "data_" + b.name() + ": the cell parameters give no volume");
    List<double[]> positions = new ArrayList<>();
    List<String> species = new ArrayList<>();
    for (List<CifReader.Value> row : atoms.rows()) {
      CifReader.Value tv = ctype >= 0 && !row.get(ctype).isMissing() ? row.get(ctype) : clabel >= 0 ? row.get(clabel) : row.get(ctype);
      String el = element(tv.text());
      if (el == null) {
        error(diagnostics, source, tv, "unknown element '" + tv.text() + "'");
        continue;
      }
      if (cocc >= 0 && !row.get(cocc).isMissing()) {
        Double occ = number(row.get(cocc).text());
        if (occ == null) {
          error(diagnostics, source, row.get(cocc), "bad occupancy '" + row.get(cocc).text() + "'");
          continue;
        }
        if (occ > 1 + OCCUPANCY_TOLERANCE) {
          error(diagnostics, source, row.get(cocc), "occupancy " + row.get(cocc).text() + " of " + el
              + " (site " + (clabel >= 0 ? row.get(clabel).text() : "?") + ") exceeds 1");
          continue;
        }
        if (occ < 1 - OCCUPANCY_TOLERANCE) {
          error(diagnostics, source, row.get(cocc), "partial occupancy " + row.get(cocc).text() + " of " + el
              + " (site " + (clabel >= 0 ? row.get(clabel).text() : "?")
              + "): a crystal sentence describes an ordered crystal; order the structure first");
          continue;
        }
      }
      double[] x = new double[3];
      int[] cols = {cx, cy, cz};
      boolean bad = false;
      for (int k = 0; k < 3; k++) {
        CifReader.Value v = row.get(cols[k]);
        Double d = v.isMissing() ? null : number(v.text());
        if (d == null) {
          error(diagnostics, source, v, "bad or missing coordinate '" + v.text() + "'");
          bad = true;
          break;
        }
        x[k] = d;
      }
      if (bad) continue;
      // expand by the symmetry operations; images closer than 0.05 Å are one atom
      List<double[]> images = new ArrayList<>();
      for (double[][] op : ops) {
        double[] y = new double[3];
        for (int i = 0; i < 3; i++) y[i] = op[i][0] * x[0] + op[i][1] * x[1] + op[i][2] * x[2] + op[i][3];
        for (int i = 0; i < 3; i++) y[i] -= Math.floor(y[i]);
        boolean dup = false;
        for (double[] im : images) dup |= distance(lattice, im, y) < 0.05;
        if (!dup) images.add(y);
      }
      for (double[] im : images) {
        positions.add(im);
        species.add(el);
      }
    }
    if (diagnostics.size() > before) return null;
    return new Structure(lattice, positions, species);
  }

  /** The element symbol in a type symbol or label ({@code Fe2+}, {@code O1}, {@code ca}), or null. */
  public static String element(String s) {
    int i = 0;
    while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
    String letters = s.substring(0, i);
    Set<String> known = elements();
    for (int len = Math.min(2, letters.length()); len >= 1; len--) {
      String cand = Character.toUpperCase(letters.charAt(0)) + letters.substring(1, len).toLowerCase();
      if (known.contains(cand)) return cand;
    }
    return null;
  }

  /** A CIF number: {@code 0.2573(4)} → 0.2573; null when not a number. */
  public static Double number(String s) {
    int p = s.indexOf('(');
    String t = p >= 0 ? s.substring(0, p) : s;
    try {
      double d = Double.parseDouble(t);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Parses {@code -y+1/2, x, z+0.25} into a 3×4 affine matrix, or null. */
  static double[][] parseOp(String s) {
    String[] parts = s.toLowerCase().replace(" ", "").split(",");
    if (parts.length != 3) return null;
    double[][] m = new double[3][4];
    for (int i = 0; i < 3; i++) {
      String e = parts[i];
      int p = 0;
      if (e.isEmpty()) return null;
      while (p < e.length()) {
        double sign = 1;
        if (e.charAt(p) == '+') p++;
        else if (e.charAt(p) == '-') {
          sign = -1;
          p++;
        }
        int start = p;
        while (p < e.length() && (Character.isDigit(e.charAt(p)) || e.charAt(p) == '/' || e.charAt(p) == '.')) p++;
        String num = e.substring(start, p);
        if (p < e.length() && e.charAt(p) == '*') p++;
        double v;
        try {
          int slash = num.indexOf('/');
          v = num.isEmpty() ? 1 : slash < 0 ? Double.parseDouble(num)
              : Double.parseDouble(num.substring(0, slash)) / Double.parseDouble(num.substring(slash + 1));
        } catch (NumberFormatException ex) {
          return null;
        }
        if (p < e.length() && "xyz".indexOf(e.charAt(p)) >= 0) {
          m[i][e.charAt(p) - 'x'] += sign * v;
          p++;
        } else {
          if (num.isEmpty()) return null;
          m[i][3] += sign * v;
        }
      }
    }
    return m;
  }

  /**
   * Why an operation (rows: rotation | translation, on fractional coordinates) is no symmetry
   * operation of the cell, or null: its rotation must be integral with determinant ±1 and keep
   * the metric (RᵀGR = G within 1 %, as rounded cell parameters allow).
   */
  static String notAnIsometry(double[][] op, double[][] lattice) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        r[i][j] = op[i][j];
        if (Math.abs(r[i][j] - Math.rint(r[i][j])) > 1e-6) return "has a non-integral rotation: not a crystallographic operation";
      }
    double dt = det(r);
    if (Math.abs(Math.abs(dt) - 1) > 1e-6) return "changes volumes (determinant " + Math.round(dt) + "): not an isometry";
    // G = L Lᵀ (lattice vectors as rows); an isometry on fractional coordinates keeps RᵀGR = G
    double[][] g = new double[3][3];
    double scale = 0;
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) g[i][j] += lattice[i][k] * lattice[j][k];
        scale = Math.max(scale, Math.abs(g[i][j]));
      }
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        double v = 0;
        for (int a = 0; a < 3; a++) for (int c = 0; c < 3; c++) v += r[a][i] * g[a][c] * r[c][j];
        if (Math.abs(v - g[i][j]) > 0.01 * scale) return "does not map the cell onto itself (its lengths and angles do not allow it)";
      }
    return null;
  }

  private static double distance(double[][] lat, double[] a, double[] b) {
    double[] d = new double[3];
    for (int i = 0; i < 3; i++) {
      d[i] = a[i] - b[i];
      d[i] -= Math.floor(d[i] + 0.5);
    }
    double s = 0;
    for (int k = 0; k < 3; k++) {
      double c = d[0] * lat[0][k] + d[1] * lat[1][k] + d[2] * lat[2][k];
      s += c * c;
    }
    return Math.sqrt(s);
  }

  private static double det(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  private static void error(List<Diagnostic> d, String source, CifReader.Value v, String message) {
    d.add(new Diagnostic(source, v.line(), v.column(), v.text().length(), Diagnostic.Severity.ERROR, message));
  }

  private static void error(List<Diagnostic> d, String source, int line, int col, String message) {
    d.add(new Diagnostic(source, line, col, 0, Diagnostic.Severity.ERROR, message));
  }

  /** Element symbols from the packaged elements table. */
  static Set<String> elements() {
    Set<String> e = elements;
    if (e != null) return e;
    Set<String> s = new HashSet<>();
    try (InputStream in = open()) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(",", 3);
        if (f.length >= 2) s.add(f[1].trim());
      }
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException("cannot read elements.csv", ex);
    }
    elements = Set.copyOf(s);
    return elements;
  }

  private static InputStream open() throws IOException {
    InputStream in = CifStructures.class.getResourceAsStream("/xtal/stdlib/data/elements.csv");
    if (in != null) return in;
    String dir = System.getenv("XTAL_DATA");
    if (dir == null) dir = System.getProperty("xtal.data", "../shared/data");
    return Files.newInputStream(Path.of(dir, "elements.csv"));
  }
}
