package xtal.runtime.sampling;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Samples one discrete token from model logits restricted to the tokens an automaton state allows.
 *
 * <p>Masking is a −∞ bias on every disallowed token, so the probabilities renormalize over what is
 * allowed; temperature divides the logits, and top-p (nucleus) keeps the smallest set of allowed
 * tokens whose probability reaches {@code topP}. The result is always an allowed token: the
 * automaton guarantees at least one, and a fully masked call is a programming error.
 */
public final class TokenSampler {
  private TokenSampler() {}

  /**
   * @param logits one logit per token id ({@code logits.length} ≥ highest allowed id + 1)
   * @param allowed bitset over token ids ({@code allowed[id >>> 6] >>> id & 1})
   * @param temperature > 0; 1 samples the model's distribution
   * @param topP in (0, 1]; 1 keeps every allowed token
   * @return the sampled token id and its log-probability under the masked, tempered distribution
   */
  public static Choice sample(
      float[] logits, long[] allowed, double temperature, double topP, RandomGenerator rng) {
    return sample(logits, 0, logits.length, allowed, 0, temperature, topP, rng);
  }

  /**
   * Samples from {@code logits[from, from+count)}, where logit {@code i} belongs to token id
   * {@code firstToken + i - from} of the {@code allowed} bitset. Lets a head that only covers one
   * kind of token (letters, elements) be masked with the automaton's full-vocabulary bitset.
   */
  public static Choice sample(
      float[] logits,
      int from,
      int count,
      long[] allowed,
      int firstToken,
      double temperature,
      double topP,
      RandomGenerator rng) {
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0: " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1]: " + topP);
    int[] ids = new int[count];
    double[] scaled = new double[count];
    int n = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      int token = firstToken + i;
      if ((allowed[token >>> 6] >>> token & 1L) == 0) continue;
      ids[n] = i;
      scaled[n] = logits[from + i] / temperature;
      max = Math.max(max, scaled[n]);
      n++;
    }
    if (n == 0) throw new IllegalStateException("no allowed token: the automaton state is dead");
    double sum = 0;
    double[] p = new double[n];
    for (int k = 0; k < n; k++) sum += p[k] = Math.exp(scaled[k] - max);
    for (int k = 0; k < n; k++) p[k] /= sum;

    int[] order = nucleus(p, n, topP);
    double kept = 0;
    for (int k : order) kept += p[k];
    double u = rng.nextDouble() * kept, acc = 0;
    int pick = order[order.length - 1];
    for (int k : order) {
      acc += p[k];
      if (u < acc) {
        pick = k;
        break;
      }
    }
    return new Choice(firstToken + ids[pick], Math.log(p[pick] / kept));
  }

  /**
   * The log-probability that {@link #sample(float[], int, int, long[], int, double, double,
   * RandomGenerator) sample} with the same arguments returns {@code token}: −∞ when the token is
   * masked or outside the nucleus. Scores a given token under the distribution a sampler draws from.
   */
  public static double logProbability(
      float[] logits, int from, int count, long[] allowed, int firstToken, double temperature, double topP, int token) {
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0: " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1]: " + topP);
    int[] ids = new int[count];
    double[] scaled = new double[count];
    int n = 0, chosen = -1;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      int t = firstToken + i;
      if ((allowed[t >>> 6] >>> t & 1L) == 0) continue;
      if (t == token) chosen = n;
      ids[n] = i;
      scaled[n] = logits[from + i] / temperature;
      max = Math.max(max, scaled[n]);
      n++;
    }
    if (chosen < 0) return Double.NEGATIVE_INFINITY;
    double sum = 0;
    double[] p = new double[n];
    for (int k = 0; k < n; k++) sum += p[k] = Math.exp(scaled[k] - max);
    for (int k = 0; k < n; k++) p[k] /= sum;
    int[] order = nucleus(p, n, topP);
    double kept = 0;
    boolean in = false;
    for (int k : order) {
      kept += p[k];
      in |= k == chosen;
    }
    return in ? Math.log(p[chosen] / kept) : Double.NEGATIVE_INFINITY;
  }

  /**
   * log p(chosen) under the softmax of {@code logits[from, from+count)} restricted to {@code mask}
   * (bit c for logit {@code from + c}), at temperature 1 and without a nucleus: the model's own
   * probability under a query's masks, which a sample's log-likelihood adds up.
   */
  public static double maskedLogSoftmax(float[] logits, int from, int count, long[] mask, int chosen) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < count; c++) if ((mask[c >>> 6] >>> c & 1) != 0) max = Math.max(max, logits[from + c]);
    double s = 0;
    for (int c = 0; c < count; c++) if ((mask[c >>> 6] >>> c & 1) != 0) s += Math.exp(logits[from + c] - max);
    return logits[from + chosen] - max - Math.log(s);
  }

  /** Indices of the smallest most-probable set with mass ≥ topP, most probable first. */
  private static int[] nucleus(double[] p, int n, double topP) {
    Integer[] idx = new Integer[n];
    for (int k = 0; k < n; k++) idx[k] = k;
    if (topP >= 1) return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    // Ties broken by index so the result never depends on sort stability.
    Arrays.sort(idx, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    double acc = 0;
    int keep = 0;
    while (keep < n) {
      acc += p[idx[keep++]];
      if (acc >= topP) break;
    }
    int[] out = new int[keep];
    for (int k = 0; k < keep; k++) out[k] = idx[k];
    return out;
  }

  /** A sampled token id and its log-probability under the distribution it was drawn from. */
  public record Choice(int token, double logProbability) {}
}
