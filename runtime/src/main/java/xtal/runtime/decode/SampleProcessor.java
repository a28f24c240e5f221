package xtal.runtime.decode;

import xtal.runtime.sampling.GaussianMixture;
import xtal.runtime.sampling.VonMisesMixture;

/**
 * A seam between the model's outputs and the samplers, for guided generation: per sequence and
 * slot, it may reshape the distribution the next token is drawn from. The automaton still
 * disposes: a processor can only narrow what the query allows, never widen it, so every sample
 * still satisfies its query.
 *
 * <p>What the processors change is the <em>proposal</em> (what is drawn, and the {@code
 * logProposal} a completion or score reports); the {@code logLikelihood} a sample reports stays the
 * model's own, under the query's masks — so importance weights p/q come out of one decode.
 *
 * <p>Each method is called once per sequence and slot, on the decoding thread, with that
 * sequence's state; the default methods leave everything as the model says.
 */
public interface SampleProcessor {
  /** Leaves the model's distributions alone. */
  SampleProcessor NONE = new SampleProcessor() {};

  /**
   * Shapes the letter/END logits of one sequence: {@code logits[c]} for class c (a..z, A = 0..26,
   * END = 27, as {@link xtal.model.Layout#LETTER_CLASSES}), {@code allowed} the query's bitset
   * over the same classes. Either may be changed in place; bits set in {@code allowed} that the
   * query does not allow are ignored, and clearing every bit is an error.
   */
  default void letters(LaneView lane, float[] logits, long[] allowed) {}

  /** As {@link #letters}, for the element logits (class = Z − 1, 118 classes, two words of bits). */
  default void elements(LaneView lane, float[] logits, long[] allowed) {}

  /**
   * The distribution to draw free fractional coordinate {@code axis} (0..2) of the site under
   * construction from (before temperature and the query's range), given the model's.
   */
  default VonMisesMixture coordinate(LaneView lane, int axis, VonMisesMixture model) {
    return model;
  }

  /**
   * The distribution to draw lattice parameter {@code parameter} (0..5 = a, b, c, α, β, γ) from,
   * in modelled units ({@link xtal.model.Layout#latticeScale}), given the model's.
   */
  default GaussianMixture lattice(LaneView lane, int parameter, GaussianMixture model) {
    return model;
  }
}
