package xtal.stdlib.io.cif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import xtal.grammar.Diagnostic;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.SymOp;

/**
 * The symmetry operations of a CIF block that names its space group (Hermann–Mauguin symbol or
 * International Tables number) but lists no operations: those of the group in the table's setting
 * (origin choice 2, hexagonal axes for R, unique axis b — the settings sentences use). A symbol of
 * another setting ({@code P 1 1 21/b}, {@code P 21/n}, {@code :1}, {@code :R}) is refused by name
 * rather than read in the wrong setting; nothing named and nothing listed is P1.
 */
final class GroupByName {
  private GroupByName() {}

  static final String[] SYMBOL_TAGS = {"_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m", "_space_group.name_h-m_alt"};
  static final String[] NUMBER_TAGS = {"_space_group_it_number", "_symmetry_int_tables_number", "_space_group.it_number"};

  /** The named group's operations; null when the block names no group (read as P1); errors added to {@code d}. */
  static List<double[][]> operations(String source, CifReader.Block b, List<Diagnostic> d) {
    CifReader.Value symbol = first(b, SYMBOL_TAGS), number = first(b, NUMBER_TAGS);
    if (symbol == null && number == null) return null;
    SpaceGroup byNumber = null;
    if (number != null) {
      Double n = CifStructures.number(number.text());
      Optional<SpaceGroup> g = n == null || n != Math.rint(n) ? Optional.empty() : SpaceGroups.find(n.intValue());
      if (g.isEmpty()) {
        error(d, source, number, "space group number '" + number.text() + "' does not exist (groups run 1..230)");
        return List.of();
      }
      byNumber = g.get();
    }
    SpaceGroup group = byNumber;
    if (symbol != null) {
      String text = symbol.text().strip();
      String setting = "";
      int colon = text.indexOf(':');
      if (colon >= 0) {
        setting = text.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
        text = text.substring(0, colon).strip();
      }
      Optional<SpaceGroup> bySymbol = SpaceGroups.bySymbol(text);
      if (bySymbol.isEmpty() || (byNumber != null && bySymbol.get().number() != byNumber.number())) {
        String table = byNumber == null ? "" : " (the table's setting of " + byNumber.number() + " is " + byNumber.fullSymbol() + ")";
        error(d, source, symbol, "space group '" + symbol.text().strip() + "' is not a setting this reader knows" + table
            + " and the block lists no symmetry operations; list them (_space_group_symop_operation_xyz)");
        return List.of();
      }
      group = bySymbol.get();
      if (!setting.isEmpty() && !setting.equals("2") && !setting.equals("H")) {
        error(d, source, symbol, "space group '" + symbol.text().strip() + "': setting ':" + setting + "' is not the table's (origin choice 2,"
            + " hexagonal axes) and the block lists no symmetry operations; list them (_space_group_symop_operation_xyz)");
        return List.of();
      }
    }
    List<double[][]> ops = new ArrayList<>();
    for (SymOp op : group.generalPosition()) {
      double[][] m = new double[3][4];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) m[i][j] = op.rotation()[i][j];
        m[i][3] = op.translation()[i].toDouble();
      }
      ops.add(m);
    }
    return ops;
  }

  private static CifReader.Value first(CifReader.Block b, String[] tags) {
    for (String t : tags) {
      CifReader.Value v = b.item(t);
      if (v != null && !v.isMissing() && !v.text().isBlank()) return v;
    }
    return null;
  }

  private static void error(List<Diagnostic> d, String source, CifReader.Value at, String message) {
    d.add(new Diagnostic(source, at.line(), at.column(), 0, Diagnostic.Severity.ERROR, message));
  }
}
