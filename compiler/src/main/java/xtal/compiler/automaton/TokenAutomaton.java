package xtal.compiler.automaton;

import xtal.compiler.Vocabulary;

/**
 * A deterministic automaton over the discrete tokens of a crystal sentence, as the decoder walks
 * it: the allowed tokens of a state, the state a token leads to, and the slot rules of the
 * continuous values that follow. Two implementations: {@link CompiledAutomaton}, the eager minimal
 * DFA (small queries, {@code explain}, {@code .xtalc} files), and the compiler's lazily built
 * automaton, whose states are made on demand while decoding (queries too large to build whole).
 *
 * <p>Contract for both: state {@link #initialState()} starts; every state reachable through
 * allowed tokens can still reach acceptance (a walk never dead-ends); states are small ints valid
 * for the automaton's lifetime. Implementations are safe for concurrent readers.
 */
public interface TokenAutomaton {
  /** Longs per state in the allowed-token bitset. */
  int WORDS = (Vocabulary.SIZE + 63) / 64;

  /** The initial state. */
  int initialState();

  /** The state after {@code token} from {@code state}, or −1 if the token is not allowed. */
  int step(int state, int token);

  /** Whether {@code token} is allowed in {@code state}. */
  boolean allows(int state, int token);

  /** Copies the allowed-token bitset of {@code state} into {@code dst[offset .. offset+WORDS-1]}; bit t%64 of word t/64 is token t. */
  void mask(int state, long[] dst, int offset);

  /** Whether the token string read so far may end in {@code state}. */
  boolean isAccept(int state);

  /** The continuous slots that follow the token that entered {@code state}, or null. */
  SlotAnnotation annotation(int state);

  /** Word {@code w} of the allowed-token bitset of {@code state}. */
  default long maskWord(int state, int w) {
    long[] m = new long[WORDS];
    mask(state, m, 0);
    return m[w];
  }

  /** The allowed-token bitset of {@code state}, as a fresh array. */
  default long[] mask(int state) {
    long[] m = new long[WORDS];
    mask(state, m, 0);
    return m;
  }

  /** The allowed tokens of {@code state}, ascending. */
  default int[] allowedTokens(int state) {
    long[] m = mask(state);
    int[] out = new int[Vocabulary.SIZE];
    int n = 0;
    for (int w = 0; w < WORDS; w++) {
      long bits = m[w];
      while (bits != 0) {
        out[n++] = w * 64 + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Runs a whole token string; the final state, or −1 if some token is not allowed. */
  default int run(int[] tokens) {
    int s = initialState();
    for (int t : tokens) {
      s = step(s, t);
      if (s < 0) return -1;
    }
    return s;
  }

  /** Whether the token string is accepted. */
  default boolean accepts(int[] tokens) {
    int s = run(tokens);
    return s >= 0 && isAccept(s);
  }
}
