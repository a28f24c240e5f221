package xtal.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;

/**
 * The query's automaton built on demand, as RE2's and {@code regex-automata}'s lazy DFAs are:
 * a state is a tuple of the {@link ProductSpace}; its row (allowed tokens and where they lead) is
 * made the first time a walk asks for it, then cached and shared by every caller.
 *
 * <p><b>The guarantee.</b> A token is allowed only if the tuple it leads to is <em>live</em>:
 * some completion from it satisfies every constraint at once. Liveness is decided exactly, by a
 * depth-first search for a witness completion over the product itself (memoised per tuple; the
 * product is acyclic because every site adds atoms). The search prunes a tuple, between sites,
 * when the space-group rules and limits ({@link Capacity}) or some component's {@link
 * Component#mayComplete} test show that no completion exists; those tests never reject a live
 * tuple, so pruning changes the cost, not the answer. Where they are exact (charge sums, distinct
 * elements, site counts, each alone with the rules and limits), the search walks straight down to
 * a witness; where they are not (elements competing for the same sites, the template's patterns),
 * it backtracks. So every allowed token keeps the crystal completable, walks never dead-end, and
 * no crystal the query accepts is forbidden.
 *
 * <p><b>Memory.</b> Rows and the liveness memo are a cache: when their estimated size passes the
 * bound (checked before each row is built), both are cleared (RE2's policy) and rebuilt as walks
 * need them again; {@link #clears()} counts how often. State ids stay valid across clears: a
 * tuple becomes a state only when a walk steps into it, and states (≈ 150 bytes each, one per
 * distinct state some walk entered) are kept for the automaton's lifetime, outside the bound.
 *
 * <p><b>Threads.</b> Reading a built row is lock-free; building rows and searching run under the
 * automaton's lock (the components intern states in plain maps). Several decoders may share one.
 */
final class LazyAutomaton implements TokenAutomaton {
  /** Default bound on rows + liveness memo, in bytes. */
  static final long DEFAULT_CACHE_BYTES = 256L << 20;

  private final ProductSpace space;
  private final Limits limits;
  private final long cacheBytes;
  private final Map<Integer, Capacity[]> capacities = new HashMap<>();

  private final Map<Key, Integer> stateIds = new HashMap<>();
  private volatile AtomicReferenceArray<State> states = new AtomicReferenceArray<>(1024);
  private int numStates;

  private final Map<Key, Boolean> live = new HashMap<>();
  private long rowBytes, searched, rowsBuilt, clears;
  private final boolean empty;

  private static final class State {
    final int[] tuple;
    final SlotAnnotation annotation;
    final boolean accept;
    volatile Row row;

    State(int[] tuple, SlotAnnotation annotation, boolean accept) {
      this.tuple = tuple;
      this.annotation = annotation;
      this.accept = accept;
    }
  }

  /**
   * A state's allowed tokens and, in token order, the tuple each leads to; the tuple becomes a
   * state (an id) only when a walk steps there, so a row of 118 elements does not make 118 states.
   */
  private record Row(long[] mask, int[][] destTuple, AtomicIntegerArray destId) {}

  /** An int tuple compared by content. */
  private record Key(int[] t) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(t, k.t);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(t);
    }
  }

  // elements interchangeable for the template and every component (up to the names a component's state holds)
  private final int[] classOf = new int[119];
  private final int[][] members;
  private final boolean renames;

  LazyAutomaton(ProductSpace space, long cacheBytes) {
    this.space = space;
    this.limits = space.limits;
    this.cacheBytes = cacheBytes;
    Map<List<Object>, List<Integer>> classes = new java.util.LinkedHashMap<>();
    Map<List<Object>, Integer> index = new HashMap<>();
    boolean any = false;
    for (Component c : space.components) any |= c.namesElements();
    renames = any;
    for (int z = 1; z <= 118; z++) {
      List<Object> key = new ArrayList<>();
      key.add(space.elements.get(z)); // elements the query forbids are a class of their own
      if (space.template != null) key.add(space.template.elementKey(z));
      for (Component c : space.components) key.add(c.namesElements() ? c.renamingKey(z) : c.elementKey(z));
      classes.computeIfAbsent(key, k -> new ArrayList<>()).add(z);
      classOf[z] = index.computeIfAbsent(key, k -> index.size());
    }
    members = classes.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    synchronized (this) {
      // the first row now: which groups can start a crystal decides whether the query is empty
      State start = states.get(intern(space.start()));
      start.row = buildRow(start, true);
      empty = start.row.destTuple.length == 0;
    }
  }

  /** Whether no crystal satisfies the query (decided exactly at construction). */
  boolean isEmpty() {
    return empty;
  }

  @Override
  public int initialState() {
    return 0;
  }

  @Override
  public int step(int state, int token) {
    Row r = row(state);
    int w = token >>> 6;
    long bit = 1L << token;
    if ((r.mask[w] & bit) == 0) return -1;
    int rank = Long.bitCount(r.mask[w] & (bit - 1));
    for (int i = 0; i < w; i++) rank += Long.bitCount(r.mask[i]);
    int id = r.destId.get(rank);
    if (id >= 0) return id;
    synchronized (this) {
      id = r.destId.get(rank);
      if (id < 0) {
        id = intern(r.destTuple[rank]);
        r.destId.set(rank, id);
      }
      return id;
    }
  }

  @Override
  public boolean allows(int state, int token) {
    return (row(state).mask[token >>> 6] & (1L << token)) != 0;
  }

  @Override
  public void mask(int state, long[] dst, int offset) {
    System.arraycopy(row(state).mask, 0, dst, offset, WORDS);
  }

  @Override
  public long maskWord(int state, int w) {
    return row(state).mask[w];
  }

  @Override
  public boolean isAccept(int state) {
    return stateOf(state).accept;
  }

  @Override
  public SlotAnnotation annotation(int state) {
    return stateOf(state).annotation;
  }

  private State stateOf(int id) {
    State s = id < states.length() ? states.get(id) : null;
    if (s != null) return s;
    synchronized (this) {
      if (id < 0 || id >= numStates) throw new IllegalArgumentException("no state " + id);
      return states.get(id);
    }
  }

  private Row row(int id) {
    State s = stateOf(id);
    Row r = s.row;
    if (r != null) return r;
    synchronized (this) {
      if (s.row == null) s.row = buildRow(s, false);
      return s.row;
    }
  }

  // ------------------------------------------------------------------ building (under the lock)

  private int intern(int[] t) {
    Key k = new Key(t);
    Integer id = stateIds.get(k);
    if (id != null) return id;
    int n = numStates;
    AtomicReferenceArray<State> arr = states;
    if (n == arr.length()) {
      AtomicReferenceArray<State> bigger = new AtomicReferenceArray<>(n * 2);
      for (int i = 0; i < n; i++) bigger.set(i, arr.get(i));
      states = arr = bigger;
    }
    arr.set(n, new State(t, space.annotation(t, 0), t[ProductSpace.PHASE] == ProductSpace.PHASE_FINAL));
    stateIds.put(k, n);
    numStates = n + 1;
    return n;
  }

  private Row buildRow(State s, boolean mayBeEmpty) {
    if (estimatedBytes() > cacheBytes) clear();
    long[] mask = new long[WORDS];
    int[][] destOf = new int[xtal.compiler.Vocabulary.SIZE][];
    int tuples = 0;
    for (int[] e : edges(s.tuple)) {
      int[] dest = Arrays.copyOfRange(e, 2, e.length);
      if (!live(dest)) continue;
      tuples++;
      for (int tok = e[0]; tok <= e[1]; tok++) {
        mask[tok >>> 6] |= 1L << tok;
        destOf[tok] = dest; // one array per class, shared by its tokens
      }
    }
    int n = 0;
    for (long w : mask) n += Long.bitCount(w);
    int[][] dest = new int[n][];
    int i = 0;
    for (int w = 0; w < WORDS; w++) {
      for (long bits = mask[w]; bits != 0; bits &= bits - 1) dest[i++] = destOf[w * 64 + Long.numberOfTrailingZeros(bits)];
    }
    if (n == 0 && !s.accept && !mayBeEmpty) {
      // cannot happen: the state was entered because it is live, and liveness is exact
      throw new IllegalStateException("lazy automaton: a live state has no live successor");
    }
    AtomicIntegerArray ids = new AtomicIntegerArray(n);
    for (int k = 0; k < n; k++) ids.set(k, -1);
    rowsBuilt++;
    rowBytes += 96 + 8L * WORDS + 12L * n + tuples * (16L + 4L * space.width);
    return new Row(mask, dest, ids);
  }

  /** The edges of a tuple as {lo, hi, dest tuple…}, one per token range. */
  private List<int[]> edges(int[] t) {
    List<int[]> out = new ArrayList<>();
    space.successors(t, (lo, hi, dest) -> {
      int[] e = new int[2 + dest.length];
      e[0] = lo;
      e[1] = hi;
      System.arraycopy(dest, 0, e, 2, dest.length);
      out.add(e);
      return true;
    });
    return out;
  }

  /** Whether some completion from tuple {@code t} satisfies every constraint (exact, memoised). */
  private boolean live(int[] tuple) {
    if (tuple[ProductSpace.PHASE] == ProductSpace.PHASE_FINAL) return true;
    int[] t = canonical(tuple);
    Key k = new Key(t);
    Boolean known = live.get(k);
    if (known != null) return known;
    boolean result = search(t);
    live.put(k, result);
    return result;
  }

  private boolean search(int[] t) {
    searched++;
    if (t[ProductSpace.PHASE] == ProductSpace.PHASE_SITE) {
      if (!mayComplete(t)) return false;
      if (space.end(t) != null) return true; // a witness: end here
    }
    // stop at the first live successor; a class's several token ranges share one tuple
    int[][] previous = {null};
    return !space.successors(t, (lo, hi, dest) -> {
      if (previous[0] != null && Arrays.equals(previous[0], dest)) return true;
      previous[0] = dest.clone();
      return !live(previous[0]);
    });
  }

  /**
   * The tuple with the elements its components name renamed to the first members of their
   * classes, in order of atomic number: a permutation of interchangeable elements, so the result
   * is exactly as completable, and tuples that differ only by such a renaming share one search.
   */
  private int[] canonical(int[] t) {
    if (!renames) return t;
    java.util.TreeSet<Integer> named = new java.util.TreeSet<>();
    for (int c = 0; c < space.components.size(); c++) {
      Component comp = space.components.get(c);
      if (comp.namesElements()) for (int z : comp.elementsNamed(t[ProductSpace.CORE + 1 + c])) named.add(z);
    }
    if (named.isEmpty()) return t;
    int[] rename = new int[119];
    int[] used = new int[members.length];
    boolean identity = true;
    for (int z : named) {
      int to = members[classOf[z]][used[classOf[z]]++];
      rename[z] = to;
      identity &= to == z;
    }
    if (identity) return t;
    int[] out = t.clone();
    for (int c = 0; c < space.components.size(); c++) {
      Component comp = space.components.get(c);
      if (comp.namesElements()) out[ProductSpace.CORE + 1 + c] = comp.renamed(t[ProductSpace.CORE + 1 + c], rename);
    }
    return out;
  }

  /** The pruning tests of a tuple between sites: the rules and limits, then each component's. */
  private boolean mayComplete(int[] t) {
    SpaceGroup g = SpaceGroups.get(t[ProductSpace.GROUP]);
    int last = t[ProductSpace.LAST] - 1;
    int from = last < 0 ? 0 : g.positions().get(last).isZeroDof() ? last + 1 : last;
    Capacity cap = capacities.computeIfAbsent(g.number(), n -> Capacity.of(g, limits))[from];
    int sitesLeft = space.countSites ? limits.maxSites() - t[ProductSpace.SITES] : limits.maxSites();
    int need = 0;
    for (int c = 0; c < space.components.size(); c++) need = Math.max(need, space.components.get(c).sitesNeeded(t[ProductSpace.CORE + 1 + c]));
    Remaining r = new Remaining(cap, t[ProductSpace.ATOMS], sitesLeft, need, limits);
    if (!r.coreCompletable()) return false;
    for (int c = 0; c < space.components.size(); c++) {
      if (!space.components.get(c).mayComplete(t[ProductSpace.CORE + 1 + c], r)) return false;
    }
    return true;
  }

  private long estimatedBytes() {
    return rowBytes + live.size() * (80L + 4L * space.width);
  }

  private void clear() {
    live.clear();
    for (int i = 0; i < numStates; i++) states.get(i).row = null;
    rowBytes = 0;
    clears++;
  }

  // ------------------------------------------------------------------ reports

  /** States entered so far. */
  synchronized int numStates() {
    return numStates;
  }

  /** Times the cache was cleared on reaching its bound. */
  synchronized long clears() {
    return clears;
  }

  /** A one-line account for {@code explain} and {@code compile}. */
  synchronized String report() {
    return String.format(java.util.Locale.ROOT,
        "built lazily: %d states entered, %d rows built, %d tuples searched, liveness memo %d entries, cache ≈ %.1f MB of %d MB, %d clears",
        numStates, rowsBuilt, searched, live.size(), estimatedBytes() / 1e6, cacheBytes >> 20, clears);
  }
}
