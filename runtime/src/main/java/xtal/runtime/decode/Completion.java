package xtal.runtime.decode;

/** What completing a {@link Prefix} gives: a {@link Proposal}, or {@link Rejected} when the query does not allow the prefix. */
public sealed interface Completion permits Proposal, Rejected {
  /** The prefix's index in the call. */
  int index();
}
