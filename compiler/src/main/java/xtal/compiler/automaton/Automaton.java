package xtal.compiler.automaton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic finite automaton over the token ids of {@link xtal.compiler.Vocabulary}, stored
 * Lucene-style in flat int arrays: per state an offset and a count into the transition arrays,
 * per transition a token range {@code [min, max]} and a destination. State 0 is the initial
 * state. Accepting states are in a {@link BitSet}; a state may carry a {@link SlotAnnotation} (by
 * index into {@link #annotations()}, −1 for none).
 *
 * <p>Invariants kept by {@link Builder#finish()}: deterministic (the ranges of a state do not
 * overlap), each state's transitions sorted by {@code min}, adjacent ranges with the same
 * destination merged. Instances are immutable. Algorithms live in {@link Operations}; decoding uses
 * the dense {@link CompiledAutomaton}.
 */
public final class Automaton {
  private final int numStates;
  private final int[] start; // per state: first transition index
  private final int[] count; // per state: number of transitions
  private final int[] min, max, dest; // per transition
  private final BitSet accept;
  private final int[] annotation; // per state, index into annotations or -1
  private final List<SlotAnnotation> annotations;

  private Automaton(
      int numStates, int[] start, int[] count, int[] min, int[] max, int[] dest, BitSet accept,
      int[] annotation, List<SlotAnnotation> annotations) {
    this.numStates = numStates;
    this.start = start;
    this.count = count;
    this.min = min;
    this.max = max;
    this.dest = dest;
    this.accept = accept;
    this.annotation = annotation;
    this.annotations = List.copyOf(annotations);
  }

  public int numStates() {
    return numStates;
  }

  public int numTransitions() {
    return min.length;
  }

  public boolean isAccept(int state) {
    return accept.get(state);
  }

  /** Number of transitions (token ranges) leaving {@code state}. */
  public int numTransitions(int state) {
    return count[state];
  }

  /** Index of the first transition of {@code state}; its transitions are {@code first .. first+n-1}. */
  public int firstTransition(int state) {
    return start[state];
  }

  public int min(int transition) {
    return min[transition];
  }

  public int max(int transition) {
    return max[transition];
  }

  public int dest(int transition) {
    return dest[transition];
  }

  /** The annotation index of {@code state}, or −1. */
  public int annotationIndex(int state) {
    return annotation[state];
  }

  /** The annotation of {@code state}, or null. */
  public SlotAnnotation annotation(int state) {
    int a = annotation[state];
    return a < 0 ? null : annotations.get(a);
  }

  /** The distinct annotations, indexed by {@link #annotationIndex}. */
  public List<SlotAnnotation> annotations() {
    return annotations;
  }

  /** The state reached from {@code state} on {@code token}, or −1. O(log transitions). */
  public int step(int state, int token) {
    int lo = start[state], hi = lo + count[state] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (max[mid] < token) lo = mid + 1;
      else if (min[mid] > token) hi = mid - 1;
      else return dest[mid];
    }
    return -1;
  }

  /** Whether the token string is accepted. */
  public boolean run(int[] tokens) {
    int s = 0;
    for (int t : tokens) {
      s = step(s, t);
      if (s < 0) return false;
    }
    return numStates > 0 && accept.get(s);
  }

  /** Approximate heap size in bytes (for budgets and reports). */
  public long ramBytesUsed() {
    return 64L + 12L * numStates + 12L * min.length + numStates / 8 + 64L * annotations.size();
  }

  @Override
  public String toString() {
    return "Automaton[" + numStates + " states, " + min.length + " transitions]";
  }

  /**
   * Builds an automaton out of order: create states, add transitions in any order, then {@link
   * #finish()} sorts, merges and checks determinism. Not thread-safe.
   */
  public static final class Builder {
    private int numStates;
    private int[] tSrc = new int[16], tMin = new int[16], tMax = new int[16], tDest = new int[16];
    private int numTrans;
    private final BitSet accept = new BitSet();
    private int[] annotation = new int[16];
    private final List<SlotAnnotation> annotations = new ArrayList<>();
    private final Map<SlotAnnotation, Integer> annotationIds = new HashMap<>();

    /** Adds a state (not accepting, no annotation) and returns its number. */
    public int createState() {
      if (numStates == annotation.length) {
        int n = annotation.length * 2;
        annotation = Arrays.copyOf(annotation, n);
      }
      annotation[numStates] = -1;
      return numStates++;
    }

    public int numStates() {
      return numStates;
    }

    public void setAccept(int state, boolean isAccept) {
      checkState(state);
      accept.set(state, isAccept);
    }

    /** Attaches an annotation (null for none) to a state. Equal annotations share one index. */
    public void setAnnotation(int state, SlotAnnotation a) {
      checkState(state);
      annotation[state] = a == null ? -1 : annotationIds.computeIfAbsent(a, k -> {
        annotations.add(k);
        return annotations.size() - 1;
      });
    }

    /** Adds a transition on tokens {@code min..max} (inclusive). */
    public void addTransition(int src, int min, int max, int dest) {
      checkState(src);
      checkState(dest);
      if (min > max || min < 0) throw new IllegalArgumentException("bad token range " + min + ".." + max);
      if (numTrans == tSrc.length) {
        int n = tSrc.length * 2;
        tSrc = Arrays.copyOf(tSrc, n);
        tMin = Arrays.copyOf(tMin, n);
        tMax = Arrays.copyOf(tMax, n);
        tDest = Arrays.copyOf(tDest, n);
      }
      tSrc[numTrans] = src;
      tMin[numTrans] = min;
      tMax[numTrans] = max;
      tDest[numTrans] = dest;
      numTrans++;
    }

    public void addTransition(int src, int token, int dest) {
      addTransition(src, token, token, dest);
    }

    private void checkState(int s) {
      if (s < 0 || s >= numStates) throw new IllegalArgumentException("no state " + s);
    }

    /**
     * Sorts transitions by (source, min), merges touching ranges with the same destination and
     * returns the immutable automaton. O(T + Σ b²) for b transitions per state (small here).
     *
     * @throws IllegalStateException if two ranges of a state overlap (not deterministic)
     */
    public Automaton finish() {
      // bucket by source (counting sort), then sort each bucket by min: O(T + sum of b log b)
      int[] bucketStart = new int[numStates + 1];
      for (int i = 0; i < numTrans; i++) bucketStart[tSrc[i] + 1]++;
      for (int s = 0; s < numStates; s++) bucketStart[s + 1] += bucketStart[s];
      int[] fill = Arrays.copyOf(bucketStart, numStates);
      int[] order = new int[numTrans];
      for (int i = 0; i < numTrans; i++) order[fill[tSrc[i]]++] = i;
      for (int s = 0; s < numStates; s++) {
        int lo = bucketStart[s], hi = bucketStart[s + 1];
        for (int a = lo + 1; a < hi; a++) { // insertion sort: buckets are small
          int v = order[a], b = a - 1;
          while (b >= lo && tMin[order[b]] > tMin[v]) {
            order[b + 1] = order[b];
            b--;
          }
          order[b + 1] = v;
        }
      }
      int[] start = new int[numStates], count = new int[numStates];
      int[] min = new int[numTrans], max = new int[numTrans], dest = new int[numTrans];
      int n = 0, prevSrc = -1;
      for (int k = 0; k < numTrans; k++) {
        int i = order[k], s = tSrc[i];
        if (s == prevSrc && n > 0) {
          int last = n - 1;
          if (tMin[i] <= max[last]) {
            throw new IllegalStateException("nondeterministic: state " + s + " has overlapping ranges at token " + tMin[i]);
          }
          if (tMin[i] == max[last] + 1 && tDest[i] == dest[last]) {
            max[last] = tMax[i];
            continue;
          }
        } else {
          start[s] = n;
        }
        min[n] = tMin[i];
        max[n] = tMax[i];
        dest[n] = tDest[i];
        count[s]++;
        n++;
        prevSrc = s;
      }
      for (int s = 0; s < numStates; s++) if (count[s] == 0) start[s] = n;
      return new Automaton(
          numStates, start, count, Arrays.copyOf(min, n), Arrays.copyOf(max, n), Arrays.copyOf(dest, n),
          (BitSet) accept.clone(), Arrays.copyOf(annotation, numStates), annotations);
    }
  }
}
