package xtal.property.features;

/**
 * One crystal's model inputs, made by {@link Featurizer#of}: per occupied symmetry-distinct site
 * its atomic number, its weight (atoms of the site in the conventional cell), its features, and its
 * radial pair row to every site; plus the whole-cell features and the atomic fractions.
 *
 * @param species atomic number per site [S]
 * @param weight atoms of each site in the conventional cell [S]
 * @param site per-site features [S][{@link Featurizer#SITE_WIDTH}]
 * @param pair radial basis sums from site s's representative atom to every atom of site t [S][S][{@link Featurizer#RBF}]
 * @param cell whole-cell features [{@link Featurizer#CELL_WIDTH}]
 * @param fractions atomic fraction per atomic number [119]
 */
public record CrystalFeatures(int[] species, float[] weight, float[][] site, float[][][] pair, float[] cell, double[] fractions) {
  /** The number of occupied sites. */
  public int sites() {
    return species.length;
  }
}
