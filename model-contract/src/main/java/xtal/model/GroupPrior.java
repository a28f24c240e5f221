package xtal.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The space-group distribution of a training set. The model is conditioned on the group and does
 * not predict it, so a sampler draws the group first — from this prior, restricted to the groups a
 * query allows (as CrystalFormer does). Written to {@code model.json} as {@code group_prior}: a
 * 231-entry array of frequencies, index = group number, entry 0 unused.
 */
public final class GroupPrior {
  private GroupPrior() {}

  /** Frequencies of the space-group numbers in {@code groups} (each entry in [0, 1], summing to 1). */
  public static double[] frequencies(int[] groups) {
    double[] p = new double[231];
    for (int g : groups) p[g]++;
    for (int g = 1; g <= 230; g++) p[g] = groups.length == 0 ? 1.0 / 230 : p[g] / groups.length;
    return p;
  }

  /** Rounded to 6 digits for a readable model.json; the sampler renormalizes. */
  public static double[] rounded(double[] prior) {
    double[] out = new double[prior.length];
    for (int g = 0; g < prior.length; g++) out[g] = Math.round(prior[g] * 1e6) / 1e6;
    return out;
  }

  /**
   * The prior as written in model.json's {@code group_prior}: an array (index = group number) or
   * an object keyed by group number; null when absent, which the sampler takes as uniform.
   */
  public static double[] parse(JsonNode p) {
    if (p == null || (!p.isObject() && !p.isArray())) return null;
    double[] prior = new double[231];
    if (p.isArray()) {
      for (int g = 1; g <= 230 && g < p.size(); g++) prior[g] = p.get(g).asDouble();
    } else {
      p.fields().forEachRemaining(e -> prior[Integer.parseInt(e.getKey())] = e.getValue().asDouble());
    }
    // No smoothing: a query whose groups all have zero weight falls back to uniform among them
    // (the decoder), and any added floor would pull the unconstrained group distribution off the data.
    return prior;
  }
}
