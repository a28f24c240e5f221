package xtal.compiler.automaton;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import xtal.compiler.Vocabulary;

/**
 * The immutable form of an {@link Automaton} used for decoding: per state an allowed-token bitset
 * over {@link Vocabulary#SIZE} ids ({@value #WORDS} longs) and a dense next-state row, so that
 * {@link #step} and {@link #allows} are O(1) array reads and {@link #mask} copies six longs.
 *
 * <p>Rows are compressed by token classes (Lucene's {@code RunAutomaton} idea): tokens that every
 * state treats alike share a column. Class ids are ordered GROUP, END, LETTER, ELEMENT so that a
 * state of the crystal language — which only ever allows one segment (groups; letters or END;
 * elements) — spans a short contiguous range of columns; a row stores only that range.
 */
public final class CompiledAutomaton implements TokenAutomaton {

  private final Automaton automaton;
  private final int numStates;
  private final int[] classOf; // token -> column class
  private final int[] rowLo, rowHi, rowStart; // per state: class range and offset into next
  private final int[] next;
  private final long[] masks; // numStates * WORDS
  private final boolean[] accept;
  private final int[] annotation;
  private final List<SlotAnnotation> annotations;

  /** Compiles {@code a}. O(n · row width + T). */
  public CompiledAutomaton(Automaton a) {
    this.automaton = a;
    this.numStates = a.numStates();
    this.classOf = tokenClasses(a);
    rowLo = new int[numStates];
    rowHi = new int[numStates];
    rowStart = new int[numStates];
    accept = new boolean[numStates];
    annotation = new int[numStates];
    masks = new long[numStates * WORDS];
    long cells = 0;
    for (int s = 0; s < numStates; s++) {
      int lo = Integer.MAX_VALUE, hi = -1;
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
        for (int tok = a.min(t); tok <= a.max(t); tok++) {
          lo = Math.min(lo, classOf[tok]);
          hi = Math.max(hi, classOf[tok]);
          masks[s * WORDS + (tok >>> 6)] |= 1L << tok;
        }
      }
      if (hi < 0) {
        lo = 0;
        hi = -1;
      }
      rowLo[s] = lo;
      rowHi[s] = hi;
      rowStart[s] = (int) cells;
      cells += hi - lo + 1;
      accept[s] = a.isAccept(s);
      annotation[s] = a.annotationIndex(s);
    }
    if (cells > Integer.MAX_VALUE - 8) throw new TooComplexException("automaton too large to compile: " + cells + " cells");
    next = new int[(int) cells];
    Arrays.fill(next, -1);
    for (int s = 0; s < numStates; s++) {
      for (int t = a.firstTransition(s), e = t + a.numTransitions(s); t < e; t++) {
        for (int tok = a.min(t); tok <= a.max(t); tok++) next[rowStart[s] + classOf[tok] - rowLo[s]] = a.dest(t);
      }
    }
    annotations = a.annotations();
  }

  /** Column classes: split at every range boundary, numbered in the order GROUP, END, LETTER, ELEMENT. */
  private static int[] tokenClasses(Automaton a) {
    boolean[] startsClass = new boolean[Vocabulary.SIZE + 1];
    startsClass[0] = true;
    startsClass[Vocabulary.FIRST_LETTER] = startsClass[Vocabulary.FIRST_ELEMENT] = startsClass[Vocabulary.END] = true;
    for (int t = 0; t < a.numTransitions(); t++) {
      startsClass[a.min(t)] = true;
      startsClass[a.max(t) + 1] = true;
    }
    int[] classOf = new int[Vocabulary.SIZE];
    int c = -1;
    int[][] segments = {
      {Vocabulary.FIRST_GROUP, Vocabulary.FIRST_LETTER}, {Vocabulary.END, Vocabulary.SIZE},
      {Vocabulary.FIRST_LETTER, Vocabulary.FIRST_ELEMENT}, {Vocabulary.FIRST_ELEMENT, Vocabulary.END}
    };
    for (int[] seg : segments) {
      for (int tok = seg[0]; tok < seg[1]; tok++) {
        if (tok == seg[0] || startsClass[tok]) c++;
        classOf[tok] = c;
      }
    }
    return classOf;
  }

  /** The automaton this was compiled from (for serialization, explain and counting). */
  public Automaton automaton() {
    return automaton;
  }

  public int numStates() {
    return numStates;
  }

  /** The initial state (0). */
  @Override
  public int initialState() {
    return 0;
  }

  /** The state after {@code token} from {@code state}, or −1 if the token is not allowed. O(1). */
  @Override
  public int step(int state, int token) {
    int c = classOf[token];
    if (c < rowLo[state] || c > rowHi[state]) return -1;
    return next[rowStart[state] + c - rowLo[state]];
  }

  /** Whether {@code token} is allowed in {@code state}. O(1). */
  @Override
  public boolean allows(int state, int token) {
    return (masks[state * WORDS + (token >>> 6)] & (1L << token)) != 0;
  }

  /** Word {@code w} (0..{@value #WORDS}−1) of the allowed-token bitset of {@code state}; bit t%64 of word t/64 is token t. */
  @Override
  public long maskWord(int state, int w) {
    return masks[state * WORDS + w];
  }

  /** Copies the allowed-token bitset of {@code state} into {@code dst[offset .. offset+WORDS-1]}. */
  @Override
  public void mask(int state, long[] dst, int offset) {
    System.arraycopy(masks, state * WORDS, dst, offset, WORDS);
  }

  /** The allowed-token bitset of {@code state}, as a fresh array. */
  @Override
  public long[] mask(int state) {
    return Arrays.copyOfRange(masks, state * WORDS, state * WORDS + WORDS);
  }

  /** The allowed tokens of {@code state}, ascending. */
  @Override
  public int[] allowedTokens(int state) {
    int[] out = new int[Vocabulary.SIZE];
    int n = 0;
    for (int w = 0; w < WORDS; w++) {
      long bits = masks[state * WORDS + w];
      while (bits != 0) {
        out[n++] = w * 64 + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Whether the token string read so far may end in {@code state}. */
  @Override
  public boolean isAccept(int state) {
    return accept[state];
  }

  /** The continuous slots that follow the token that entered {@code state}, or null. O(1). */
  @Override
  public SlotAnnotation annotation(int state) {
    int a = annotation[state];
    return a < 0 ? null : annotations.get(a);
  }

  /** Runs a whole token string; the final state, or −1 if some token is not allowed. */
  @Override
  public int run(int[] tokens) {
    int s = 0;
    for (int t : tokens) {
      s = step(s, t);
      if (s < 0) return -1;
    }
    return s;
  }

  /** Whether the token string is accepted. */
  @Override
  public boolean accepts(int[] tokens) {
    int s = run(tokens);
    return s >= 0 && accept[s];
  }

  /** Approximate heap bytes of the compiled tables. */
  public long ramBytesUsed() {
    return 4L * next.length + 8L * masks.length + 17L * numStates + automaton.ramBytesUsed();
  }

  /**
   * Graphviz source: one node per state (double circle = accepting, annotation as a label), one
   * edge per destination with the tokens that lead there, named by {@code tokenName} and with runs
   * of consecutive tokens abbreviated.
   */
  public String toDot(IntFunction<String> tokenName) {
    StringBuilder sb = new StringBuilder("digraph xtal {\n  rankdir=LR;\n  node [shape=circle, fontsize=10];\n");
    sb.append("  start [shape=point];\n  start -> s0;\n");
    for (int s = 0; s < numStates; s++) {
      SlotAnnotation ann = annotation(s);
      String label = s + (ann == null ? "" : "\\n" + ann.describe().replace("\"", "'"));
      sb.append("  s").append(s).append(" [label=\"").append(label).append('"');
      if (accept[s]) sb.append(", shape=doublecircle");
      sb.append("];\n");
      // group the transitions by destination
      java.util.Map<Integer, StringBuilder> byDest = new java.util.TreeMap<>();
      for (int t = automaton.firstTransition(s), e = t + automaton.numTransitions(s); t < e; t++) {
        StringBuilder l = byDest.computeIfAbsent(automaton.dest(t), k -> new StringBuilder());
        if (!l.isEmpty()) l.append(' ');
        int lo = automaton.min(t), hi = automaton.max(t);
        l.append(tokenName.apply(lo));
        if (hi > lo) l.append(hi == lo + 1 ? " " : "..").append(tokenName.apply(hi));
      }
      for (var e : byDest.entrySet()) {
        sb.append("  s").append(s).append(" -> s").append(e.getKey()).append(" [label=\"")
            .append(e.getValue().toString().replace("\"", "'")).append("\"];\n");
      }
    }
    return sb.append("}\n").toString();
  }
}
