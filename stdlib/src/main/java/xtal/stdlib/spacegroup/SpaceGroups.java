package xtal.stdlib.spacegroup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xtal.stdlib.data.Csv;
import xtal.stdlib.data.DataFiles;
import xtal.stdlib.data.PyLiteral;

/**
 * The 230 space groups, read once (lazily, thread-safely) from the shared tables {@code
 * spacegroups.csv}, {@code wyckoff_list.csv} and {@code wyckoff_symbols.csv} (see {@link
 * DataFiles} for where they are found).
 *
 * <p>Loading checks what the rest of the library relies on: 230 groups numbered 1..230, each
 * position's multiplicity and letter agree with {@code wyckoff_symbols.csv}, the general position is
 * last and starts with {@code x, y, z}, and every representative has a supported shape.
 */
public final class SpaceGroups {
  private SpaceGroups() {}

  private static final class Holder {
    static final List<SpaceGroup> ALL = load();
    static final Map<String, SpaceGroup> BY_SYMBOL = bySymbol(ALL);
  }

  /** The group with this number. @throws IllegalArgumentException if there is none (not 1..230) */
  public static SpaceGroup get(int number) {
    return find(number).orElseThrow(() -> new IllegalArgumentException("space group " + number + " does not exist (groups run 1..230)"));
  }

  /** The group with this number, or empty outside 1..230. */
  public static Optional<SpaceGroup> find(int number) {
    return number >= 1 && number <= 230 ? Optional.of(Holder.ALL.get(number - 1)) : Optional.empty();
  }

  /**
   * The group with this Hermann–Mauguin symbol, short or full, ignoring spaces and underscores
   * (case matters): {@code Fm-3m}, {@code F m -3 m}, {@code P2_1/c}, {@code P21/c}.
   */
  public static Optional<SpaceGroup> bySymbol(String symbol) {
    return Optional.ofNullable(Holder.BY_SYMBOL.get(key(symbol)));
  }

  /** All 230 groups in number order. */
  public static List<SpaceGroup> all() {
    return Holder.ALL;
  }

  private static String key(String symbol) {
    return symbol.replace(" ", "").replace("_", "").strip();
  }

  private static Map<String, SpaceGroup> bySymbol(List<SpaceGroup> all) {
    Map<String, SpaceGroup> m = new HashMap<>();
    for (SpaceGroup g : all) m.putIfAbsent(key(g.fullSymbol()), g);
    for (SpaceGroup g : all) m.put(key(g.symbol()), g); // short symbols win over full ones
    return Collections.unmodifiableMap(m);
  }

  private static List<SpaceGroup> load() {
    Map<Integer, List<String>> info = table("spacegroups/spacegroups.csv", 7);
    Map<Integer, List<String>> wyckoff = table("spacegroups/wyckoff_list.csv", 2);
    Map<Integer, List<String>> symbols = table("spacegroups/wyckoff_symbols.csv", 2);
    List<SpaceGroup> groups = new ArrayList<>(230);
    for (int n = 1; n <= 230; n++) {
      List<String> row = info.get(n), w = wyckoff.get(n), s = symbols.get(n);
      if (row == null || w == null || s == null) throw new IllegalStateException("xtal: space group " + n + " missing from the tables");
      try {
        groups.add(group(n, row, PyLiteral.stringListList(w.get(1)), PyLiteral.stringList(s.get(1))));
      } catch (RuntimeException e) {
        throw new IllegalStateException("xtal: space group " + n + " in the shared tables: " + e.getMessage(), e);
      }
    }
    return List.copyOf(groups);
  }

  private static SpaceGroup group(int n, List<String> row, List<List<String>> generalFirst, List<String> labels) {
    List<List<String>> lists = new ArrayList<>(generalFirst);
    Collections.reverse(lists); // the table lists the general position first and 'a' last
    if (lists.size() != labels.size()) throw new IllegalStateException(lists.size() + " positions but " + labels.size() + " Wyckoff symbols");
    List<WyckoffPosition> positions = new ArrayList<>(lists.size());
    for (int i = 0; i < lists.size(); i++) {
      List<SymOp> orbit = lists.get(i).stream().map(SymOp::parse).toList();
      char letter = WyckoffPosition.letterOf(i);
      String label = orbit.size() + String.valueOf(letter);
      if (!label.equals(labels.get(i))) throw new IllegalStateException("position " + i + " is " + label + " but the symbol table says " + labels.get(i));
      SymOp rep = orbit.getFirst();
      positions.add(new WyckoffPosition(n, letter, i, orbit.size(), rep, orbit, WyckoffPosition.rulesOf(rep)));
    }
    List<SymOp> general = positions.getLast().orbit();
    if (!general.getFirst().equals(SymOp.IDENTITY)) throw new IllegalStateException("general position does not start with x, y, z");
    for (SymOp op : general) if (Math.abs(op.determinant()) != 1) throw new IllegalStateException("operation " + op + " is not invertible");
    return new SpaceGroup(
        n,
        row.get(1),
        row.get(2),
        row.get(3),
        row.get(4),
        CrystalSystem.fromName(row.get(5)),
        Centring.fromLetter(row.get(6)),
        general,
        positions);
  }

  /** Rows keyed by the integer in the first column; the header line is skipped. */
  private static Map<Integer, List<String>> table(String name, int columns) {
    List<String> lines = DataFiles.lines(name);
    Map<Integer, List<String>> rows = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      List<String> f = Csv.split(line);
      if (f.size() != columns) throw new IllegalStateException("xtal: " + name + " line " + (i + 1) + ": " + f.size() + " fields, expected " + columns);
      rows.put(Integer.parseInt(f.get(0).strip()), f);
    }
    return rows;
  }

  /** Lower-case letters of a group's positions, {@code a..l}, for messages. */
  public static String letterRange(SpaceGroup g) {
    return g.positions().size() == 1 ? "a" : "a.." + g.lastLetter();
  }

}
