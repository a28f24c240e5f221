package xtal.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.SpaceGroup;

/**
 * The composition constraints of a query as {@link Component}s: required elements, element
 * counts, number of distinct elements, charge balance and formula ratios. Every counter is bounded
 * by the atom limit, so each has finitely many states.
 */
final class Components {
  private Components() {}

  /** Interns values (arrays compared by content) as dense ints. */
  static final class Interner {
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> values = new ArrayList<>();

    int id(Object value) {
      Object key = value instanceof int[] a ? new IntsKey(a) : value;
      Integer id = ids.get(key);
      if (id != null) return id;
      ids.put(key, values.size());
      values.add(value);
      return values.size() - 1;
    }

    Object value(int id) {
      return values.get(id);
    }

    int size() {
      return values.size();
    }

    private record IntsKey(int[] a) {
      @Override
      public boolean equals(Object o) {
        return o instanceof IntsKey k && Arrays.equals(a, k.a);
      }

      @Override
      public int hashCode() {
        return Arrays.hashCode(a);
      }
    }
  }

  private static final Object OTHER = "other";

  /**
   * {@code contains O, [La|Ce]}: each item (a set of elements) needs at least one site whose
   * element is in it. State: the bitmask of items met (at most 62 items).
   */
  static final class Contains implements Component {
    private final List<BitSet> items;
    private final String text;

    Contains(List<BitSet> items, String text) {
      if (items.size() > 62) throw new IllegalArgumentException("at most 62 'contains' items");
      this.items = List.copyOf(items);
      this.text = text;
    }

    @Override
    public int start() {
      return 0;
    }

    @Override
    public int onSite(int state, Site site) {
      int s = state;
      for (int i = 0; i < items.size(); i++) if (items.get(i).get(site.z())) s |= 1 << i;
      return s;
    }

    @Override
    public boolean acceptsAtEnd(int state, SpaceGroup group) {
      return state == (1 << items.size()) - 1;
    }

    @Override
    public int sitesNeeded(int state) {
      return state == (1 << items.size()) - 1 ? 0 : 1;
    }

    /** Exact with the space-group rules and limits for one item; for several, one site per item is assumed possible. */
    @Override
    public boolean mayComplete(int state, Remaining r) {
      if (state == (1 << items.size()) - 1) return true;
      for (int a = 1; a <= r.maxMore(); a++) if (r.canEndAfter(a)) return true;
      return false;
    }

    @Override
    public Object elementKey(int z) {
      int k = 0;
      for (int i = 0; i < items.size(); i++) if (items.get(i).get(z)) k |= 1 << i;
      return k;
    }

    @Override
    public String describe() {
      return text;
    }
  }

  /**
   * {@code count O = 6}: atoms of one element per conventional cell within [min, max]. State: the
   * count so far (never above max).
   */
  static final class Count implements Component {
    private final int z, min, max;
    private final String text;

    Count(int z, int min, int max, String text) {
      this.z = z;
      this.min = min;
      this.max = max;
      this.text = text;
    }

    @Override
    public int start() {
      return 0;
    }

    @Override
    public int onSite(int state, Site site) {
      if (site.z() != z) return state;
      int n = state + site.position().multiplicity();
      return n > max ? -1 : n;
    }

    @Override
    public boolean acceptsAtEnd(int state, SpaceGroup group) {
      return state >= min;
    }

    @Override
    public int sitesNeeded(int state) {
      return state < min ? 1 : 0;
    }

    /**
     * The atoms of this element still to come are the multiplicities of some open sites: some
     * number in [min − state, max − state] must be such a sum within the atom and site limits.
     */
    @Override
    public boolean mayComplete(int state, Remaining r) {
      if (state >= min) return true;
      int points = r.limits().unit() == Limits.Unit.PRIMITIVE ? r.capacity().group.centring().latticePoints() : 1;
      for (int e = min - state; e <= max - state; e++) {
        if (e % points != 0) continue;
        int a = e / points;
        if (a > r.maxMore()) break;
        if (!r.canAdd(a)) continue;
        for (int b = a; b <= r.maxMore(); b++) if (r.canEndAfter(b)) return true;
      }
      return false;
    }

    @Override
    public Object elementKey(int e) {
      return e == z ? e : OTHER;
    }

    @Override
    public String describe() {
      return text;
    }
  }

  /**
   * {@code distinct-elements 3..4}. State: the set of elements met so far (sorted), never larger
   * than max. Elements must be told apart, so this multiplies states by the number of element
   * sets: narrow the elements ({@code only …}) for large queries.
   */
  static final class Distinct implements Component {
    private final int min, max;
    private final String text;
    private final Interner sets = new Interner();

    Distinct(int min, int max, String text) {
      this.min = min;
      this.max = max;
      this.text = text;
    }

    @Override
    public int start() {
      return sets.id(new int[0]);
    }

    @Override
    public int onSite(int state, Site site) {
      int[] seen = (int[]) sets.value(state);
      int pos = Arrays.binarySearch(seen, site.z());
      if (pos >= 0) return state;
      if (seen.length + 1 > max) return -1;
      int ins = -pos - 1;
      int[] next = new int[seen.length + 1];
      System.arraycopy(seen, 0, next, 0, ins);
      next[ins] = site.z();
      System.arraycopy(seen, ins, next, ins + 1, seen.length - ins);
      return sets.id(next);
    }

    @Override
    public boolean acceptsAtEnd(int state, SpaceGroup group) {
      return ((int[]) sets.value(state)).length >= min;
    }

    @Override
    public int sitesNeeded(int state) {
      return Math.max(0, min - ((int[]) sets.value(state)).length);
    }

    @Override
    public boolean namesElements() {
      return true;
    }

    @Override
    public int[] elementsNamed(int state) {
      return (int[]) sets.value(state);
    }

    @Override
    public Object renamingKey(int z) {
      return 0; // only how many elements were met matters
    }

    @Override
    public int renamed(int state, int[] rename) {
      int[] seen = ((int[]) sets.value(state)).clone();
      for (int i = 0; i < seen.length; i++) seen[i] = rename[seen[i]];
      Arrays.sort(seen);
      return sets.id(seen);
    }

    /** Exact with the space-group rules and limits when enough elements are allowed: enough sites can still come for the elements missing. */
    @Override
    public boolean mayComplete(int state, Remaining r) {
      int need = min - ((int[]) sets.value(state)).length;
      for (int a = 0; a <= r.maxMore(); a++) if (r.canEndAfter(a) && r.mostSites(a) >= need) return true;
      return false;
    }

    @Override
    public Object elementKey(int z) {
      return z;
    }

    @Override
    public String describe() {
      return text;
    }
  }

  /**
   * {@code charge-balanced}: each site takes one oxidation state of its element, and the sum over
   * sites of state × atoms per primitive cell must be able to reach zero. State: the set of sums
   * reachable so far, as a bitset over [−bound, bound] (bound = 8 × max atoms).
   *
   * <p>Oxidation states: the element's common states from the stdlib ({@code elements.csv},
   * pymatgen's {@code common_oxidation_states}); an element with none falls back to its ICSD
   * states; an element with neither cannot take part in a charge-balanced crystal.
   */
  static final class Charge implements Component {
    private final int bound;
    private final int[][] states = new int[119][];
    private final Interner sums = new Interner();
    private final String text;
    private final int maxPositive, maxNegative; // over the elements that may occur
    private final int[] unionStates; // every oxidation state of the elements that may occur
    private final int maxAtoms;
    private final Map<Integer, long[][][][]> tables = new HashMap<>(); // group -> [from][a][sites] -> sums

    /**
     * @param maxAtoms the atom limit
     * @param elements the elements that may occur (their oxidation states bound what the
     *     remaining sites can still compensate, which prunes hopeless sums early)
     */
    Charge(int maxAtoms, BitSet elements, String text) {
      this.text = text;
      int maxOx = 0, pos = 0, neg = 0;
      for (Element e : Elements.all()) {
        List<Integer> ox = oxidationStates(e);
        states[e.z()] = ox.stream().mapToInt(Integer::intValue).toArray();
        for (int o : ox) maxOx = Math.max(maxOx, Math.abs(o));
        if (elements.get(e.z())) {
          for (int o : ox) {
            pos = Math.max(pos, o);
            neg = Math.max(neg, -o);
          }
        }
      }
      this.bound = Math.max(1, maxOx) * maxAtoms;
      this.maxPositive = pos;
      this.maxNegative = neg;
      this.maxAtoms = maxAtoms;
      java.util.TreeSet<Integer> union = new java.util.TreeSet<>();
      for (int z = elements.nextSetBit(1); z >= 1 && z <= 118; z = elements.nextSetBit(z + 1)) for (int o : states[z]) union.add(o);
      this.unionStates = union.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Past this many longs per group the completion table is not built (the search alone decides). */
    private static final long MAX_TABLE_LONGS = 1L << 19;

    /** Site counts the completion table tells apart (more count as this many). */
    private static final int SITE_COUNTS = 6;

    /**
     * Exact with the space-group rules and limits, and with the other components' need for more
     * sites: some sum reachable so far plus the charge some completion adds (each open site ×
     * any oxidation state of the elements that may occur; a table per group over atoms added ×
     * sites added × charge added, see {@link #completionTable}) is zero, with the atoms in range
     * and enough sites. Above {@code MAX_TABLE_LONGS} per group no table: always true.
     */
    @Override
    public boolean mayComplete(int state, Remaining r) {
      long[][][] table = completionTable(r.capacity(), r.limits().unit());
      if (table == null) return true;
      long[] have = ((BitSet) sums.value(state)).toLongArray();
      int j = Math.min(r.sitesNeeded(), SITE_COUNTS);
      for (int a = 0; a <= r.maxMore(); a++) {
        if (!r.canEndAfter(a)) continue;
        long[] add = table[a][j];
        for (int w = 0; w < have.length && w < add.length; w++) if ((have[w] & add[w]) != 0) return true;
      }
      return false;
    }

    /**
     * For the open positions of {@code cap}: [a][j] = the sums s (as bit {@code bound − s}, so
     * that a reachable sum i matches where bits i coincide) that at least j sites adding exactly a
     * atoms (limits' unit) can contribute, charge counted per primitive cell. Null when too large.
     */
    private long[][][] completionTable(Capacity cap, Limits.Unit unit) {
      int words = (2 * bound + 1 + 63) / 64;
      int positions = cap.group.positions().size();
      if ((long) (positions + 1) * (maxAtoms + 1) * (SITE_COUNTS + 1) * words > MAX_TABLE_LONGS) return null;
      long[][][][] perFrom = tables.computeIfAbsent(cap.group.number(), g -> buildTables(cap.group, words, unit == Limits.Unit.PRIMITIVE));
      return perFrom[cap.from];
    }

    private long[][][][] buildTables(SpaceGroup group, int words, boolean primitiveUnit) {
      List<xtal.stdlib.spacegroup.WyckoffPosition> ps = group.positions();
      int points = group.centring().latticePoints();
      long[][][] dp = new long[maxAtoms + 1][SITE_COUNTS + 1][words]; // [a][sites, saturating]
      dp[0][0][bound >>> 6] |= 1L << bound; // nothing added: sum 0
      long[][][][] out = new long[ps.size() + 1][][][];
      out[ps.size()] = atLeast(dp);
      for (int i = ps.size() - 1; i >= 0; i--) {
        var p = ps.get(i);
        int m = primitiveUnit ? p.multiplicity() / points : p.multiplicity();
        int mp = p.multiplicity() / points;
        if (p.isZeroDof()) {
          for (int a = maxAtoms; a >= m; a--) addSite(dp[a - m], dp[a], mp);
        } else {
          for (int a = m; a <= maxAtoms; a++) addSite(dp[a - m], dp[a], mp);
        }
        out[i] = atLeast(dp);
      }
      return out;
    }

    /** dst[min(j+1, max)] |= src[j] shifted by −o·atoms for every oxidation state o (bits are bound − sum). */
    private void addSite(long[][] src, long[][] dst, int atoms) {
      // from the top: src may be dst's row of fewer atoms, never dst itself (atoms > 0)
      for (int j = SITE_COUNTS; j >= 0; j--) {
        int to = Math.min(j + 1, SITE_COUNTS);
        for (int o : unionStates) shiftOr(src[j], dst[to], -o * atoms);
      }
    }

    private static void shiftOr(long[] src, long[] dst, int k) {
      int n = src.length, wk = Math.floorDiv(k, 64), bk = Math.floorMod(k, 64);
      for (int w = 0; w < n; w++) {
        long v = src[w];
        if (v == 0) continue;
        int t = w + wk;
        if (t >= 0 && t < n) dst[t] |= v << bk;
        if (bk != 0 && t + 1 >= 0 && t + 1 < n) dst[t + 1] |= v >>> (64 - bk);
      }
    }

    /** [a][j] = the union over exactly j' ≥ j sites (a copy). */
    private static long[][][] atLeast(long[][][] dp) {
      long[][][] c = new long[dp.length][][];
      for (int a = 0; a < dp.length; a++) {
        c[a] = new long[dp[a].length][];
        c[a][dp[a].length - 1] = dp[a][dp[a].length - 1].clone();
        for (int j = dp[a].length - 2; j >= 0; j--) {
          c[a][j] = dp[a][j].clone();
          for (int w = 0; w < c[a][j].length; w++) c[a][j][w] |= c[a][j + 1][w];
        }
      }
      return c;
    }

    /** The oxidation states charge balance uses for {@code e} (see class doc). */
    static List<Integer> oxidationStates(Element e) {
      return !e.commonOxidationStates().isEmpty() ? e.commonOxidationStates() : e.icsdOxidationStates();
    }

    @Override
    public int start() {
      BitSet b = new BitSet();
      b.set(bound);
      return sums.id(b);
    }

    @Override
    public int onSite(int state, Site site) {
      int[] ox = states[site.z()];
      if (ox == null || ox.length == 0) return -1;
      BitSet cur = (BitSet) sums.value(state), next = new BitSet(2 * bound + 1);
      int atoms = site.position().multiplicity() / site.group().centring().latticePoints();
      // a sum the remaining atoms cannot bring back to zero is dropped (remaining primitive
      // atoms are at most the remaining count in the limit's unit)
      int left = Math.max(0, site.atomsLeft());
      int lo = bound - maxPositive * left, hi = bound + maxNegative * left;
      for (int i = cur.nextSetBit(0); i >= 0; i = cur.nextSetBit(i + 1)) {
        for (int o : ox) {
          int j = i + o * atoms;
          if (j >= lo && j <= hi && j >= 0 && j <= 2 * bound) next.set(j);
        }
      }
      return next.isEmpty() ? -1 : sums.id(next);
    }

    @Override
    public boolean acceptsAtEnd(int state, SpaceGroup group) {
      return ((BitSet) sums.value(state)).get(bound);
    }

    @Override
    public Object elementKey(int z) {
      return states[z] == null ? List.of() : Arrays.stream(states[z]).boxed().toList();
    }

    @Override
    public String describe() {
      return text;
    }
  }

  /**
   * {@code formula A2BB'O6}: the composition is a positive multiple of the ratio. Terms are fixed
   * symbols or placeholders (the structure's {@code $}-names) that stand for distinct elements
   * other than the formula's symbols, each restricted to the elements its binding admits. State:
   * the composition so far (atoms per primitive cell of each element met, sorted by Z), pruned as
   * soon as no multiple of the ratio within the atom limit can still be reached.
   *
   * <p>A placeholder that is a {@code $}-name must, at the end, be the element the structure bound
   * to that name in some accepting reading of the template (the template remembers such names to
   * the end); while the crystal is still growing only the element sets are used, to prune early.
   */
  static final class Formula implements Component {
    /**
     * A formula term: a fixed element ({@code z > 0}) or a placeholder with its admissible
     * elements; {@code bound}: the placeholder is a {@code $}-name of the structure, so it must be
     * the element that name is bound to.
     */
    record Term(String name, int z, int coefficient, BitSet allowed, boolean bound) {}

    /** The terms, in the order written. */
    List<Term> terms() {
      return terms;
    }

    /** The structure's {@code $}-names this formula refers to. */
    java.util.Set<String> bindingNames() {
      java.util.Set<String> out = new java.util.HashSet<>();
      for (Term t : terms) if (t.bound()) out.add(t.name());
      return out;
    }

    private final List<Term> terms;
    private final int maxMultiple;
    private final BitSet symbols = new BitSet(), placeholderElements = new BitSet();
    private final int numPlaceholders;
    private final Interner comps = new Interner();
    private final String text;

    Formula(List<Term> terms, int maxAtoms, String text) {
      this.terms = List.copyOf(terms);
      this.text = text;
      int sum = 0, ph = 0;
      for (Term t : terms) {
        sum += t.coefficient();
        if (t.z() > 0) symbols.set(t.z());
        else {
          ph++;
          placeholderElements.or(t.allowed());
        }
      }
      placeholderElements.andNot(symbols);
      this.numPlaceholders = ph;
      this.maxMultiple = sum == 0 ? 0 : maxAtoms / sum;
    }

    @Override
    public int start() {
      return comps.id(new int[0]);
    }

    @Override
    public int onSite(int state, Site site) {
      int z = site.z();
      if (!symbols.get(z) && !placeholderElements.get(z)) return -1;
      int[] c = (int[]) comps.value(state); // pairs (z, count)
      int[] next;
      int i = 0;
      while (i < c.length && c[i] < z) i += 2;
      if (i < c.length && c[i] == z) {
        next = c.clone();
        next[i + 1] += site.atoms();
      } else {
        next = new int[c.length + 2];
        System.arraycopy(c, 0, next, 0, i);
        next[i] = z;
        next[i + 1] = site.atoms();
        System.arraycopy(c, i, next, i + 2, c.length - i);
      }
      return feasible(next, false, Map.of()) ? comps.id(next) : -1;
    }

    @Override
    public boolean acceptsAtEnd(int state, SpaceGroup group) {
      return feasible((int[]) comps.value(state), true, Map.of());
    }

    /**
     * For some multiple k: the atoms still to come (k × the ratio's sum − atoms so far) can be
     * added and end the crystal, the elements other than the symbols fit distinct placeholders,
     * and the open positions can be shared out so that every term gets exactly the atoms it still
     * needs (a knapsack over vectors of needs, each open position given to one term at a time, one
     * without free coordinates at most once). Exact with the space-group rules and atom limits;
     * not told apart: a binding site limit, and which elements a placeholder may still take.
     */
    @Override
    public boolean mayComplete(int state, Remaining r) {
      int[] c = (int[]) comps.value(state);
      int have = 0, sum = 0;
      List<int[]> rest = new ArrayList<>();
      for (int i = 0; i < c.length; i += 2) {
        have += c[i + 1];
        if (!symbols.get(c[i])) rest.add(new int[] {c[i], c[i + 1]});
      }
      if (rest.size() > numPlaceholders) return false;
      for (Term t : terms) sum += t.coefficient();
      for (int k = 1; k <= maxMultiple; k++) {
        if (!r.canEndAfter(k * sum - have)) continue;
        int[] need = new int[terms.size()];
        boolean ok = true;
        for (int t = 0; t < terms.size() && ok; t++) {
          Term term = terms.get(t);
          need[t] = term.z() > 0 ? k * term.coefficient() - count(c, term.z()) : k * term.coefficient();
          ok = need[t] >= 0;
        }
        if (ok && placeAndFit(rest, 0, new boolean[terms.size()], k, need, r)) return true;
      }
      return false;
    }

    /** Gives each present non-symbol element a distinct placeholder, then asks whether the open sites fit the needs. */
    private boolean placeAndFit(List<int[]> rest, int i, boolean[] used, int k, int[] need, Remaining r) {
      if (i == rest.size()) return fits(need, r);
      int[] o = rest.get(i);
      for (int t = 0; t < terms.size(); t++) {
        Term term = terms.get(t);
        if (term.z() > 0 || used[t] || !term.allowed().get(o[0]) || o[1] > k * term.coefficient()) continue;
        used[t] = true;
        need[t] -= o[1];
        boolean fit = placeAndFit(rest, i + 1, used, k, need, r);
        need[t] += o[1];
        used[t] = false;
        if (fit) return true;
      }
      return false;
    }

    /** Past this many need vectors the knapsack is skipped (true: the search decides). */
    private static final int MAX_VECTORS = 1 << 16;

    /** Whether the open positions can add exactly need[t] atoms to each term t (vectors in mixed radix). */
    private static boolean fits(int[] need, Remaining r) {
      int n = need.length;
      int[] stride = new int[n];
      int size = 1;
      for (int t = 0; t < n; t++) {
        stride[t] = size;
        if ((long) size * (need[t] + 1) > MAX_VECTORS) return true;
        size *= need[t] + 1;
      }
      int target = 0;
      for (int t = 0; t < n; t++) target += need[t] * stride[t];
      if (target == 0) return true;
      BitSet reach = new BitSet(size);
      reach.set(0);
      SpaceGroup g = r.capacity().group;
      for (var p : r.capacity().positions()) {
        int m = Capacity.atoms(g, p, r.limits());
        if (p.isZeroDof()) { // one copy at most, to one term
          BitSet next = (BitSet) reach.clone();
          for (int v = reach.nextSetBit(0); v >= 0; v = reach.nextSetBit(v + 1)) {
            for (int t = 0; t < n; t++) if ((v / stride[t]) % (need[t] + 1) + m <= need[t]) next.set(v + m * stride[t]);
          }
          reach = next;
        } else { // any number of copies to any terms: ascending, so copies accumulate
          for (int t = 0; t < n; t++) {
            if (m > need[t]) continue;
            for (int v = reach.nextSetBit(0); v >= 0; v = reach.nextSetBit(v + 1)) {
              if ((v / stride[t]) % (need[t] + 1) + m <= need[t]) reach.set(v + m * stride[t]);
            }
          }
        }
        if (reach.get(target)) return true;
      }
      return reach.get(target);
    }

    /** Every term's element needs a site of its own until it has one. */
    @Override
    public int sitesNeeded(int state) {
      int[] c = (int[]) comps.value(state);
      int present = 0;
      for (int i = 0; i < c.length; i += 2) present++;
      return Math.max(0, terms.size() - present);
    }

    @Override
    public boolean namesElements() {
      return true;
    }

    @Override
    public Object renamingKey(int z) {
      if (symbols.get(z)) return z;
      BitSet admitting = new BitSet();
      for (int t = 0; t < terms.size(); t++) if (terms.get(t).z() <= 0 && terms.get(t).allowed().get(z)) admitting.set(t);
      return admitting;
    }

    @Override
    public int[] elementsNamed(int state) {
      int[] c = (int[]) comps.value(state);
      int[] out = new int[c.length / 2];
      for (int i = 0; i < c.length; i += 2) out[i / 2] = c[i];
      return out;
    }

    @Override
    public int renamed(int state, int[] rename) {
      int[] c = (int[]) comps.value(state);
      int[][] pairs = new int[c.length / 2][];
      for (int i = 0; i < c.length; i += 2) pairs[i / 2] = new int[] {rename[c[i]], c[i + 1]};
      Arrays.sort(pairs, (x, y) -> Integer.compare(x[0], y[0]));
      int[] out = new int[c.length];
      for (int i = 0; i < pairs.length; i++) {
        out[2 * i] = pairs[i][0];
        out[2 * i + 1] = pairs[i][1];
      }
      return comps.id(out);
    }

    /** Exact: a placeholder that is a {@code $}-name must be the element the structure bound to it. */
    @Override
    public boolean acceptsAtEnd(int state, SpaceGroup group, List<Map<String, Integer>> bindings) {
      if (bindings.isEmpty()) return acceptsAtEnd(state, group);
      int[] c = (int[]) comps.value(state);
      for (Map<String, Integer> b : bindings) if (feasible(c, true, b)) return true;
      return false;
    }

    /**
     * Whether some multiple k (1..maxMultiple) of the ratio and some assignment of placeholders
     * to the non-symbol elements makes the composition {@code c} equal to (exact) or at most
     * (prefix) k × ratio.
     */
    private boolean feasible(int[] c, boolean exact, Map<String, Integer> bound) {
      List<int[]> others = new ArrayList<>(); // non-symbol elements: {z, count}
      for (int i = 0; i < c.length; i += 2) if (!symbols.get(c[i])) others.add(new int[] {c[i], c[i + 1]});
      if (others.size() > numPlaceholders) return false;
      for (int k = 1; k <= maxMultiple; k++) {
        boolean ok = true;
        for (Term t : terms) {
          if (t.z() <= 0) continue;
          int have = count(c, t.z());
          if (exact ? have != k * t.coefficient() : have > k * t.coefficient()) {
            ok = false;
            break;
          }
        }
        if (ok && assign(others, 0, new boolean[terms.size()], k, exact, bound)) return true;
      }
      return false;
    }

    /** Backtracking: give each non-symbol element a distinct placeholder (tiny: ≤ a few names). */
    private boolean assign(List<int[]> others, int i, boolean[] used, int k, boolean exact, Map<String, Integer> bound) {
      if (i == others.size()) {
        if (!exact) return true;
        for (int t = 0; t < terms.size(); t++) if (terms.get(t).z() <= 0 && !used[t]) return false;
        return true;
      }
      int[] o = others.get(i);
      for (int t = 0; t < terms.size(); t++) {
        Term term = terms.get(t);
        if (term.z() > 0 || used[t] || !term.allowed().get(o[0])) continue;
        Integer tied = term.bound() ? bound.get(term.name()) : null;
        if (tied != null && tied != o[0]) continue;
        int want = k * term.coefficient();
        if (exact ? o[1] != want : o[1] > want) continue;
        used[t] = true;
        if (assign(others, i + 1, used, k, exact, bound)) return true;
        used[t] = false;
      }
      return false;
    }

    private static int count(int[] c, int z) {
      for (int i = 0; i < c.length; i += 2) if (c[i] == z) return c[i + 1];
      return 0;
    }

    @Override
    public Object elementKey(int z) {
      if (symbols.get(z) || placeholderElements.get(z)) return z;
      return OTHER;
    }

    @Override
    public String describe() {
      return text;
    }
  }
}
