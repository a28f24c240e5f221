package xtal.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * The product of the space-group rules, the counters and a query's components, as a transition
 * function over state tuples: {@link #successors} lists the tokens a tuple allows and the tuple
 * each leads to. {@link ProductBuilder} explores it whole (the eager automaton); {@link
 * LazyAutomaton} one tuple at a time, on demand.
 *
 * <p>A tuple is {@code (phase, group, last letter + 1, pending letter + 1, atoms, sites,
 * annotation + 1, template state, component states…)}. Elements are stepped one class at a time:
 * elements whose {@link Component#elementKey} agree for every component lead to the same tuple.
 *
 * <p>Not thread-safe: components intern their states in plain maps; callers serialise.
 */
final class ProductSpace {
  static final int PHASE_START = 0, PHASE_SITE = 1, PHASE_ELEMENT = 2, PHASE_FINAL = 3;
  static final int PHASE = 0, GROUP = 1, LAST = 2, PENDING = 3, ATOMS = 4, SITES = 5, ANNOTATION = 6;
  static final int CORE = 7; // phase, group, last+1, pending+1, atoms, sites, annotation+1

  final Limits limits;
  final BitSet groups;
  final BitSet elements;
  final TemplateComponent template; // may be null
  final List<Component> components;
  final int width;
  final boolean countSites;
  private final Map<SlotAnnotation, Integer> annotationIds = new HashMap<>();
  private final List<SlotAnnotation> annotationList = new ArrayList<>();
  // element classes: representative Z and the token ranges of each class
  final int[] classRep;
  final int[][] classRanges;
  /** Component steps taken so far (the eager builder's work budget). */
  long work;

  /**
   * Receives the edges of one tuple: tokens {@code lo..hi} lead to {@code dest} (do not keep or
   * change the array: copy it). Returns false to stop the enumeration. May enumerate other
   * tuples' successors itself (the enumeration keeps no state between edges but its locals).
   */
  interface Edges {
    boolean edge(int lo, int hi, int[] dest);
  }

  ProductSpace(Limits limits, BitSet groups, BitSet elements, TemplateComponent template, List<Component> components) {
    this.limits = limits;
    this.groups = groups;
    this.template = template;
    if (template != null) { // elements no site pattern admits never occur: fewer classes
      elements = (BitSet) elements.clone();
      elements.and(template.allPossibleElements());
    }
    this.elements = elements;
    this.components = List.copyOf(components);
    this.width = CORE + 1 + components.size();
    // every site adds at least one atom per cell, so the atom limit already bounds the sites
    this.countSites = limits.maxSites() < limits.maxAtoms();
    Map<List<Object>, List<Integer>> classes = new LinkedHashMap<>();
    for (int z = elements.nextSetBit(1); z >= 1 && z <= 118; z = elements.nextSetBit(z + 1)) {
      List<Object> key = new ArrayList<>();
      if (template != null) key.add(template.elementKey(z));
      for (Component c : components) key.add(c.elementKey(z));
      classes.computeIfAbsent(key, k -> new ArrayList<>()).add(z);
    }
    classRep = new int[classes.size()];
    classRanges = new int[classes.size()][];
    int i = 0;
    for (List<Integer> members : classes.values()) {
      classRep[i] = members.getFirst();
      List<Integer> ranges = new ArrayList<>();
      int lo = members.getFirst(), prev = lo;
      for (int k = 1; k <= members.size(); k++) {
        int z = k < members.size() ? members.get(k) : -1;
        if (z == prev + 1) {
          prev = z;
          continue;
        }
        ranges.add(Vocabulary.element(lo));
        ranges.add(Vocabulary.element(prev));
        lo = prev = z;
      }
      classRanges[i++] = ranges.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The initial tuple. */
  int[] start() {
    int[] t = new int[width];
    t[PHASE] = PHASE_START;
    t[CORE] = template == null ? 0 : template.start();
    for (int c = 0; c < components.size(); c++) t[CORE + 1 + c] = components.get(c).start();
    return t;
  }

  /** The slot annotation of a tuple's entering token, or null. */
  SlotAnnotation annotation(int[] t, int offset) {
    int a = t[offset + ANNOTATION];
    return a == 0 ? null : annotationList.get(a - 1);
  }

  SlotAnnotation annotationById(int id) {
    return annotationList.get(id);
  }

  /** Atoms a site on {@code p} adds, in the limits' unit. */
  int atomsOf(SpaceGroup group, WyckoffPosition p) {
    return limits.unit() == Limits.Unit.PRIMITIVE ? p.multiplicity() / group.centring().latticePoints() : p.multiplicity();
  }

  /** The tokens {@code cur} allows, each with the tuple it leads to, in token order within each phase; false if stopped. */
  boolean successors(int[] cur, Edges out) {
    return switch (cur[PHASE]) {
      case PHASE_START -> expandStart(cur, out);
      case PHASE_SITE -> expandSite(cur, out);
      case PHASE_ELEMENT -> expandElement(cur, out);
      default -> true; // final: no tokens
    };
  }

  /** The successor of {@code cur} for one group, or null. */
  int[] afterGroup(int[] cur, int g) {
    SpaceGroup group = SpaceGroups.get(g);
    int[] t = cur.clone();
    t[PHASE] = PHASE_SITE;
    t[GROUP] = g;
    t[LAST] = 0;
    if (template != null && (t[CORE] = template.onGroup(t[CORE], group)) < 0) return null;
    if (!stepComponents(t, c -> components.get(c).onGroup(t[CORE + 1 + c], group))) return null;
    return t;
  }

  private boolean expandStart(int[] cur, Edges out) {
    for (int g = groups.nextSetBit(1); g >= 1 && g <= 230; g = groups.nextSetBit(g + 1)) {
      int[] t = afterGroup(cur, g);
      if (t != null && !out.edge(Vocabulary.group(g), Vocabulary.group(g), t)) return false;
    }
    return true;
  }

  private boolean expandSite(int[] cur, Edges out) {
    SpaceGroup group = SpaceGroups.get(cur[GROUP]);
    int last = cur[LAST] - 1;
    for (WyckoffPosition p : group.positions()) {
      int L = p.index();
      if (L < last || (L == last && p.isZeroDof())) continue;
      int atoms = atomsOf(group, p);
      if (cur[ATOMS] + atoms > limits.maxAtoms()) continue;
      if (countSites && cur[SITES] + 1 > limits.maxSites()) continue;
      int[] t = cur.clone();
      t[PHASE] = PHASE_ELEMENT;
      t[PENDING] = L + 1;
      t[ANNOTATION] = 0;
      int tok = Vocabulary.FIRST_LETTER + L;
      if (!out.edge(tok, tok, t)) return false;
    }
    int[] end = end(cur);
    return end == null || out.edge(Vocabulary.END, Vocabulary.END, end);
  }

  /** The tuple after END from a site-phase tuple, or null if the crystal may not end here. */
  int[] end(int[] cur) {
    SpaceGroup group = SpaceGroups.get(cur[GROUP]);
    if (cur[ATOMS] < limits.minAtoms()) return null;
    if (template != null && !template.acceptsAtEnd(cur[CORE], group)) return null;
    List<Map<String, Integer>> bindings = template == null ? List.of() : template.acceptingBindings(cur[CORE]);
    for (int c = 0; c < components.size(); c++) if (!components.get(c).acceptsAtEnd(cur[CORE + 1 + c], group, bindings)) return null;
    SlotAnnotation.Lattice lattice = template == null ? SlotRules.of(group.latticeRule()) : template.lattice(group);
    if (lattice == null) return null;
    int[] t = new int[width];
    t[PHASE] = PHASE_FINAL;
    t[ANNOTATION] = annotationId(lattice) + 1;
    return t;
  }

  private boolean expandElement(int[] cur, Edges out) {
    SpaceGroup group = SpaceGroups.get(cur[GROUP]);
    WyckoffPosition p = group.positions().get(cur[PENDING] - 1);
    int atoms = atomsOf(group, p);
    SlotAnnotation.Site plain = null;
    BitSet possible = template == null ? null : template.possibleElements(cur[CORE], p.letter());
    for (int k = 0; k < classRep.length; k++) {
      int z = classRep[k];
      if (possible != null && !possible.get(z)) continue;
      Component.Site site = new Component.Site(group, p, z, atoms, limits.maxAtoms() - cur[ATOMS] - atoms);
      int[] t = cur.clone();
      t[PHASE] = PHASE_SITE;
      t[LAST] = cur[PENDING];
      t[PENDING] = 0;
      t[ATOMS] = cur[ATOMS] + atoms;
      t[SITES] = countSites ? cur[SITES] + 1 : 0;
      SlotAnnotation.Site ann;
      if (template != null) {
        if ((t[CORE] = template.step(cur[CORE], site)) < 0) continue;
        ann = template.lastAnnotation();
      } else {
        ann = plain == null ? (plain = SlotRules.of(p)) : plain;
      }
      if (!stepComponents(t, c -> components.get(c).onSite(t[CORE + 1 + c], site))) continue;
      t[ANNOTATION] = annotationId(ann) + 1;
      int[] ranges = classRanges[k];
      for (int r = 0; r < ranges.length; r += 2) if (!out.edge(ranges[r], ranges[r + 1], t)) return false;
    }
    return true;
  }

  private interface Step {
    int apply(int component);
  }

  private boolean stepComponents(int[] t, Step step) {
    work += components.size();
    for (int c = 0; c < components.size(); c++) {
      int n = step.apply(c);
      if (n < 0) return false;
      t[CORE + 1 + c] = n;
    }
    return true;
  }

  int annotationId(SlotAnnotation a) {
    return annotationIds.computeIfAbsent(a, k -> {
      annotationList.add(k);
      return annotationList.size() - 1;
    });
  }
}
