package xtal.model;

/**
 * The shape of the transformer. Everything else (vocabulary, head sizes) follows from {@link
 * Layout}.
 *
 * @param width model size d
 * @param layers transformer blocks
 * @param heads attention heads; {@code width % heads == 0}
 * @param ffMultiplier feed-forward width = {@code ffMultiplier * width}
 * @param maxLength longest sequence (positional table size)
 * @param dropout dropout rate on embeddings and residual branches during training
 * @param coordComponents von Mises mixture components per coordinate
 * @param latticeComponents Gaussian mixture components per lattice parameter
 */
public record ModelConfig(
    int width, int layers, int heads, int ffMultiplier, int maxLength, double dropout, int coordComponents, int latticeComponents) {

  public ModelConfig {
    if (width <= 0 || layers <= 0 || heads <= 0 || width % heads != 0)
      throw new IllegalArgumentException("width must be a positive multiple of heads: width=" + width + " heads=" + heads);
    if (ffMultiplier <= 0 || maxLength < 8) throw new IllegalArgumentException("ffMultiplier > 0 and maxLength >= 8 required");
    if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must lie in [0, 1): " + dropout);
    if (coordComponents <= 0 || latticeComponents <= 0) throw new IllegalArgumentException("mixtures need components");
  }

  /** Key size per head. */
  public int headSize() {
    return width / heads;
  }
}
