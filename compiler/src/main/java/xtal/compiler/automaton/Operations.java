package xtal.compiler.automaton;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Algorithms over {@link Automaton}s, as static methods. Each states its complexity in terms of
 * n states and T transitions (token ranges), and its preconditions. All inputs must be
 * deterministic, which {@link Automaton.Builder#finish()} guarantees.
 */
public final class Operations {
  private Operations() {}

  /**
   * Removes every state that is not reachable from the initial state or from which no accepting
   * state is reachable, renumbering the rest (initial state stays 0). The result has no dead ends:
   * every transition leads to a state from which some accepting state is reachable. An empty
   * language gives the one-state automaton with no transitions and no accepting state. O(n + T).
   */
  public static Automaton removeDeadStates(Automaton a) {
    int n = a.numStates();
    if (n == 0) return empty();
    BitSet reach = new BitSet(n);
    int[] queue = new int[n];
    int head = 0, tail = 0;
    reach.set(0);
    queue[tail++] = 0;
    while (head < tail) {
      int s = queue[head++];
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
        int d = a.dest(t);
        if (!reach.get(d)) {
          reach.set(d);
          queue[tail++] = d;
        }
      }
    }
    // reverse adjacency (CSR) for co-reachability
    int[] inStart = new int[n + 1];
    for (int t = 0; t < a.numTransitions(); t++) inStart[a.dest(t) + 1]++;
    for (int s = 0; s < n; s++) inStart[s + 1] += inStart[s];
    int[] fill = Arrays.copyOf(inStart, n), inSrc = new int[a.numTransitions()];
    for (int s = 0; s < n; s++) {
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) inSrc[fill[a.dest(t)]++] = s;
    }
    BitSet live = new BitSet(n);
    head = tail = 0;
    for (int s = 0; s < n; s++) {
      if (a.isAccept(s) && reach.get(s)) {
        live.set(s);
        queue[tail++] = s;
      }
    }
    while (head < tail) {
      int s = queue[head++];
      for (int i = inStart[s]; i < inStart[s + 1]; i++) {
        int p = inSrc[i];
        if (reach.get(p) && !live.get(p)) {
          live.set(p);
          queue[tail++] = p;
        }
      }
    }
    if (!live.get(0)) return empty();
    int[] map = new int[n];
    Arrays.fill(map, -1);
    Automaton.Builder b = new Automaton.Builder();
    for (int s = live.nextSetBit(0); s >= 0; s = live.nextSetBit(s + 1)) {
      map[s] = b.createState();
      b.setAccept(map[s], a.isAccept(s));
      b.setAnnotation(map[s], a.annotation(s));
    }
    for (int s = live.nextSetBit(0); s >= 0; s = live.nextSetBit(s + 1)) {
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
        int d = map[a.dest(t)];
        if (d >= 0) b.addTransition(map[s], a.min(t), a.max(t), d);
      }
    }
    return b.finish();
  }

  /** The automaton of the empty language: one state, not accepting, no transitions. */
  public static Automaton empty() {
    Automaton.Builder b = new Automaton.Builder();
    b.createState();
    return b.finish();
  }

  /** Whether the language is empty. Precondition: {@link #removeDeadStates} was applied. O(1). */
  public static boolean isEmpty(Automaton a) {
    return a.numStates() == 0 || (!a.isAccept(0) && a.numTransitions(0) == 0);
  }

  /**
   * States in topological order (every transition goes from an earlier to a later state), or
   * null if the automaton has a cycle. Kahn's algorithm, O(n + T).
   */
  public static int[] topologicalOrder(Automaton a) {
    int n = a.numStates();
    int[] indeg = new int[n];
    for (int t = 0; t < a.numTransitions(); t++) indeg[a.dest(t)]++;
    int[] order = new int[n];
    int head = 0, tail = 0;
    for (int s = 0; s < n; s++) if (indeg[s] == 0) order[tail++] = s;
    while (head < tail) {
      int s = order[head++];
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
        if (--indeg[a.dest(t)] == 0) order[tail++] = a.dest(t);
      }
    }
    return tail == n ? order : null;
  }

  /** Whether the automaton has no cycle, i.e. (after {@link #removeDeadStates}) its language is finite. O(n + T). */
  public static boolean isAcyclic(Automaton a) {
    return topologicalOrder(a) != null;
  }

  /**
   * The number of distinct token strings accepted. Precondition: acyclic (finite language), else
   * IllegalArgumentException. Counts paths by dynamic programming in reverse topological order,
   * O(n + T) big-integer additions.
   */
  public static BigInteger countAccepted(Automaton a) {
    int[] order = topologicalOrder(a);
    if (order == null) throw new IllegalArgumentException("the language is infinite");
    BigInteger[] count = new BigInteger[a.numStates()];
    for (int i = order.length - 1; i >= 0; i--) {
      int s = order[i];
      BigInteger c = a.isAccept(s) ? BigInteger.ONE : BigInteger.ZERO;
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
        c = c.add(count[a.dest(t)].multiply(BigInteger.valueOf(a.max(t) - a.min(t) + 1L)));
      }
      count[s] = c;
    }
    return a.numStates() == 0 ? BigInteger.ZERO : count[0];
  }

  /**
   * The minimal deterministic automaton of the same language in which no two states with different
   * annotations are merged (annotations are part of what a state means). Removes dead states
   * first. Acyclic input: Revuz's one-pass algorithm in reverse topological order, O(n + T) hash
   * operations. Cyclic input: Moore's partition refinement, O(rounds · (n + T)) with rounds ≤ n.
   */
  public static Automaton minimize(Automaton in) {
    Automaton a = removeDeadStates(in);
    int n = a.numStates();
    int[] order = topologicalOrder(a);
    int[] cls = new int[n];
    int numClasses;
    if (order != null) {
      Map<Signature, Integer> ids = new HashMap<>();
      for (int i = n - 1; i >= 0; i--) {
        int s = order[i];
        cls[s] = ids.computeIfAbsent(signature(a, s, a.isAccept(s) ? 1 : 0, cls), k -> ids.size());
      }
      numClasses = ids.size();
    } else {
      Map<Signature, Integer> ids = new HashMap<>();
      for (int s = 0; s < n; s++) {
        int[] key = {a.isAccept(s) ? 1 : 0, a.annotationIndex(s)};
        cls[s] = ids.computeIfAbsent(new Signature(key), k -> ids.size());
      }
      numClasses = ids.size();
      while (true) {
        ids.clear();
        int[] next = new int[n];
        for (int s = 0; s < n; s++) next[s] = ids.computeIfAbsent(signature(a, s, cls[s], cls), k -> ids.size());
        cls = next;
        if (ids.size() == numClasses) break;
        numClasses = ids.size();
      }
    }
    return quotient(a, cls, numClasses);
  }

  /** [tag, annotation, (min, max, cls[dest])* with touching same-class ranges merged]. */
  private static Signature signature(Automaton a, int s, int tag, int[] cls) {
    int first = a.firstTransition(s), cnt = a.numTransitions(s);
    int[] key = new int[2 + 3 * cnt];
    key[0] = tag;
    key[1] = a.annotationIndex(s);
    int k = 2;
    for (int t = first; t < first + cnt; t++) {
      int c = cls[a.dest(t)];
      if (k > 2 && key[k - 1] == c && key[k - 2] + 1 == a.min(t)) {
        key[k - 2] = a.max(t);
      } else {
        key[k++] = a.min(t);
        key[k++] = a.max(t);
        key[k++] = c;
      }
    }
    return new Signature(k == key.length ? key : Arrays.copyOf(key, k));
  }

  /** Builds the automaton whose states are the classes; class of state 0 becomes state 0. */
  private static Automaton quotient(Automaton a, int[] cls, int numClasses) {
    int n = a.numStates();
    int[] newId = new int[numClasses];
    Arrays.fill(newId, -1);
    int[] rep = new int[numClasses];
    Automaton.Builder b = new Automaton.Builder();
    // BFS from the initial state so numbering is canonical (equal languages → equal arrays)
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    newId[cls[0]] = b.createState();
    rep[cls[0]] = 0;
    queue.add(0);
    int[] firstOf = new int[numClasses];
    Arrays.fill(firstOf, -1);
    for (int s = 0; s < n; s++) if (firstOf[cls[s]] < 0) firstOf[cls[s]] = s;
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int id = newId[cls[s]];
      b.setAccept(id, a.isAccept(s));
      b.setAnnotation(id, a.annotation(s));
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
        int dc = cls[a.dest(t)];
        if (newId[dc] < 0) {
          newId[dc] = b.createState();
          rep[dc] = firstOf[dc];
          queue.add(rep[dc]);
        }
        b.addTransition(id, a.min(t), a.max(t), newId[dc]);
      }
    }
    return b.finish();
  }

  private record Signature(int[] key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Signature other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }
  }
}
