package xtal.stdlib.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.SymOp;

/**
 * A small CIF reader for what {@link CifWriter} writes (and simple CIFs like it): the first data
 * block's cell, symmetry operations ({@code _space_group_symop_operation_xyz} or {@code
 * _symmetry_equiv_pos_as_xyz}) and atom sites (type symbol or label, fractional coordinates);
 * numbers may carry an uncertainty in parentheses. The atoms are expanded by the operations,
 * wrapped to [0, 1) and merged within {@link UnitCell#MERGE_TOLERANCE}.
 *
 * <p>Not a full CIF parser: multi-line text fields, partial occupancies and other settings are
 * left to the importer.
 */
public final class CifReader {
  private CifReader() {}

  /** A CIF read into a cell, or the reason it could not be. */
  public record Result(Optional<UnitCell> cell, String error) {
    static Result fail(String why) {
      return new Result(Optional.empty(), why);
    }
  }

  public static Result read(String text) {
    Map<String, String> items = new HashMap<>();
    List<Map<String, List<String>>> loops = new ArrayList<>();
    List<String> lines = text.lines().toList();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("data_")) {
        i++;
        continue;
      }
      if (line.equals("loop_")) {
        i++;
        List<String> tags = new ArrayList<>();
        while (i < lines.size() && lines.get(i).strip().startsWith("_")) tags.add(lines.get(i++).strip().toLowerCase(Locale.ROOT));
        List<String> values = new ArrayList<>();
        while (i < lines.size()) {
          String l = lines.get(i).strip();
          if (l.startsWith("_") || l.startsWith("loop_") || l.startsWith("data_")) break;
          if (!l.isEmpty() && !l.startsWith("#")) values.addAll(tokens(l));
          i++;
        }
        if (tags.isEmpty() || values.size() % tags.size() != 0) return Result.fail("loop with " + tags.size() + " columns has " + values.size() + " values");
        Map<String, List<String>> loop = new HashMap<>();
        for (int t = 0; t < tags.size(); t++) {
          List<String> col = new ArrayList<>();
          for (int r = t; r < values.size(); r += tags.size()) col.add(values.get(r));
          loop.put(tags.get(t), col);
        }
        loops.add(loop);
        continue;
      }
      if (line.startsWith("_")) {
        List<String> tok = tokens(line);
        if (tok.size() >= 2) items.put(tok.get(0).toLowerCase(Locale.ROOT), tok.get(1));
      }
      i++;
    }
    try {
      double[] six = new double[6];
      String[] names = {"_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"};
      for (int k = 0; k < 6; k++) {
        String v = items.get(names[k]);
        if (v == null) return Result.fail("missing " + names[k]);
        six[k] = number(v);
      }
      List<SymOp> ops = new ArrayList<>();
      Map<String, List<String>> atoms = null;
      for (Map<String, List<String>> loop : loops) {
        List<String> xyz = loop.getOrDefault("_space_group_symop_operation_xyz", loop.get("_symmetry_equiv_pos_as_xyz"));
        if (xyz != null) for (String s : xyz) ops.add(SymOp.parse(s));
        if (loop.containsKey("_atom_site_fract_x")) atoms = loop;
      }
      if (ops.isEmpty()) ops.add(SymOp.IDENTITY);
      if (atoms == null) return Result.fail("no _atom_site_fract_x loop");
      List<String> types = atoms.getOrDefault("_atom_site_type_symbol", atoms.get("_atom_site_label"));
      if (types == null) return Result.fail("no _atom_site_type_symbol or _atom_site_label");
      List<Atom> all = new ArrayList<>();
      for (int r = 0; r < types.size(); r++) {
        String sym = types.get(r).replaceAll("[^A-Za-z].*$", "");
        Optional<Element> e = Elements.bySymbol(sym);
        if (e.isEmpty()) return Result.fail("unknown element '" + types.get(r) + "'");
        double[] p = {number(atoms.get("_atom_site_fract_x").get(r)), number(atoms.get("_atom_site_fract_y").get(r)), number(atoms.get("_atom_site_fract_z").get(r))};
        for (SymOp op : ops) {
          double[] q = op.apply(p);
          all.add(new Atom(e.get(), q[0], q[1], q[2], r));
        }
      }
      return new Result(Optional.of(UnitCell.merging(Lattice.of(six), all)), null);
    } catch (IllegalArgumentException e) {
      return Result.fail(e.getMessage());
    }
  }

  /** {@code 5.1}, {@code 0.1234(5)} → the number without its uncertainty. */
  private static double number(String s) {
    int p = s.indexOf('(');
    return Double.parseDouble(p >= 0 ? s.substring(0, p) : s);
  }

  /** Whitespace-separated tokens; '…' and "…" quote. */
  private static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '\'' || c == '"') {
        int end = line.indexOf(c, i + 1);
        if (end < 0) end = line.length();
        out.add(line.substring(i + 1, end));
        i = end + 1;
      } else {
        int end = i;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) end++;
        out.add(line.substring(i, end));
        i = end;
      }
    }
    return out;
  }
}
