package xtal.property.features;

import java.util.List;

/**
 * Crystals' features padded to the batch's largest site count S, as flat row-major arrays: the
 * form both TensorFlow Java (training) and DJL (prediction) take. Padding sites have species 0,
 * weight 0 and zero features, and the model ignores them through the weight.
 *
 * @param size crystals B
 * @param sites S
 * @param species [B,S]
 * @param weight [B,S]
 * @param site [B,S,{@link Featurizer#SITE_WIDTH}]
 * @param pair [B,S,S,{@link Featurizer#RBF}]
 * @param cell [B,{@link Featurizer#CELL_WIDTH}]
 */
public record FeatureBatch(int size, int sites, int[] species, float[] weight, float[] site, float[] pair, float[] cell) {

  /** Names of the model's inputs, as the SavedModel signature and DJL's NDArray names use them. */
  public static final List<String> INPUTS = List.of("species", "weight", "site", "pair", "cell");

  public static FeatureBatch of(List<CrystalFeatures> crystals) {
    int b = crystals.size(), s = 1;
    for (CrystalFeatures c : crystals) s = Math.max(s, c.sites());
    int fs = Featurizer.SITE_WIDTH, k = Featurizer.RBF, g = Featurizer.CELL_WIDTH;
    int[] species = new int[b * s];
    float[] weight = new float[b * s];
    float[] site = new float[b * s * fs];
    float[] pair = new float[b * s * s * k];
    float[] cell = new float[b * g];
    for (int i = 0; i < b; i++) {
      CrystalFeatures c = crystals.get(i);
      System.arraycopy(c.cell(), 0, cell, i * g, g);
      for (int p = 0; p < c.sites(); p++) {
        species[i * s + p] = c.species()[p];
        weight[i * s + p] = c.weight()[p];
        System.arraycopy(c.site()[p], 0, site, (i * s + p) * fs, fs);
        for (int q = 0; q < c.sites(); q++) System.arraycopy(c.pair()[p][q], 0, pair, ((i * s + p) * s + q) * k, k);
      }
    }
    return new FeatureBatch(b, s, species, weight, site, pair, cell);
  }

  /** The shape of input {@code name} (one of {@link #INPUTS}). */
  public long[] shape(String name) {
    return switch (name) {
      case "species", "weight" -> new long[] {size, sites};
      case "site" -> new long[] {size, sites, Featurizer.SITE_WIDTH};
      case "pair" -> new long[] {size, sites, sites, Featurizer.RBF};
      case "cell" -> new long[] {size, Featurizer.CELL_WIDTH};
      default -> throw new IllegalArgumentException("no input " + name);
    };
  }
}
