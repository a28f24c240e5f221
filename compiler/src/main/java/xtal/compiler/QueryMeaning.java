package xtal.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import xtal.grammar.ast.Template;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.template.TemplateMatcher;

/**
 * What a query means for one crystal, decided from the crystal directly and never from the
 * automaton: the structure by the stdlib's {@link TemplateMatcher} (the reference meaning of a
 * template), every other statement by counting the crystal's atoms. The sampler re-checks every
 * sample with this, so a blind spot of the compiler cannot hide behind its own re-check.
 */
public final class QueryMeaning {

  /** A statement of the query and whether a crystal satisfies it. */
  record Requirement(String label, Predicate<Crystal> holds) {}

  private final List<Requirement> requirements;

  QueryMeaning(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /** The statements the crystal breaks, as written in the query; empty if it satisfies them all. */
  public List<String> violations(Crystal c) {
    List<String> out = new ArrayList<>();
    for (Requirement r : requirements) if (!r.holds().test(c)) out.add(r.label());
    return out;
  }

  /** Whether the crystal satisfies the query. */
  public boolean accepts(Crystal c) {
    for (Requirement r : requirements) if (!r.holds().test(c)) return false;
    return true;
  }

  // ------------------------------------------------------------------ the statements, directly

  static Requirement structure(String label, Template t, Map<String, BitSet> lets) {
    TemplateMatcher m = new TemplateMatcher(name -> Optional.ofNullable(lets.get(name)).map(QueryMeaning::elements));
    return new Requirement(label, c -> m.matches(t, c));
  }

  static Set<Element> elements(BitSet b) {
    Set<Element> out = new HashSet<>();
    for (int z = b.nextSetBit(0); z >= 0; z = b.nextSetBit(z + 1)) out.add(Elements.byZ(z));
    return out;
  }

  /** Sites and atoms within the limits (atoms per the limits' unit). */
  static Requirement limits(Limits l) {
    return new Requirement(l.toString(), c -> {
      int atoms = atoms(c, l.unit());
      return c.sites().size() <= l.maxSites() && atoms >= l.minAtoms() && atoms <= l.maxAtoms();
    });
  }

  static Requirement minSites(String label, int min) {
    return new Requirement(label, c -> c.sites().size() >= min);
  }

  /** Every element of the crystal is in {@code allowed}. */
  static Requirement elementsIn(String label, BitSet allowed) {
    BitSet a = (BitSet) allowed.clone();
    return new Requirement(label, c -> c.sites().stream().allMatch(s -> a.get(s.element().z())));
  }

  /** Every item has a member among the crystal's elements. */
  static Requirement contains(String label, List<BitSet> items) {
    return new Requirement(label, c -> items.stream().allMatch(item -> c.sites().stream().anyMatch(s -> item.get(s.element().z()))));
  }

  /** Atoms of element {@code z} per conventional cell in [min, max]. */
  static Requirement count(String label, int z, int min, int max) {
    return new Requirement(label, c -> {
      int n = 0;
      for (Site s : c.sites()) if (s.element().z() == z) n += s.position().multiplicity();
      return n >= min && n <= max;
    });
  }

  static Requirement distinct(String label, int min, int max) {
    return new Requirement(label, c -> {
      long n = c.sites().stream().map(s -> s.element().z()).distinct().count();
      return n >= min && n <= max;
    });
  }

  /** Some oxidation state per site (common states, else ICSD ones) makes the cell neutral. */
  static Requirement chargeBalanced(String label) {
    return new Requirement(label, c -> {
      Set<Integer> sums = Set.of(0);
      for (Site s : c.sites()) {
        List<Integer> ox = Components.Charge.oxidationStates(s.element());
        Set<Integer> next = new HashSet<>();
        for (int sum : sums) for (int o : ox) next.add(sum + o * s.position().multiplicity());
        sums = next;
      }
      return sums.contains(0);
    });
  }

  /** The composition (any multiple: SMACT divides by the gcd) passes SMACT's test. */
  static Requirement smactValid(String label) {
    return new Requirement(label, c -> {
      Map<Element, Integer> comp = new HashMap<>();
      for (Site s : c.sites()) comp.merge(s.element(), s.position().multiplicity(), Integer::sum);
      return xtal.stdlib.element.Smact.smactValid(comp);
    });
  }

  /**
   * The composition is k times the formula for a whole k ≥ 1 (atoms per the limits' unit), each
   * placeholder a distinct element not among the formula's symbols, and a {@code $}-name the
   * element some match of the structure binds to it.
   */
  static Requirement formula(String label, List<Components.Formula.Term> terms, Limits.Unit unit, Template t, Map<String, BitSet> lets) {
    TemplateMatcher m = new TemplateMatcher(name -> Optional.ofNullable(lets.get(name)).map(QueryMeaning::elements));
    BitSet symbols = new BitSet();
    for (Components.Formula.Term term : terms) if (term.z() > 0) symbols.set(term.z());
    return new Requirement(label, c -> {
      Map<Integer, Integer> comp = new HashMap<>();
      int points = unit == Limits.Unit.PRIMITIVE ? c.group().centring().latticePoints() : 1;
      for (Site s : c.sites()) comp.merge(s.element().z(), s.position().multiplicity() / points, Integer::sum);
      List<Map<String, Element>> bindings = t == null ? List.of(Map.of()) : m.allMatches(t, c);
      if (bindings.isEmpty()) bindings = List.of(Map.of());
      int total = comp.values().stream().mapToInt(Integer::intValue).sum(), sum = 0;
      for (Components.Formula.Term term : terms) sum += term.coefficient();
      if (sum == 0 || total % sum != 0) return false;
      int k = total / sum;
      for (Map<String, Element> b : bindings) if (assign(terms, 0, comp, new HashSet<>(), k, b, symbols)) return true;
      return false;
    });
  }

  /** Backtracking over the terms: each takes a distinct element with exactly k × its coefficient atoms. */
  private static boolean assign(List<Components.Formula.Term> terms, int i, Map<Integer, Integer> comp, Set<Integer> used, int k,
      Map<String, Element> bound, BitSet symbols) {
    if (i == terms.size()) return used.size() == comp.size();
    Components.Formula.Term t = terms.get(i);
    int want = k * t.coefficient();
    if (t.z() > 0) {
      if (comp.getOrDefault(t.z(), 0) != want || used.contains(t.z())) return false;
      used.add(t.z());
      boolean ok = assign(terms, i + 1, comp, used, k, bound, symbols);
      used.remove(t.z());
      return ok;
    }
    for (var e : comp.entrySet()) {
      int z = e.getKey();
      if (e.getValue() != want || used.contains(z) || symbols.get(z) || !t.allowed().get(z)) continue;
      Element b = t.bound() ? bound.get(t.name()) : null;
      if (b != null && b.z() != z) continue;
      used.add(z);
      boolean ok = assign(terms, i + 1, comp, used, k, bound, symbols);
      used.remove(z);
      if (ok) return true;
    }
    return false;
  }

  static int atoms(Crystal c, Limits.Unit unit) {
    int n = 0;
    for (Site s : c.sites()) n += s.position().multiplicity();
    return unit == Limits.Unit.PRIMITIVE ? n / c.group().centring().latticePoints() : n;
  }
}
