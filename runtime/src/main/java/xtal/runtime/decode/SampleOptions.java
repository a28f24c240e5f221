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
 * @param minDistance Å; a newly sampled site whose atoms land closer than this to atoms already
 *     placed (or to each other) has its last free coordinate resampled, up to {@link
 *     #MAX_RESAMPLES} times; 0 turns the check off
 */
public record SampleOptions(int count, long seed, double temperature, double topP, int batchSize, double minDistance) {

  /** Most resamples of one coordinate for the minimum distance: bounded work, never a loop. */
  public static final int MAX_RESAMPLES = 10;

  public static final double DEFAULT_MIN_DISTANCE = 0.5;

  /**
   * Crystals decoded together by default. 256 rather than 64: with the in-place cached step a
   * call's fixed cost is shared by 4× the lanes, ≈ 1.5× the crystals/s on the 2-core CPU
   * (docs/BENCHMARKS.md, Sampling 2026-12-01).
   */
  public static final int DEFAULT_BATCH_SIZE = 256;

  public static final SampleOptions DEFAULTS = new SampleOptions(10, 0, 1.0, 1.0, DEFAULT_BATCH_SIZE, DEFAULT_MIN_DISTANCE);

  /** Options with the default minimum distance (0.5 Å). */
  public SampleOptions(int count, long seed, double temperature, double topP, int batchSize) {
    this(count, seed, temperature, topP, batchSize, DEFAULT_MIN_DISTANCE);
  }

  public SampleOptions {
    if (count < 0) throw new IllegalArgumentException("count must be >= 0: " + count);
    if (!(temperature > 0 && temperature < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("temperature must be finite and > 0: " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1]: " + topP);
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
    if (!(minDistance >= 0 && minDistance < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("minimum distance must be >= 0: " + minDistance);
  }

  public SampleOptions withCount(int n) {
    return new SampleOptions(n, seed, temperature, topP, batchSize, minDistance);
  }

  public SampleOptions withSeed(long s) {
    return new SampleOptions(count, s, temperature, topP, batchSize, minDistance);
  }

  public SampleOptions withTemperature(double t) {
    return new SampleOptions(count, seed, t, topP, batchSize, minDistance);
  }

  public SampleOptions withTopP(double p) {
    return new SampleOptions(count, seed, temperature, p, batchSize, minDistance);
  }

  public SampleOptions withBatchSize(int b) {
    return new SampleOptions(count, seed, temperature, topP, b, minDistance);
  }

  public SampleOptions withMinDistance(double d) {
    return new SampleOptions(count, seed, temperature, topP, batchSize, d);
  }
}
