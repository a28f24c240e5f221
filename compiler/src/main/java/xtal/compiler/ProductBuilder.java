package xtal.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xtal.compiler.automaton.Automaton;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.TooComplexException;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * Builds the product of the space-group rules, the counters and the query's components by lazy
 * exploration of reachable state tuples (interned in a hash table), breadth first from the
 * initial tuple. The core of each tuple is {@code (phase, group, last letter, pending letter,
 * atoms, sites, annotation)}; each component adds one int. The result is deterministic by
 * construction (every component is), and generally still has dead states; the caller minimizes.
 *
 * <p>Elements are explored one class at a time: elements whose {@link Component#elementKey} agree
 * for every component lead to the same tuple, so only one representative is stepped and the
 * transition covers the whole class.
 *
 * <p>Cost: O(states · tokens per state · components); memory O(states · tuple width). Both are
 * bounded by {@link Limits#maxStates()} and {@link Limits#maxTransitions()}: exceeding them throws
 * {@link TooComplexException} instead of running out of memory.
 */
final class ProductBuilder {
  private static final int PHASE_START = 0, PHASE_SITE = 1, PHASE_ELEMENT = 2, PHASE_FINAL = 3;
  private static final int CORE = 7; // phase, group, last+1, pending+1, atoms, sites, annotation+1

  private final Limits limits;
  private final BitSet groups;
  private final BitSet elements;
  private final TemplateComponent template; // may be null
  private final List<Component> components;
  private final String where;
  private final int width;
  private final boolean countSites;

  // interned tuples
  private int[] pool = new int[1 << 12];
  private int[] table = new int[1 << 12];
  private int numStates;
  private final Automaton.Builder builder = new Automaton.Builder();
  private final Map<SlotAnnotation, Integer> annotationIds = new HashMap<>();
  private final List<SlotAnnotation> annotationList = new ArrayList<>();
  private int numTransitions;
  // element classes: representative Z and the token ranges of each class
  private final int[] classRep;
  private final int[][] classRanges;

  /**
   * @param groups allowed space-group numbers (bits 1..230)
   * @param elements allowed atomic numbers (bits 1..118)
   * @param template the template component, or null
   * @param components the other constraints
   * @param where the query's source position, for budget errors
   */
  ProductBuilder(Limits limits, BitSet groups, BitSet elements, TemplateComponent template, List<Component> components, String where) {
    this.limits = limits;
    this.groups = groups;
    this.template = template;
    if (template != null) { // elements no site pattern admits never occur: fewer classes
      elements = (BitSet) elements.clone();
      elements.and(template.allPossibleElements());
    }
    this.elements = elements;
    this.components = List.copyOf(components);
    this.where = where;
    this.width = CORE + 1 + components.size();
    // every site adds at least one atom per cell, so the atom limit already bounds the sites
    this.countSites = limits.maxSites() < limits.maxAtoms();
    Arrays.fill(table, -1);
    // element classes
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
        ranges.add(xtal.compiler.Vocabulary.element(lo));
        ranges.add(xtal.compiler.Vocabulary.element(prev));
        lo = prev = z;
      }
      classRanges[i++] = ranges.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Number of element classes (distinct behaviours of elements). */
  int numElementClasses() {
    return classRep.length;
  }

  /** Explores the product and returns it (not yet minimized, may have dead states). */
  Automaton build() {
    int[] t = new int[width];
    t[0] = PHASE_START;
    t[CORE] = template == null ? 0 : template.start();
    for (int c = 0; c < components.size(); c++) t[CORE + 1 + c] = components.get(c).start();
    intern(t);
    int[] cur = new int[width];
    for (int s = 0; s < numStates; s++) {
      System.arraycopy(pool, s * width, cur, 0, width);
      switch (cur[0]) {
        case PHASE_START -> expandStart(s, cur);
        case PHASE_SITE -> expandSite(s, cur);
        case PHASE_ELEMENT -> expandElement(s, cur);
        default -> {} // final: no tokens
      }
    }
    return builder.finish();
  }

  private void expandStart(int s, int[] cur) {
    for (int g = groups.nextSetBit(1); g >= 1 && g <= 230; g = groups.nextSetBit(g + 1)) {
      SpaceGroup group = SpaceGroups.get(g);
      int[] t = cur.clone();
      t[0] = PHASE_SITE;
      t[1] = g;
      t[2] = 0;
      if (template != null && (t[CORE] = template.onGroup(t[CORE], group)) < 0) continue;
      if (!stepComponents(t, c -> components.get(c).onGroup(t[CORE + 1 + c], group))) continue;
      addTransition(s, Vocabulary.group(g), Vocabulary.group(g), intern(t));
    }
  }

  private void expandSite(int s, int[] cur) {
    SpaceGroup group = SpaceGroups.get(cur[1]);
    int last = cur[2] - 1;
    int points = group.centring().latticePoints();
    for (WyckoffPosition p : group.positions()) {
      int L = p.index();
      if (L < last || (L == last && p.isZeroDof())) continue;
      int atoms = limits.unit() == Limits.Unit.PRIMITIVE ? p.multiplicity() / points : p.multiplicity();
      if (cur[4] + atoms > limits.maxAtoms()) continue;
      if (countSites && cur[5] + 1 > limits.maxSites()) continue;
      int[] t = cur.clone();
      t[0] = PHASE_ELEMENT;
      t[3] = L + 1;
      t[6] = 0;
      int tok = Vocabulary.FIRST_LETTER + L;
      addTransition(s, tok, tok, intern(t));
    }
    // END
    if (cur[4] < limits.minAtoms()) return;
    if (template != null && !template.acceptsAtEnd(cur[CORE], group)) return;
    java.util.List<java.util.Map<String, Integer>> bindings = template == null ? java.util.List.of() : template.acceptingBindings(cur[CORE]);
    for (int c = 0; c < components.size(); c++) if (!components.get(c).acceptsAtEnd(cur[CORE + 1 + c], group, bindings)) return;
    SlotAnnotation.Lattice lattice = template == null ? SlotRules.of(group.latticeRule()) : template.lattice(group);
    if (lattice == null) return;
    int[] t = new int[width];
    t[0] = PHASE_FINAL;
    t[6] = annotationId(lattice) + 1;
    addTransition(s, Vocabulary.END, Vocabulary.END, intern(t));
  }

  private void expandElement(int s, int[] cur) {
    SpaceGroup group = SpaceGroups.get(cur[1]);
    WyckoffPosition p = group.positions().get(cur[3] - 1);
    int points = group.centring().latticePoints();
    int atoms = limits.unit() == Limits.Unit.PRIMITIVE ? p.multiplicity() / points : p.multiplicity();
    SlotAnnotation.Site plain = null;
    java.util.BitSet possible = template == null ? null : template.possibleElements(cur[CORE], p.letter());
    for (int k = 0; k < classRep.length; k++) {
      int z = classRep[k];
      if (possible != null && !possible.get(z)) continue;
      Component.Site site = new Component.Site(group, p, z, atoms, limits.maxAtoms() - cur[4] - atoms);
      int[] t = cur.clone();
      t[0] = PHASE_SITE;
      t[2] = cur[3];
      t[3] = 0;
      t[4] = cur[4] + atoms;
      t[5] = countSites ? cur[5] + 1 : 0;
      SlotAnnotation.Site ann;
      if (template != null) {
        if ((t[CORE] = template.step(cur[CORE], site)) < 0) continue;
        ann = template.lastAnnotation();
      } else {
        ann = plain == null ? (plain = SlotRules.of(p)) : plain;
      }
      if (!stepComponents(t, c -> components.get(c).onSite(t[CORE + 1 + c], site))) continue;
      t[6] = annotationId(ann) + 1;
      int dest = intern(t);
      int[] ranges = classRanges[k];
      for (int r = 0; r < ranges.length; r += 2) addTransition(s, ranges[r], ranges[r + 1], dest);
    }
  }

  private interface Step {
    int apply(int component);
  }

  private long work;

  private boolean stepComponents(int[] t, Step step) {
    // work budget: component steps, so a query with few states but costly steps cannot hang
    work += components.size();
    if (work > 64L * limits.maxStates()) {
      throw new TooComplexException("the query's automaton needs more work than its budget allows (" + numStates
          + " states so far); narrow the query (fewer groups, elements or atoms) or raise the budget", where);
    }
    for (int c = 0; c < components.size(); c++) {
      int n = step.apply(c);
      if (n < 0) return false;
      t[CORE + 1 + c] = n;
    }
    return true;
  }

  private int annotationId(SlotAnnotation a) {
    return annotationIds.computeIfAbsent(a, k -> {
      annotationList.add(k);
      return annotationList.size() - 1;
    });
  }

  private void addTransition(int src, int min, int max, int dest) {
    if (++numTransitions > limits.maxTransitions()) {
      throw new TooComplexException(
          "the query's automaton needs more than " + limits.maxTransitions() + " transitions (" + numStates
              + " states so far); narrow the query (fewer groups, elements or atoms) or raise the budget", where);
    }
    builder.addTransition(src, min, max, dest);
  }

  private int intern(int[] t) {
    int h = Arrays.hashCode(t) * 0x9E3779B9;
    int mask = table.length - 1;
    for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        if (numStates >= limits.maxStates()) {
          throw new TooComplexException(
              "the query's automaton needs more than " + limits.maxStates() + " states; narrow the query "
                  + "(fewer groups, elements or atoms) or raise the budget" + componentReport(), where);
        }
        id = numStates++;
        if ((long) numStates * width > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, numStates * width));
        System.arraycopy(t, 0, pool, id * width, width);
        table[i] = id;
        int created = builder.createState();
        assert created == id;
        if (t[0] == PHASE_FINAL) {
          builder.setAccept(id, true);
        }
        if (t[6] > 0) builder.setAnnotation(id, annotationList.get(t[6] - 1));
        if (numStates * 2 > table.length) rehash();
        return id;
      }
      if (Arrays.equals(pool, id * width, id * width + width, t, 0, width)) return id;
    }
  }

  private String componentReport() {
    return template == null ? "" : " (the template alone reached " + template.numStates() + " configurations)";
  }

  private void rehash() {
    int[] old = table;
    table = new int[old.length * 2];
    Arrays.fill(table, -1);
    int mask = table.length - 1;
    for (int id : old) {
      if (id < 0) continue;
      int h = hash(id) * 0x9E3779B9;
      int i = (h ^ (h >>> 16)) & mask;
      while (table[i] >= 0) i = (i + 1) & mask;
      table[i] = id;
    }
  }

  private int hash(int id) {
    int result = 1;
    for (int k = id * width, e = k + width; k < e; k++) result = 31 * result + pool[k];
    return result;
  }

  int numStates() {
    return numStates;
  }
}
