package xtal.runtime.decode;

/** What scoring a crystal gives: a {@link Score}, or {@link Rejected} when the query does not allow the crystal. */
public sealed interface Scoring permits Score, Rejected {
  /** The crystal's index in the call. */
  int index();
}
