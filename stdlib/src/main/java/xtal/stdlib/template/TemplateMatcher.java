package xtal.stdlib.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import xtal.grammar.ast.Sentence;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.ElementSlot;
import xtal.grammar.ast.Template.NumberSlot;
import xtal.grammar.ast.Template.SitePattern;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.crystal.Tolerance;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.CrystalSystem;

/**
 * The reference semantics of a template: does a concrete crystal match it, and with which
 * {@code $}-bindings. Slow and obviously correct on purpose (backtracking over every way to split
 * the sites among repetitions); the compiler's automaton is tested against it.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>group: a number matches itself; a set any member; {@code {cubic}} any group of that crystal
 *       system; {@code ?} anything;
 *   <li>sites: the site patterns, with repetitions expanded, match the crystal's sites one to one, in
 *       order;
 *   <li>letter: exact, set (or negated set), or {@code ?};
 *   <li>element: a symbol; a set of symbols, element classes ({@link Elements#elementClass}) and
 *       {@code let} names (resolved by the caller), possibly negated; {@code ?}; {@code $A=[…]}
 *       binds A to the element if it satisfies the constraint (if A is already bound, it must be
 *       the same element); a later {@code $A} must be the bound element. Different names may bind
 *       the same element (distinctness is a query statement, not a structure rule);
 *   <li>coordinates: a site pattern with 3 number slots is compared with the site's full
 *       coordinates, one with exactly as many slots as the position has free coordinates with the
 *       free ones (compact form); any other count does not match. Numbers compare by the checker's
 *       {@link Tolerance} rule: an exact number within 1e-4 modulo 1, a range {@code [lo..hi]}
 *       as an arc of the circle (modulo 1) widened by 1e-4 at both ends, {@code ?} anything;
 *   <li>lattice: {@code X-?} matches any lattice; otherwise 6 slots are compared with a, b, c,
 *       alpha, beta, gamma, or exactly the crystal system's free count with the free parameters;
 *       exact numbers and range ends within the checker's {@link Tolerance} (1e-3 Å, 0.01°).
 * </ul>
 */
public final class TemplateMatcher {

  private final Function<String, Optional<Set<Element>>> names;

  /** A matcher whose set names are the stdlib's element classes only. */
  public TemplateMatcher() {
    this(name -> Optional.empty());
  }

  /**
   * A matcher that resolves set names with {@code lets} first (a query file's {@code let}
   * definitions), then the stdlib classes.
   */
  public TemplateMatcher(Function<String, Optional<Set<Element>>> lets) {
    this.names = lets;
  }

  /** The bindings of the first match, or empty if the crystal does not match. */
  public Optional<Map<String, Element>> match(Template t, Crystal c) {
    if (t == null || c == null) throw new IllegalArgumentException("match needs a template and a crystal, got " + (t == null ? "no template" : "no crystal") + " (null)");
    if (!groupMatches(t.group(), c)) return Optional.empty();
    if (!latticeMatches(t, c)) return Optional.empty();
    for (State s : seq(t.sites(), List.of(new State(0, Map.of())), c))
      if (s.site() == c.sites().size()) return Optional.of(s.bindings());
    return Optional.empty();
  }

  /** The bindings of every way the crystal matches (empty if it does not). */
  public List<Map<String, Element>> allMatches(Template t, Crystal c) {
    if (t == null || c == null) throw new IllegalArgumentException("match needs a template and a crystal, got " + (t == null ? "no template" : "no crystal") + " (null)");
    if (!groupMatches(t.group(), c) || !latticeMatches(t, c)) return List.of();
    Set<Map<String, Element>> out = new LinkedHashSet<>();
    for (State s : seq(t.sites(), List.of(new State(0, Map.of())), c)) if (s.site() == c.sites().size()) out.add(s.bindings());
    return List.copyOf(out);
  }

  /** Whether the crystal matches. */
  public boolean matches(Template t, Crystal c) {
    return match(t, c).isPresent();
  }

  /** Checks the sentence first; a sentence that breaks a rule matches nothing. */
  public Optional<Map<String, Element>> match(Template t, Sentence s) {
    if (t == null || s == null) throw new IllegalArgumentException("match needs a template and a sentence, got " + (t == null ? "no template" : "no sentence") + " (null)");
    return SentenceChecker.check("sentence", s).crystal().flatMap(c -> match(t, c));
  }

  /** A partial match: how many sites are consumed, and the bindings so far. */
  private record State(int site, Map<String, Element> bindings) {}

  private List<State> seq(List<SitePattern> patterns, List<State> states, Crystal c) {
    List<State> current = states;
    for (SitePattern p : patterns) {
      if (current.isEmpty()) return current;
      current = one(p, current, c);
    }
    return current;
  }

  private List<State> one(SitePattern p, List<State> states, Crystal c) {
    Set<State> out = new LinkedHashSet<>();
    switch (p) {
      case Template.Site site -> {
        for (State s : states) {
          if (s.site() >= c.sites().size()) continue;
          Map<String, Element> b = siteMatches(site, c.sites().get(s.site()), s.bindings());
          if (b != null) out.add(new State(s.site() + 1, b));
        }
      }
      case Template.Repeat r -> {
        List<State> level = states;
        if (r.min() == 0) out.addAll(states);
        // each repetition must consume at least one site, so at most (sites left) repetitions
        for (int n = 1; (r.max() == Template.Repeat.UNBOUNDED || n <= r.max()) && !level.isEmpty() && n <= c.sites().size(); n++) {
          Set<State> next = new LinkedHashSet<>();
          for (State from : level)
            for (State s : seq(r.body(), List.of(from), c)) if (s.site() > from.site()) next.add(s);
          level = new ArrayList<>(next);
          if (n >= r.min()) out.addAll(level);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private boolean groupMatches(Template.GroupSlot g, Crystal c) {
    int n = c.group().number();
    return switch (g) {
      case Template.GroupNumber x -> x.number() == n;
      case Template.GroupSet x -> x.numbers().contains(n);
      case Template.CrystalSystem x -> CrystalSystem.find(x.name()).map(cs -> cs == c.group().crystalSystem()).orElse(false);
      case Template.AnyGroup x -> true;
    };
  }

  /** The new bindings if the site matches, else null. */
  private Map<String, Element> siteMatches(Template.Site p, Site s, Map<String, Element> bindings) {
    boolean letter = switch (p.letter()) {
      case Template.LetterExact x -> x.letter() == s.letter();
      case Template.LetterSet x -> x.letters().contains(s.letter()) != x.negated();
      case Template.AnyLetter x -> true;
    };
    if (!letter || !coordinatesMatch(p.coordinates(), s)) return null;
    return elementMatches(p.element(), s.element(), bindings);
  }

  private Map<String, Element> elementMatches(ElementSlot slot, Element e, Map<String, Element> bindings) {
    return switch (slot) {
      case Template.ElementExact x -> x.symbol().equals(e.symbol()) ? bindings : null;
      case Template.AnyElement x -> bindings;
      case Template.ElementSet x -> inSet(x, e) != x.negated() ? bindings : null;
      case Template.Reference x -> e.equals(bindings.get(x.name())) ? bindings : null;
      case Template.Binding x -> {
        Element bound = bindings.get(x.name());
        if (bound != null) yield bound.equals(e) && elementMatches(x.constraint(), e, bindings) != null ? bindings : null;
        if (elementMatches(x.constraint(), e, bindings) == null) yield null;
        Map<String, Element> b = new HashMap<>(bindings);
        b.put(x.name(), e);
        yield Map.copyOf(b);
      }
    };
  }

  private boolean inSet(Template.ElementSet set, Element e) {
    for (Template.ElementTerm term : set.terms()) {
      switch (term) {
        case Template.Symbol s -> {
          if (s.symbol().equals(e.symbol())) return true;
        }
        case Template.Named n -> {
          Optional<Set<Element>> let = names.apply(n.name());
          if (let.isPresent()) {
            if (let.get().contains(e)) return true;
          } else if (Elements.elementClass(n.name()).isPresent()) {
            if (Elements.elementClass(n.name()).get().members().contains(e)) return true;
          } else if (n.name().equals(e.symbol())) {
            return true; // a bare symbol the grammar could not tell from a class name
          }
        }
      }
    }
    return false;
  }

  private static boolean coordinatesMatch(List<NumberSlot> slots, Site s) {
    double[] xyz = s.xyz();
    if (slots.size() == 3) {
      for (int i = 0; i < 3; i++) if (!coordinateMatches(slots.get(i), xyz[i])) return false;
      return true;
    }
    int[] free = s.position().freeAxes();
    if (slots.size() != free.length) return false;
    for (int k = 0; k < free.length; k++) if (!coordinateMatches(slots.get(k), xyz[free[k]])) return false;
    return true;
  }

  private static boolean coordinateMatches(NumberSlot slot, double v) {
    return switch (slot) {
      case Template.AnyNumber x -> true;
      case Template.ExactNumber x -> Tolerance.sameCoordinate(x.value().value(), v);
      case Template.NumberRange x -> Tolerance.coordinateInRange(v, x.low().value(), x.high().value());
    };
  }

  private static boolean latticeMatches(Template t, Crystal c) {
    if (t.latticeFree()) return true;
    double[] six = c.lattice().parameters();
    boolean full = t.lattice().size() == 6;
    double[] values = full ? six : c.group().latticeRule().compact(six);
    int[] param = full ? new int[] {0, 1, 2, 3, 4, 5} : c.group().latticeRule().freeIndices();
    if (t.lattice().size() != values.length) return false;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      int p = param[i];
      boolean ok = switch (t.lattice().get(i)) {
        case Template.AnyNumber x -> true;
        case Template.ExactNumber x -> Tolerance.sameLattice(p, v, x.value().value());
        case Template.NumberRange x -> Tolerance.latticeInRange(p, v, x.low().value(), x.high().value());
      };
      if (!ok) return false;
    }
    return true;
  }

}
