package xtal.models.seq;

import java.util.List;

/**
 * The space-group distribution of a training set. The model is conditioned on the group and does
 * not predict it, so a sampler draws the group first — from this prior, restricted to the groups a
 * query allows (as CrystalFormer does). Written to {@code model.json} as {@code group_prior}: a
 * 231-entry array of frequencies, index = group number, entry 0 unused.
 */
public final class GroupPrior {
  private GroupPrior() {}

  /** Frequencies of the groups of {@code crystals} (each entry in [0, 1], summing to 1). */
  public static double[] of(List<Encoded> crystals) {
    double[] p = new double[231];
    for (Encoded e : crystals) p[e.group()]++;
    for (int g = 1; g <= 230; g++) p[g] = crystals.isEmpty() ? 1.0 / 230 : p[g] / crystals.size();
    return p;
  }

  /** Rounded to 6 digits for a readable model.json; the sampler renormalizes. */
  public static double[] rounded(double[] prior) {
    double[] out = new double[prior.length];
    for (int g = 0; g < prior.length; g++) out[g] = Math.round(prior[g] * 1e6) / 1e6;
    return out;
  }
}
