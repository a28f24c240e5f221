package xtal.property.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import xtal.property.features.Featurizer;

/**
 * The property regressor as TensorFlow graph ops: a small continuous-filter message-passing net
 * over symmetry-distinct sites (SchNet's idea, with sites standing for their orbits).
 *
 * <pre>
 *   h⁰_s   = tanh(E[Z_s] + W_in · standardised site features_s)
 *   hˡ⁺¹_s = hˡ_s + tanh(W_uˡ · Σ_t tanh(W_fˡ · pair_st) ⊙ (W_mˡ · hˡ_t))      (L interactions)
 *   pooled = Σ_s w_s h_s / Σ_s w_s                                             (w = atoms of the site)
 *   ŷ      = W_2 · tanh(W_1 · [pooled, tanh(W_c · standardised cell features)])
 * </pre>
 *
 * The filter has no bias, so a site pair with no neighbour within the cutoff (and a padding site)
 * sends nothing. Feature standardisation and the target's mean and scale are graph constants, so
 * the exported model maps raw features to the property in its own unit. Several passes built
 * from one net share its variables.
 */
public final class PropertyNet {

  /** Graph inputs: species [B,S] int, weight [B,S], site [B,S,F], pair [B,S,S,K], cell [B,G]. */
  public record Inputs(Operand<TInt32> species, Operand<TFloat32> weight, Operand<TFloat32> site, Operand<TFloat32> pair, Operand<TFloat32> cell) {}

  /** Pair sums grow with the neighbour count; this keeps the filter's input near unit scale. */
  private static final float PAIR_SCALE = 0.25f;

  private final Ops tf;
  private final NetConfig cfg;
  private final Standardisation norm;
  private final long seed;
  private final boolean randomInit;
  private final Map<String, Variable<TFloat32>> params = new LinkedHashMap<>();
  private int draws;

  /**
   * @param randomInit true: seeded random initial values (training); false: zeros, restored from a
   *     checkpoint (export)
   */
  public PropertyNet(Ops tf, NetConfig cfg, Standardisation norm, long seed, boolean randomInit) {
    this.tf = tf;
    this.cfg = cfg;
    this.norm = norm;
    this.seed = seed;
    this.randomInit = randomInit;
    int h = cfg.hidden();
    param("embed/species", 1.0, 119, h);
    param("input/w", 1 / Math.sqrt(Featurizer.SITE_WIDTH), Featurizer.SITE_WIDTH, h);
    param("input/b", 0, h);
    for (int l = 0; l < cfg.interactions(); l++) {
      param("interaction" + l + "/filter", 1 / Math.sqrt(Featurizer.RBF), Featurizer.RBF, h);
      param("interaction" + l + "/message", 1 / Math.sqrt(h), h, h);
      param("interaction" + l + "/update/w", 0.5 / Math.sqrt(h), h, h);
      param("interaction" + l + "/update/b", 0, h);
    }
    param("cell/w", 1 / Math.sqrt(Featurizer.CELL_WIDTH), Featurizer.CELL_WIDTH, h);
    param("cell/b", 0, h);
    param("readout/w1", 1 / Math.sqrt(2 * h), 2 * h, h);
    param("readout/b1", 0, h);
    param("readout/w2", 1 / Math.sqrt(h), h, 1);
    param("readout/b2", 0, 1);
  }

  public Map<String, Variable<TFloat32>> parameters() {
    return params;
  }

  public long parameterCount() {
    long n = 0;
    for (Variable<TFloat32> v : params.values()) n += v.shape().size();
    return n;
  }

  /** The standardised prediction [B] (the target minus its mean, over its scale). */
  public Operand<TFloat32> standardised(Inputs in) {
    Operand<TFloat32> site = standardise(in.site(), norm.siteMean(), norm.siteScale());
    Operand<TFloat32> cell = standardise(in.cell(), norm.cellMean(), norm.cellScale());
    Operand<TFloat32> h =
        tf.math.tanh(tf.math.add(tf.gather(p("embed/species"), in.species(), tf.constant(0)), dense(site, "input/w", "input/b")));
    Operand<TFloat32> pair = tf.math.mul(in.pair(), tf.constant(PAIR_SCALE));
    for (int l = 0; l < cfg.interactions(); l++) {
      String pre = "interaction" + l + "/";
      Operand<TFloat32> filter = tf.math.tanh(dense(pair, pre + "filter", null)); // [B,S,S,H]
      Operand<TFloat32> sender = tf.expandDims(dense(h, pre + "message", null), tf.constant(1)); // [B,1,S,H]
      Operand<TFloat32> message = tf.sum(tf.math.mul(filter, sender), tf.constant(2)); // [B,S,H]
      h = tf.math.add(h, tf.math.tanh(dense(message, pre + "update/w", pre + "update/b")));
    }
    Operand<TFloat32> w = tf.expandDims(in.weight(), tf.constant(-1)); // [B,S,1]
    Operand<TFloat32> pooled =
        tf.math.div(tf.sum(tf.math.mul(h, w), tf.constant(1)), tf.math.maximum(tf.sum(w, tf.constant(1)), tf.constant(1e-6f)));
    Operand<TFloat32> c = tf.math.tanh(dense(cell, "cell/w", "cell/b"));
    Operand<TFloat32> z = tf.math.tanh(dense(tf.concat(List.of(pooled, c), tf.constant(-1)), "readout/w1", "readout/b1"));
    return tf.reshape(dense(z, "readout/w2", "readout/b2"), tf.constant(new int[] {-1}));
  }

  /** The prediction [B] in the target's unit. */
  public Operand<TFloat32> value(Operand<TFloat32> standardised) {
    return tf.math.add(tf.math.mul(standardised, tf.constant((float) norm.targetScale())), tf.constant((float) norm.targetMean()));
  }

  private Operand<TFloat32> standardise(Operand<TFloat32> x, float[] mean, float[] scale) {
    float[] inv = new float[scale.length];
    for (int i = 0; i < inv.length; i++) inv[i] = 1 / scale[i];
    return tf.math.mul(tf.math.sub(x, tf.constant(mean)), tf.constant(inv));
  }

  /** x [..., in] · w [in, out] (+ b) → [..., out], for any rank of x. */
  private Operand<TFloat32> dense(Operand<TFloat32> x, String w, String b) {
    Variable<TFloat32> wv = p(w);
    int in = (int) wv.shape().get(0), out = (int) wv.shape().get(1);
    int rank = x.shape().numDimensions();
    Operand<TInt32> lead = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    Operand<TFloat32> y = tf.linalg.matMul(tf.reshape(x, tf.constant(new int[] {-1, in})), wv);
    if (b != null) y = tf.math.add(y, p(b));
    return tf.reshape(y, tf.concat(List.of(lead, tf.constant(new int[] {out})), tf.constant(0)));
  }

  private void param(String name, double stddev, long... dims) {
    Operand<TFloat32> init;
    if (!randomInit || stddev == 0) init = tf.zeros(tf.constant(dims), TFloat32.class);
    else
      init =
          tf.math.mul(
              tf.random.statelessTruncatedNormal(tf.constant(dims), tf.constant(new long[] {seed, draws++})),
              tf.constant((float) stddev));
    Variable<TFloat32> v = tf.withName(name.replace('/', '.')).variable(init);
    if (!v.shape().equals(Shape.of(dims))) throw new IllegalStateException(name + " has shape " + v.shape());
    params.put(name, v);
  }

  private Variable<TFloat32> p(String name) {
    return params.get(name);
  }
}
