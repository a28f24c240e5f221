package xtal.compiler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.NumberSlot;
import xtal.grammar.ast.Template.SitePattern;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.CrystalSystem;
import xtal.stdlib.spacegroup.LatticeRule;

/**
 * A slow, obviously correct matcher of a crystal against a template, by backtracking over the
 * site list — the reference the compiled automata are tested against. Semantics as documented
 * in {@link TemplateComponent}: one element per {@code $name}, different names different elements.
 */
final class ReferenceTemplateMatcher {
  private final Template t;

  ReferenceTemplateMatcher(Template t) {
    this.t = t;
  }

  boolean matches(Crystal c) {
    if (!group(c)) return false;
    if (!lattice(c)) return false;
    return seq(t.sites(), 0, c.sites(), 0, new HashMap<>(), (i, env) -> i == c.sites().size());
  }

  private boolean group(Crystal c) {
    int g = c.group().number();
    return switch (t.group()) {
      case Template.AnyGroup a -> true;
      case Template.GroupNumber n -> n.number() == g;
      case Template.GroupSet s -> s.numbers().contains(g);
      case Template.CrystalSystem s -> CrystalSystem.fromName(s.name()) == c.group().crystalSystem();
    };
  }

  private interface Cont {
    boolean next(int siteIndex, Map<String, Integer> env);
  }

  private boolean seq(List<SitePattern> ps, int pi, List<Site> sites, int si, Map<String, Integer> env, Cont k) {
    if (pi == ps.size()) return k.next(si, env);
    return one(ps.get(pi), sites, si, env, (s2, e2) -> seq(ps, pi + 1, sites, s2, e2, k));
  }

  private boolean one(SitePattern p, List<Site> sites, int si, Map<String, Integer> env, Cont k) {
    return switch (p) {
      case Template.Site s -> {
        if (si >= sites.size()) yield false;
        Map<String, Integer> e2 = site(s, sites.get(si), env);
        yield e2 != null && k.next(si + 1, e2);
      }
      case Template.Repeat r -> rep(r, 0, sites, si, env, k);
    };
  }

  private boolean rep(Template.Repeat r, int done, List<Site> sites, int si, Map<String, Integer> env, Cont k) {
    boolean maxed = r.max() != Template.Repeat.UNBOUNDED && done >= r.max();
    if (done >= r.min() && k.next(si, env)) return true;
    if (maxed || done > sites.size() + r.min()) return false;
    return seq(r.body(), 0, sites, si, env, (s2, e2) -> (s2 > si || done < r.min()) && rep(r, done + 1, sites, s2, e2, k));
  }

  private Map<String, Integer> site(Template.Site p, Site s, Map<String, Integer> env) {
    boolean letter = switch (p.letter()) {
      case Template.AnyLetter a -> true;
      case Template.LetterExact e -> e.letter() == s.letter();
      case Template.LetterSet set -> set.letters().contains(s.letter()) != set.negated();
    };
    if (!letter) return null;
    int z = s.element().z();
    Map<String, Integer> out = env;
    switch (p.element()) {
      case Template.Binding b -> {
        if (!element(b.constraint(), z)) return null;
        out = bind(env, b.name(), z);
      }
      case Template.Reference r -> out = bind(env, r.name(), z);
      default -> {
        if (!element(p.element(), z)) return null;
      }
    }
    if (out == null) return null;
    List<NumberSlot> cs = p.coordinates();
    double[] xyz = s.xyz();
    if (cs.size() == 3) {
      for (int i = 0; i < 3; i++) if (!number(cs.get(i), xyz[i], true)) return null;
    } else if (!cs.isEmpty()) {
      int[] free = s.position().freeAxes();
      if (free.length != cs.size()) return null;
      for (int i = 0; i < free.length; i++) if (!number(cs.get(i), xyz[free[i]], true)) return null;
    }
    return out;
  }

  private static Map<String, Integer> bind(Map<String, Integer> env, String name, int z) {
    Integer have = env.get(name);
    if (have != null) return have == z ? env : null;
    if (env.containsValue(z)) return null;
    Map<String, Integer> out = new HashMap<>(env);
    out.put(name, z);
    return out;
  }

  private static boolean element(Template.ElementSlot slot, int z) {
    return switch (slot) {
      case Template.AnyElement a -> true;
      case Template.ElementExact e -> Elements.bySymbol(e.symbol()).orElseThrow().z() == z;
      case Template.ElementSet s -> s.terms().stream().anyMatch(term -> term(term, z)) != s.negated();
      default -> throw new IllegalArgumentException("nested binding");
    };
  }

  private static boolean term(Template.ElementTerm term, int z) {
    Predicate<Element> is = e -> e.z() == z;
    return switch (term) {
      case Template.Symbol s -> is.test(Elements.bySymbol(s.symbol()).orElseThrow());
      case Template.Named n -> Elements.elementClass(n.name()).orElseThrow().members().stream().anyMatch(is);
    };
  }

  private static boolean number(NumberSlot slot, double v, boolean modOne) {
    return switch (slot) {
      case Template.AnyNumber a -> true;
      case Template.ExactNumber e -> {
        double d = v - e.value().value();
        if (modOne) d -= Math.rint(d);
        yield Math.abs(d) <= 1e-4;
      }
      case Template.NumberRange r -> v >= r.low().value() - 1e-4 && v <= r.high().value() + 1e-4;
    };
  }

  private boolean lattice(Crystal c) {
    if (t.latticeFree() || t.lattice().isEmpty()) return true;
    double[] six = c.lattice().parameters();
    if (t.lattice().size() == 6) {
      for (int i = 0; i < 6; i++) if (!latticeNumber(t.lattice().get(i), six[i])) return false;
      return true;
    }
    LatticeRule rule = c.group().latticeRule();
    int[] free = rule.freeIndices();
    if (free.length != t.lattice().size()) return false;
    for (int i = 0; i < free.length; i++) if (!latticeNumber(t.lattice().get(i), six[free[i]])) return false;
    return true;
  }

  private static boolean latticeNumber(NumberSlot slot, double v) {
    return switch (slot) {
      case Template.AnyNumber a -> true;
      case Template.ExactNumber e -> Math.abs(v - e.value().value()) <= 1e-2;
      case Template.NumberRange r -> v >= r.low().value() - 1e-2 && v <= r.high().value() + 1e-2;
    };
  }
}
