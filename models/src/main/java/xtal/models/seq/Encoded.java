package xtal.models.seq;

import xtal.model.Layout;

/**
 * One crystal as model arrays, position by position (see {@link Layout}). Position t has an input
 * ({@code input[t]}, {@code features[t*FEATURES ..]}, {@code next[t]}) and, when {@code kind[t] >=
 * 0}, a target: a class ({@code target[t]}) for letters and elements, a value ({@code value[t]})
 * for coordinates (fraction in [0, 1)) and lattice parameters (modelled units, log-Jacobian {@code
 * jacobian[t]}). {@code letterAllowed[t]} and {@code elementAllowed[2t], [2t+1]} are bitsets of the
 * classes the rule set allows there.
 *
 * @param group space-group number 1..230
 * @param atoms atoms in the conventional cell (sum of multiplicities)
 */
public record Encoded(
    int group,
    int atoms,
    int[] input,
    float[] features,
    int[] next,
    int[] kind,
    int[] target,
    float[] value,
    float[] jacobian,
    long[] letterAllowed,
    long[] elementAllowed) {

  /** Sequence length. */
  public int length() {
    return input.length;
  }
}
