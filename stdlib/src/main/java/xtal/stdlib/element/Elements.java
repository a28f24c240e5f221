package xtal.stdlib.element;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import xtal.stdlib.data.Csv;
import xtal.stdlib.data.DataFiles;

/**
 * The 118 elements, read once from the shared {@code elements.csv} (see {@link DataFiles}), and the
 * named element classes of the query language.
 *
 * <p>Class definitions (by atomic number, IUPAC groups): {@code alkali} group 1 without H; {@code
 * alkaline-earth} group 2; {@code transition-metal} groups 3–12 without the f-block starts, i.e.
 * Sc–Zn, Y–Cd, Hf–Hg, Rf–Cn (La and Ac are {@code lanthanide}/{@code actinide}); {@code
 * lanthanide} La–Lu; {@code actinide} Ac–Lr; {@code rare-earth} Sc, Y and the lanthanides; {@code
 * pnictogen} N P As Sb Bi; {@code chalcogen} O S Se Te Po; {@code halogen} F Cl Br I At Ts; {@code
 * noble-gas} He Ne Ar Kr Xe Rn Og; {@code metalloid} B Si Ge As Sb Te; {@code
 * post-transition-metal} Al Ga In Sn Tl Pb Bi; {@code metal} the table's {@code is_metal} flag;
 * {@code nonmetal} H C N O F P S Cl Se Br I and the noble gases; {@code any} every element.
 */
public final class Elements {
  private Elements() {}

  private static final class Holder {
    static final List<Element> ALL = load();
    static final Map<String, Element> BY_SYMBOL = index(ALL);
    static final Map<String, ElementClass> CLASSES = classes(ALL);
  }

  /** The element with this symbol, exactly as written ({@code La}, not {@code LA}). */
  public static Optional<Element> bySymbol(String symbol) {
    return Optional.ofNullable(Holder.BY_SYMBOL.get(symbol));
  }

  /** The element with atomic number z. @throws IllegalArgumentException outside 1..118 */
  public static Element byZ(int z) {
    if (z < 1 || z > Holder.ALL.size()) throw new IllegalArgumentException("no element with Z = " + z);
    return Holder.ALL.get(z - 1);
  }

  /** All elements in Z order. */
  public static List<Element> all() {
    return Holder.ALL;
  }

  /** The class with this name ({@code transition-metal}), if there is one. */
  public static Optional<ElementClass> elementClass(String name) {
    return Optional.ofNullable(Holder.CLASSES.get(name));
  }

  /** The class names, in the order of the class javadoc. */
  public static Set<String> classNames() {
    return Holder.CLASSES.keySet();
  }

  /** All classes, in the order of {@link #classNames()}. */
  public static List<ElementClass> classes() {
    return List.copyOf(Holder.CLASSES.values());
  }

  private static List<Element> load() {
    List<String> lines = DataFiles.lines("elements.csv");
    List<Element> all = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      List<String> f = Csv.split(lines.get(i));
      try {
        if (f.size() != 9) throw new IllegalArgumentException(f.size() + " fields, expected 9");
        Element e =
            new Element(
                Integer.parseInt(f.get(0).strip()),
                f.get(1).strip(),
                f.get(2).strip(),
                Double.parseDouble(f.get(3).strip()),
                optional(f.get(4)),
                optional(f.get(5)),
                ints(f.get(6)),
                ints(f.get(7)),
                f.get(8).strip().equals("1"));
        if (e.z() != all.size() + 1) throw new IllegalArgumentException("Z " + e.z() + " out of order");
        all.add(e);
      } catch (RuntimeException ex) {
        throw new IllegalStateException("xtal: elements.csv line " + (i + 1) + ": " + ex.getMessage(), ex);
      }
    }
    return List.copyOf(all);
  }

  private static OptionalDouble optional(String s) {
    return s.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(s.strip()));
  }

  private static List<Integer> ints(String s) {
    List<Integer> out = new ArrayList<>();
    for (String t : s.strip().split("\\s+")) if (!t.isEmpty()) out.add(Integer.parseInt(t));
    return out;
  }

  private static Map<String, Element> index(List<Element> all) {
    Map<String, Element> m = new HashMap<>();
    for (Element e : all) m.put(e.symbol(), e);
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, ElementClass> classes(List<Element> all) {
    Map<String, ElementClass> m = new LinkedHashMap<>();
    add(m, all, "alkali", "group 1 without hydrogen: Li Na K Rb Cs Fr", zs(3, 11, 19, 37, 55, 87));
    add(m, all, "alkaline-earth", "group 2: Be Mg Ca Sr Ba Ra", zs(4, 12, 20, 38, 56, 88));
    add(m, all, "transition-metal", "groups 3-12 without La and Ac: Sc-Zn, Y-Cd, Hf-Hg, Rf-Cn",
        e -> between(e, 21, 30) || between(e, 39, 48) || between(e, 72, 80) || between(e, 104, 112));
    add(m, all, "lanthanide", "La-Lu", e -> between(e, 57, 71));
    add(m, all, "actinide", "Ac-Lr", e -> between(e, 89, 103));
    add(m, all, "rare-earth", "Sc, Y and the lanthanides", e -> e.z() == 21 || e.z() == 39 || between(e, 57, 71));
    add(m, all, "pnictogen", "group 15: N P As Sb Bi", zs(7, 15, 33, 51, 83));
    add(m, all, "chalcogen", "group 16 without Lv: O S Se Te Po", zs(8, 16, 34, 52, 84));
    add(m, all, "halogen", "group 17: F Cl Br I At Ts", zs(9, 17, 35, 53, 85, 117));
    add(m, all, "noble-gas", "group 18: He Ne Ar Kr Xe Rn Og", zs(2, 10, 18, 36, 54, 86, 118));
    add(m, all, "metalloid", "B Si Ge As Sb Te", zs(5, 14, 32, 33, 51, 52));
    add(m, all, "post-transition-metal", "Al Ga In Sn Tl Pb Bi", zs(13, 31, 49, 50, 81, 82, 83));
    add(m, all, "metal", "every element the table flags as a metal", Element::isMetal);
    add(m, all, "nonmetal", "H C N O F P S Cl Se Br I and the noble gases",
        zs(1, 6, 7, 8, 9, 15, 16, 17, 34, 35, 53, 2, 10, 18, 36, 54, 86));
    add(m, all, "any", "every element", e -> true);
    return Collections.unmodifiableMap(m);
  }

  private static boolean between(Element e, int lo, int hi) {
    return e.z() >= lo && e.z() <= hi;
  }

  private static Predicate<Element> zs(int... z) {
    Set<Integer> set = new java.util.HashSet<>();
    for (int v : z) set.add(v);
    return e -> set.contains(e.z());
  }

  private static void add(Map<String, ElementClass> m, List<Element> all, String name, String description, Predicate<Element> p) {
    Set<Element> members = new LinkedHashSet<>();
    for (Element e : all) if (p.test(e)) members.add(e);
    m.put(name, new ElementClass(name, description, members));
  }
}
