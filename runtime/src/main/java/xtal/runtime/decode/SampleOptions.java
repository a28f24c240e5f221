package xtal.runtime.decode;

/**
 * How to sample.
 *
 * @param count number of crystals
 * @param seed fixes every random choice: the same seed, model, query and batch size give the same
 *     crystals, byte for byte
 * @param temperature divides letter/element logits and mixture logits, and scales concentrations
 *     and standard deviations (1 = the model's distribution)
 * @param topP nucleus sampling of letters and elements (1 = off)
 * @param batchSize sequences decoded together per model call
 */
public record SampleOptions(int count, long seed, double temperature, double topP, int batchSize) {

  public static final SampleOptions DEFAULTS = new SampleOptions(10, 0, 1.0, 1.0, 64);

  public SampleOptions {
    if (count < 0) throw new IllegalArgumentException("count must be >= 0: " + count);
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0: " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1]: " + topP);
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
  }

  public SampleOptions withCount(int n) {
    return new SampleOptions(n, seed, temperature, topP, batchSize);
  }

  public SampleOptions withSeed(long s) {
    return new SampleOptions(count, s, temperature, topP, batchSize);
  }

  public SampleOptions withTemperature(double t) {
    return new SampleOptions(count, seed, t, topP, batchSize);
  }

  public SampleOptions withTopP(double p) {
    return new SampleOptions(count, seed, temperature, p, batchSize);
  }

  public SampleOptions withBatchSize(int b) {
    return new SampleOptions(count, seed, temperature, topP, b);
  }
}
