package xtal.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.stdlib.spacegroup.Rational;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.ElementSlot;
import xtal.grammar.ast.Template.LetterSlot;
import xtal.grammar.ast.Template.Repeat;
import xtal.grammar.ast.Template.SitePattern;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * A template as a component: the site patterns (with repetition, optional parts, bindings) become
 * a Thompson NFA whose edges each read one whole site; the component's state is the set of NFA
 * configurations (NFA state + the elements bound to {@code $names} so far) — the subset
 * construction done lazily, one reachable set at a time.
 *
 * <p>Semantics: every occurrence of {@code $A} (binding or reference) denotes one element; the
 * first one met binds it. Different names may denote the same element, as in the stdlib's
 * reference {@link xtal.stdlib.template.TemplateMatcher} (distinctness is a query statement:
 * {@code distinct-elements}, or the placeholders of a {@code formula}). A repetition never needs more copies than the site limit, so bounded counts are
 * unrolled up to it and only {@code *}/{@code +} tails become loops.
 *
 * <p>Coordinates: each edge combines its numbers with the Wyckoff rules of the letter ({@link
 * SlotRules}); a letter whose fixed coordinates contradict the numbers does not match. When
 * several live edges read the same site with different numbers, see {@link #step}: the numbers
 * cannot steer a discrete automaton, so the annotation is their intersection — sound, and in
 * that corner narrower than the template.
 */
final class TemplateComponent implements Component {
  private final Template template;
  private final BitSet groups;
  private final List<Template.Site> patterns = new ArrayList<>();
  private final List<BitSet> allowed = new ArrayList<>(); // per pattern: elements its slot admits
  private final List<Integer> bindingOf = new ArrayList<>(); // per pattern: binding index or -1
  private final Map<String, Integer> bindings = new LinkedHashMap<>();
  private final BitSet bound = new BitSet(); // elements any binding may take
  // NFA: site edges and epsilon edges
  private int numNfaStates;
  private final List<int[]> siteEdges = new ArrayList<>(); // {from, pattern, to}
  private final List<int[]> epsEdges = new ArrayList<>();
  private int nfaStart, nfaAccept;
  private BitSet[] closure;
  private int[][] edgesFrom; // per NFA state: indices into siteEdges
  // interned component states: sorted, deduplicated configurations, each {nfaState, env...}
  private final Map<Key, Integer> ids = new HashMap<>();
  private final List<int[][]> states = new ArrayList<>();
  private final Map<Long, Optional<SlotAnnotation.Site>> siteAnnotations = new HashMap<>();
  private SlotAnnotation.Site lastAnnotation;
  private final long maxWork;
  private long work;
  private final java.util.Set<String> keepNames;
  private BitSet keep;

  /**
   * @param template the template
   * @param groups the groups its group slot admits (resolved by the caller)
   * @param resolve the elements an element slot's set admits (symbols, classes, let-names resolved)
   * @param maxSites the site limit, which bounds unrolling
   * @param maxWork budget of configuration steps before {@link
   *     xtal.compiler.automaton.TooComplexException}
   * @param keep names whose element must be remembered to the end (a formula refers to them)
   */
  TemplateComponent(Template template, BitSet groups, java.util.function.Function<ElementSlot, BitSet> resolve, int maxSites, long maxWork, java.util.Set<String> keep) {
    this.template = template;
    this.maxWork = maxWork;
    this.keepNames = java.util.Set.copyOf(keep);
    this.groups = groups;
    nfaStart = newState();
    nfaAccept = build(template.sites(), nfaStart, maxSites);
    for (Template.Site p : patterns) {
      ElementSlot slot = p.element();
      int b = -1;
      BitSet set;
      switch (slot) {
        case Template.Binding bd -> {
          b = bindings.computeIfAbsent(bd.name(), k -> bindings.size());
          set = resolve.apply(bd.constraint());
        }
        case Template.Reference r -> {
          b = bindings.computeIfAbsent(r.name(), k -> bindings.size());
          set = all();
        }
        default -> set = resolve.apply(slot);
      }
      allowed.add(set);
      bindingOf.add(b);
    }
    // a name may only take elements that all its binding occurrences admit
    for (int i = 0; i < patterns.size(); i++) {
      if (bindingOf.get(i) >= 0) bound.or(allowed.get(i));
    }
    List<List<Integer>> eps = new ArrayList<>();
    for (int q = 0; q < numNfaStates; q++) eps.add(new ArrayList<>());
    for (int[] e : epsEdges) eps.get(e[0]).add(e[1]);
    closure = new BitSet[numNfaStates];
    for (int q = 0; q < numNfaStates; q++) { // depth-first over epsilon edges: O(states · edges) at worst
      BitSet c = new BitSet();
      java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>(List.of(q));
      while (!stack.isEmpty()) {
        int x = stack.pop();
        if (c.get(x)) continue;
        c.set(x);
        for (int y : eps.get(x)) stack.push(y);
      }
      closure[q] = c;
    }
    List<List<Integer>> from = new ArrayList<>();
    for (int s = 0; s < numNfaStates; s++) from.add(new ArrayList<>());
    for (int i = 0; i < siteEdges.size(); i++) from.get(siteEdges.get(i)[0]).add(i);
    edgesFrom = new int[numNfaStates][];
    for (int s = 0; s < numNfaStates; s++) edgesFrom[s] = from.get(s).stream().mapToInt(Integer::intValue).toArray();
  }

  private static BitSet all() {
    BitSet b = new BitSet();
    b.set(1, 119);
    return b;
  }

  /** At most this many NFA states: a template's unrolled repetitions past it are an error, not a hang. */
  static final int MAX_NFA_STATES = 100_000;

  private int newState() {
    if (numNfaStates >= MAX_NFA_STATES) {
      throw new xtal.compiler.automaton.TooComplexException(
          "the template's repetitions unroll to more than " + MAX_NFA_STATES + " positions; nest fewer counted repetitions",
          template.span().toString());
    }
    return numNfaStates++;
  }

  /** The fewest sites a sequence of patterns can match. */
  private static int minSites(List<SitePattern> seq) {
    long n = 0;
    for (SitePattern p : seq) {
      n += switch (p) {
        case Template.Site s -> 1;
        case Repeat r -> (long) r.min() * minSites(r.body());
      };
      if (n > 1_000_000) return 1_000_000;
    }
    return (int) n;
  }

  private int build(List<SitePattern> seq, int from, int maxSites) {
    int cur = from;
    for (SitePattern p : seq) cur = build(p, cur, maxSites);
    return cur;
  }

  private int build(SitePattern p, int from, int maxSites) {
    switch (p) {
      case Template.Site s -> {
        int to = newState();
        patterns.add(s);
        siteEdges.add(new int[] {from, patterns.size() - 1, to});
        return to;
      }
      case Repeat r -> {
        // more copies of a body than the site limit allows are impossible (a body that can be
        // empty adds nothing per extra copy): cap the unrolling
        int least = minSites(r.body());
        int cap = least == 0 ? maxSites + 1 : maxSites / least + 1;
        int min = Math.min(r.min(), cap);
        int cur = from;
        for (int i = 0; i < min; i++) cur = build(r.body(), cur, maxSites);
        if (r.max() == Repeat.UNBOUNDED) {
          int loop = newState();
          epsEdges.add(new int[] {cur, loop});
          int end = build(r.body(), loop, maxSites);
          epsEdges.add(new int[] {end, loop});
          return loop;
        }
        int max = Math.min(r.max(), cap);
        int end = newState();
        for (int i = min; i < max; i++) {
          epsEdges.add(new int[] {cur, end});
          cur = build(r.body(), cur, maxSites);
        }
        epsEdges.add(new int[] {cur, end});
        return end;
      }
    }
  }

  private int intern(List<int[]> configs) {
    configs.sort(Arrays::compare);
    List<int[]> dedup = new ArrayList<>();
    for (int[] c : configs) if (dedup.isEmpty() || !Arrays.equals(dedup.getLast(), c)) dedup.add(c);
    int[][] arr = dedup.toArray(int[][]::new);
    return ids.computeIfAbsent(new Key(arr), k -> {
      states.add(arr);
      return states.size() - 1;
    });
  }

  private void addClosure(List<int[]> out, int nfaState, int[] env) {
    BitSet c = closure[nfaState];
    work += c.cardinality();
    for (int s = c.nextSetBit(0); s >= 0; s = c.nextSetBit(s + 1)) {
      int[] cfg = new int[1 + env.length];
      cfg[0] = s;
      System.arraycopy(env, 0, cfg, 1, env.length);
      out.add(cfg);
    }
  }

  @Override
  public int start() {
    List<int[]> configs = new ArrayList<>();
    addClosure(configs, nfaStart, new int[bindings.size()]);
    return intern(configs);
  }

  @Override
  public int onGroup(int state, SpaceGroup group) {
    return groups.get(group.number()) ? state : -1;
  }

  @Override
  public int onSite(int state, Site site) {
    throw new UnsupportedOperationException("use step(state, site)");
  }

  /**
   * The next state after a site, or −1; {@link #lastAnnotation()} then holds its slot rules.
   *
   * <p>When several live edges read this site with different coordinate constraints, the
   * annotation is their intersection (a value obeying it satisfies every edge, so all their
   * continuations stay sound). If the intersection is empty (say x = 0 on one edge, x = 1/2 on
   * another), the first edge's constraints win and only the edges they imply continue: sound,
   * but such a template generates and matches fewer crystals than it describes.
   */
  int step(int state, Component.Site site) {
    // a pure function of (state, group, position, element): cached, as the product calls it once
    // per product state, and the product has far more states than the template
    long key = ((long) state << 24) | ((long) site.group().number() << 15) | ((long) site.position().index() << 8) | site.z();
    Step cached = steps.get(key);
    if (cached == null) {
      int next = stepUncached(state, site);
      cached = new Step(next, next < 0 ? null : lastAnnotation);
      steps.put(key, cached);
    }
    lastAnnotation = cached.annotation;
    return cached.next;
  }

  private record Step(int next, SlotAnnotation.Site annotation) {}

  private final Map<Long, Step> steps = new HashMap<>();

  private int stepUncached(int state, Component.Site site) {
    List<SlotAnnotation.Site> anns = new ArrayList<>();
    List<int[]> targets = new ArrayList<>(); // {nfaTarget, env...}
    for (int[] cfg : states.get(state)) {
      work += 1 + edgesFrom[cfg[0]].length;
      if (work > maxWork) {
        throw new xtal.compiler.automaton.TooComplexException(
            "the template is too ambiguous to determinize within the budget (" + states.size()
                + " sets of positions so far); write its repetitions with fewer nested optional parts",
            template.span().toString());
      }
      for (int e : edgesFrom[cfg[0]]) {
        int pattern = siteEdges.get(e)[1];
        Template.Site p = patterns.get(pattern);
        if (!letterMatches(p.letter(), site.position().letter())) continue;
        if (!allowed.get(pattern).get(site.z())) continue;
        int[] env = Arrays.copyOfRange(cfg, 1, cfg.length);
        int b = bindingOf.get(pattern);
        if (b >= 0) {
          if (env[b] == 0) env[b] = site.z();
          else if (env[b] != site.z()) continue;
        }
        SlotAnnotation.Site a = annotation(pattern, site.group(), site.position());
        if (a == null) continue;
        int[] t = new int[1 + env.length];
        t[0] = siteEdges.get(e)[2];
        System.arraycopy(env, 0, t, 1, env.length);
        anns.add(a);
        targets.add(t);
      }
    }
    if (targets.isEmpty()) return -1;
    SlotAnnotation.Site meet = anns.getFirst();
    for (SlotAnnotation.Site a : anns) {
      meet = meet == null ? null : meet(meet, a);
    }
    if (meet == null) meet = anns.getFirst();
    List<int[]> next = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      if (!meet.equals(meet(meet, anns.get(i)))) continue; // this edge's numbers are not implied
      int[] t = targets.get(i);
      addClosure(next, t[0], forget(t[0], Arrays.copyOfRange(t, 1, t.length)));
    }
    lastAnnotation = meet;
    return intern(next);
  }

  private final Map<Long, BitSet> possible = new HashMap<>();

  /**
   * The elements some live edge of {@code state} admits at a site with this letter: a cheap
   * filter so the product does not step every element class through the template.
   */
  BitSet possibleElements(int state, char letter) {
    return possible.computeIfAbsent(((long) state << 8) | letter, k -> {
      BitSet out = new BitSet();
      for (int[] cfg : states.get(state)) {
        for (int e : edgesFrom[cfg[0]]) {
          int pattern = siteEdges.get(e)[1];
          if (letterMatches(patterns.get(pattern).letter(), letter)) out.or(allowed.get(pattern));
        }
      }
      return out;
    });
  }

  /** Every element some site pattern admits. */
  BitSet allPossibleElements() {
    BitSet out = new BitSet();
    for (BitSet b : allowed) out.or(b);
    return out;
  }

  /** Slot-wise intersection of two site annotations, or null if some slot admits no common value. */
  static SlotAnnotation.Site meet(SlotAnnotation.Site a, SlotAnnotation.Site b) {
    if (a.equals(b)) return a;
    List<SlotRule> out = new ArrayList<>(3);
    for (int i = 0; i < 3; i++) {
      SlotRule x = a.rules().get(i), y = b.rules().get(i), m;
      if (x.equals(y) || y instanceof SlotRule.Free) m = x;
      else if (x instanceof SlotRule.Free) m = y;
      else if (x instanceof SlotRule.Fixed f && y instanceof SlotRule.Ranged r) m = in(f, r) ? f : null;
      else if (y instanceof SlotRule.Fixed f && x instanceof SlotRule.Ranged r) m = in(f, r) ? f : null;
      else if (x instanceof SlotRule.Ranged r && y instanceof SlotRule.Ranged q) {
        Rational lo = r.lo().compareTo(q.lo()) >= 0 ? r.lo() : q.lo(), hi = r.hi().compareTo(q.hi()) <= 0 ? r.hi() : q.hi();
        m = lo.compareTo(hi) <= 0 ? new SlotRule.Ranged(lo, hi) : null;
      } else m = null;
      if (m == null) return null;
      out.add(m);
    }
    return new SlotAnnotation.Site(out);
  }

  private static boolean in(SlotRule.Fixed f, SlotRule.Ranged r) {
    return f.value().compareTo(r.lo()) >= 0 && f.value().compareTo(r.hi()) <= 0;
  }

  /**
   * Forgets bound elements that can no longer matter from NFA state {@code s}: a name that will
   * not occur again. Keeps the subset construction from multiplying states by elements nobody
   * looks at again.
   */
  private int[] forget(int s, int[] env) {
    BitSet live = liveNames(s);
    if (keep == null) {
      keep = new BitSet();
      for (var e : bindings.entrySet()) if (keepNames.contains(e.getKey())) keep.set(e.getValue());
    }
    for (int b = 0; b < env.length; b++) if (!live.get(b) && !keep.get(b) && env[b] != 0) env[b] = -1;
    return env;
  }

  private BitSet[] liveNames;

  /** Binding names that occur on some site edge reachable from NFA state {@code s}. */
  private BitSet liveNames(int s) {
    if (liveNames == null) {
      // names on the edges reachable from q: a fixpoint over the reversed graph, O(edges · names)
      liveNames = new BitSet[numNfaStates];
      for (int q = 0; q < numNfaStates; q++) liveNames[q] = new BitSet();
      List<int[]> all = new ArrayList<>(epsEdges);
      for (int[] e : siteEdges) all.add(new int[] {e[0], e[2], bindingOf.get(e[1])});
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int[] e : all) {
          BitSet from = liveNames[e[0]];
          int before = from.cardinality();
          from.or(liveNames[e[1]]);
          if (e.length == 3 && e[2] >= 0) from.set(e[2]);
          if (from.cardinality() != before) changed = true;
        }
      }
    }
    return liveNames[s];
  }

  /** The coordinate rules of the site read by the last successful {@link #step}. */
  SlotAnnotation.Site lastAnnotation() {
    return lastAnnotation;
  }

  private SlotAnnotation.Site annotation(int pattern, SpaceGroup g, WyckoffPosition pos) {
    long key = ((long) pattern << 20) | ((long) g.number() << 5) | pos.index();
    return siteAnnotations
        .computeIfAbsent(key, k -> Optional.ofNullable(SlotRules.site(pos, patterns.get(pattern).coordinates())))
        .orElse(null);
  }

  private static boolean letterMatches(LetterSlot slot, char letter) {
    return switch (slot) {
      case Template.AnyLetter a -> true;
      case Template.LetterExact e -> e.letter() == letter;
      case Template.LetterSet s -> s.letters().contains(letter) != s.negated();
    };
  }

  @Override
  public boolean acceptsAtEnd(int state, SpaceGroup group) {
    for (int[] cfg : states.get(state)) if (cfg[0] == nfaAccept) return true;
    return false;
  }

  private final Map<Integer, List<Map<String, Integer>>> acceptingBindings = new HashMap<>();

  /** The bound elements of each accepting configuration of {@code state} (names bound to nothing left out). */
  List<Map<String, Integer>> acceptingBindings(int state) {
    return acceptingBindings.computeIfAbsent(state, k -> {
      java.util.Set<Map<String, Integer>> out = new java.util.LinkedHashSet<>();
      for (int[] cfg : states.get(state)) {
        if (cfg[0] != nfaAccept) continue;
        Map<String, Integer> m = new HashMap<>();
        for (var e : bindings.entrySet()) if (cfg[1 + e.getValue()] > 0) m.put(e.getKey(), cfg[1 + e.getValue()]);
        out.add(Map.copyOf(m));
      }
      return List.copyOf(out);
    });
  }

  /** The lattice annotation for a group, or null if the template's lattice contradicts its system. */
  SlotAnnotation.Lattice lattice(SpaceGroup group) {
    return SlotRules.lattice(group.latticeRule(), template);
  }

  @Override
  public Object elementKey(int z) {
    if (bound.get(z)) return z;
    BitSet key = new BitSet(allowed.size());
    for (int i = 0; i < allowed.size(); i++) if (allowed.get(i).get(z)) key.set(i);
    return key;
  }

  /** Number of distinct configuration sets met so far (for reports). */
  int numStates() {
    return states.size();
  }

  @Override
  public String describe() {
    return "the template";
  }

  private record Key(int[][] configs) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.deepEquals(configs, k.configs);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(configs);
    }
  }
}
