package xtal.models.seq;

/**
 * The rule set the likelihood is normalised under: which letters/END and which elements may come
 * next, given the discrete tokens so far. The shipped model uses {@link AutomatonMasks}, the
 * compiler's unconstrained automaton, which is also what the sampler applies.
 */
public interface LetterMasks {
  /** The state after the space-group token, or -1 if the group is not allowed. */
  int start(int group);

  /** The state after a discrete {@link xtal.compiler.Vocabulary} token, or -1 if not allowed. */
  int step(int state, int token);

  /** Whether a {@link xtal.compiler.Vocabulary} token is allowed in this state. */
  boolean allows(int state, int token);
}
