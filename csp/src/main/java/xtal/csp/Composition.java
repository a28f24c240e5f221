package xtal.csp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;

/**
 * A chemical composition: how many atoms of each element, in formula order (increasing
 * electronegativity, as {@link UnitCell#FORMULA_ORDER}). Parsed from formulas such as {@code
 * Li3PS4}, {@code Ca(OH)2}, {@code Mg2(SiO4)} or {@code C}; every symbol must be an element.
 *
 * @param counts element → atoms, every count ≥ 1, in formula order
 */
public record Composition(Map<Element, Integer> counts) {

  /** Most atoms a formula may spell out; beyond it no crystal sentence could hold it. */
  public static final int MAX_ATOMS = 10_000;

  public Composition {
    if (counts.isEmpty()) throw new IllegalArgumentException("a composition needs at least one element");
    Map<Element, Integer> sorted = new TreeMap<>(UnitCell.FORMULA_ORDER);
    sorted.putAll(counts);
    counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /**
   * Parses a formula. Errors name the formula and the column (1-based) of the problem: an unknown
   * symbol ({@code Xx2O}), an unmatched parenthesis ({@code Li3PS4)}), a zero count, nothing at all.
   *
   * @throws IllegalArgumentException with that message
   */
  public static Composition parse(String formula) {
    if (formula == null || formula.isBlank()) throw new IllegalArgumentException("formula '" + (formula == null ? "" : formula) + "': empty formula");
    Parser p = new Parser(formula.strip());
    Map<Element, Integer> c = p.group(0);
    if (p.pos < p.text.length()) throw p.error(p.text.charAt(p.pos) == ')' ? "unmatched ')'" : "unexpected '" + p.text.charAt(p.pos) + "'");
    if (c.isEmpty()) throw p.error("no element");
    return new Composition(c);
  }

  /** The composition of a cell's atoms. */
  public static Composition of(List<Atom> atoms) {
    Map<Element, Integer> c = new LinkedHashMap<>();
    for (Atom a : atoms) c.merge(a.element(), 1, Integer::sum);
    return new Composition(c);
  }

  /** The composition of a list of element symbols (a structure read from a file). */
  public static Composition ofSymbols(List<String> symbols) {
    Map<Element, Integer> c = new LinkedHashMap<>();
    for (String s : symbols)
      c.merge(Elements.bySymbol(s).orElseThrow(() -> new IllegalArgumentException("unknown element '" + s + "'")), 1, Integer::sum);
    return new Composition(c);
  }

  /** Total atoms. */
  public int atoms() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The greatest common divisor of the counts: formula units in this composition. */
  public int formulaUnits() {
    int g = 0;
    for (int n : counts.values()) g = gcd(g, n);
    return g;
  }

  /** The composition divided by its formula units ({@code Sr2Ti2O6} → {@code SrTiO3}). */
  public Composition reduced() {
    int g = formulaUnits();
    Map<Element, Integer> r = new LinkedHashMap<>();
    counts.forEach((e, n) -> r.put(e, n / g));
    return new Composition(r);
  }

  /** The composition times {@code z}. */
  public Composition times(int z) {
    Map<Element, Integer> r = new LinkedHashMap<>();
    counts.forEach((e, n) -> r.put(e, n * z));
    return new Composition(r);
  }

  /** Written in formula order, counts of 1 omitted: {@code Li3PS4}. */
  public String formula() {
    StringBuilder sb = new StringBuilder();
    counts.forEach((e, n) -> sb.append(e.symbol()).append(n == 1 ? "" : Integer.toString(n)));
    return sb.toString();
  }

  @Override
  public String toString() {
    return formula();
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** Recursive descent over {@code group := (Element count? | '(' group ')' count?)*}. */
  private static final class Parser {
    final String text;
    int pos;

    Parser(String text) {
      this.text = text;
    }

    Map<Element, Integer> group(int depth) {
      Map<Element, Integer> c = new LinkedHashMap<>();
      while (pos < text.length()) {
        char ch = text.charAt(pos);
        if (ch == '(') {
          if (depth > 8) throw error("parentheses nested too deep");
          int open = pos++;
          Map<Element, Integer> inner = group(depth + 1);
          if (pos >= text.length() || text.charAt(pos) != ')') {
            pos = open;
            throw error("unmatched '('");
          }
          pos++;
          if (inner.isEmpty()) throw error("empty parentheses");
          int k = count();
          inner.forEach((e, n) -> add(c, e, n * (long) k));
        } else if (ch >= 'A' && ch <= 'Z') {
          int start = pos++;
          while (pos < text.length() && Character.isLowerCase(text.charAt(pos))) pos++;
          String sym = text.substring(start, pos);
          Element e = Elements.bySymbol(sym).orElse(null);
          if (e == null) {
            pos = start;
            throw error("unknown element '" + sym + "'");
          }
          add(c, e, count());
        } else {
          break; // ')' or anything else: the caller decides
        }
      }
      return c;
    }

    int count() {
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
      if (start == pos) return 1;
      if (pos - start > 5) {
        pos = start;
        throw error("count too large");
      }
      int n = Integer.parseInt(text.substring(start, pos));
      if (n == 0) {
        pos = start;
        throw error("a count of 0");
      }
      return n;
    }

    void add(Map<Element, Integer> c, Element e, long n) {
      long total = c.getOrDefault(e, 0) + n;
      if (total > MAX_ATOMS) throw error("more than " + MAX_ATOMS + " atoms");
      c.put(e, (int) total);
    }

    IllegalArgumentException error(String why) {
      return new IllegalArgumentException("formula '" + text + "': " + why + " at column " + (pos + 1));
    }
  }
}
