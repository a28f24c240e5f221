package xtal.runtime.decode;

/**
 * Hears where a decoder's time goes, for benchmarks and progress displays. Called on the decoding
 * thread; implementations that are shared between concurrent decodes must be thread-safe.
 */
public interface DecodeListener {
  /** Hears nothing. */
  DecodeListener NONE = new DecodeListener() {};

  /** One model step for a batch of {@code lanes} sequences took {@code nanos} (DJL + TensorFlow). */
  default void modelStep(long nanos, int lanes) {}

  /** Building masks from automaton states or stepping the automaton took {@code nanos}. */
  default void automaton(long nanos) {}

  /** A whole batch of {@code sequences} took {@code nanos}. */
  default void batch(long nanos, int sequences) {}
}
