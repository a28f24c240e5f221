package xtal.models.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import xtal.model.Layout;
import xtal.model.ModelConfig;

/**
 * The transformer as TensorFlow graph ops: variables, the whole-sequence pass ({@link #full}),
 * the one-position pass with a key/value cache ({@link #step}) and the exact negative
 * log-likelihood ({@link #nll}). Several passes built from one {@code Network} share its variables.
 *
 * <p>Architecture: pre-LN transformer with causal self-attention. The input at each position is
 * the sum of a token embedding (BOS, END, one per Wyckoff position of every group, element, the
 * coordinate axis, the lattice parameter), a linear map of continuous features (Fourier features
 * sin/cos 2πkx, k=1..5, of a coordinate; the modelled lattice value; ln multiplicity), a
 * space-group embedding (added to every position), an embedding of the kind of slot predicted next
 * and a learned position embedding. One linear head over the final layer norm gives letter/END
 * logits, element logits, a von Mises mixture (weight logits, locations, log concentrations) and a
 * Gaussian mixture (weight logits, means, log standard deviations) at every position.
 */
public final class Network {
  /** Bounds of log κ (von Mises concentration) and log σ (lattice Gaussian), for stability. */
  public static final float MIN_LOG_KAPPA = -4f, MAX_LOG_KAPPA = 7f, MIN_LOG_STD = -7f, MAX_LOG_STD = 3f;

  /** The head parts' variable names, in {@link Heads} order. */
  private static final List<String> HEAD_PARTS =
      List.of("letter", "element", "coord_w", "coord_loc", "coord_kappa", "lattice_w", "lattice_mean", "lattice_std");

  private final Ops tf;
  private final ModelConfig cfg;
  private final long seed;
  private final boolean randomInit;
  private final Map<String, Variable<TFloat32>> params = new LinkedHashMap<>();
  private int draws, dropouts;

  /** The model's inputs for one pass: group [B], input [B,T], features [B,T,F], next [B,T]. */
  public record Inputs(Operand<TInt32> group, Operand<TInt32> input, Operand<TFloat32> features, Operand<TInt32> next) {}

  /**
   * Head outputs, all [B, T, n]: letter/END logits (28), element logits (118), von Mises
   * mixture log-weights, locations (radians) and concentrations (K each), Gaussian mixture
   * log-weights, means and standard deviations (M each, modelled lattice units).
   */
  public record Heads(
      Operand<TFloat32> letterLogits,
      Operand<TFloat32> elementLogits,
      Operand<TFloat32> coordLogWeights,
      Operand<TFloat32> coordLocations,
      Operand<TFloat32> coordConcentrations,
      Operand<TFloat32> latticeLogWeights,
      Operand<TFloat32> latticeMeans,
      Operand<TFloat32> latticeStds) {}

  /** Targets of the likelihood; names and shapes as in {@link xtal.models.seq.Batch}. */
  public record Targets(
      Operand<TInt32> target,
      Operand<TFloat32> value,
      Operand<TFloat32> jacobian,
      Operand<TFloat32> kind,
      Operand<TFloat32> letterMask,
      Operand<TFloat32> elementMask) {}

  /**
   * Inputs of the step pass, one new position per sequence: group [B], input [B], features [B, F],
   * next [B], the new position's index P (a scalar: the prefix length, the same for the whole
   * batch) and per layer the key and value caches [B, H, C, dh] with C > P rows, of which rows
   * 0..P-1 hold the prefix and the later ones are finite (zeros) and masked.
   */
  public record StepInputs(
      Operand<TInt32> group,
      Operand<TInt32> input,
      Operand<TFloat32> features,
      Operand<TInt32> next,
      Operand<TInt32> position,
      List<? extends Operand<TFloat32>> keys,
      List<? extends Operand<TFloat32>> values) {
    public StepInputs {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }
  }

  /**
   * The step pass: heads for the new position, each [B, n], and per layer the caches with row P
   * set to the new position's keys and values (written in place: see {@link #step}).
   */
  public record Step(Heads heads, List<Operand<TFloat32>> keys, List<Operand<TFloat32>> values) {
    public Step {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }
  }

  /**
   * Creates the variables.
   *
   * @param randomInit true: random initial values from {@code seed} (training); false: zeros, to
   *     be restored from a checkpoint (export)
   */
  public Network(Ops tf, ModelConfig cfg, long seed, boolean randomInit) {
    this.tf = tf;
    this.cfg = cfg;
    this.seed = seed;
    this.randomInit = randomInit;
    int d = cfg.width(), ff = cfg.ffMultiplier() * d;
    float std = 0.02f, resid = (float) (0.02 / Math.sqrt(2.0 * cfg.layers()));
    param("embed/token", std, Layout.INPUT_VOCAB, d);
    param("embed/group", std, 230, d);
    param("embed/next", std, Layout.NEXT_KINDS + 1, d);
    param("embed/position", std, cfg.maxLength(), d);
    param("embed/features", (float) (0.5 / Math.sqrt(Layout.FEATURES)), Layout.FEATURES, d);
    for (int l = 0; l < cfg.layers(); l++) {
      String p = "layer" + l + "/";
      param(p + "ln1/gain", Float.NaN, d);
      param(p + "ln1/bias", 0f, d);
      param(p + "attn/wq", std, d, d);
      param(p + "attn/wk", std, d, d);
      param(p + "attn/wv", std, d, d);
      param(p + "attn/wo", resid, d, d);
      param(p + "ln2/gain", Float.NaN, d);
      param(p + "ln2/bias", 0f, d);
      param(p + "ff/w1", std, d, ff);
      param(p + "ff/b1", 0f, ff);
      param(p + "ff/w2", resid, ff, d);
      param(p + "ff/b2", 0f, d);
    }
    param("final/ln/gain", Float.NaN, d);
    param("final/ln/bias", 0f, d);
    // one linear map per head part (no slicing of a joint output: keeps the graph's gradients simple)
    int[] sizes = headSizes();
    for (int i = 0; i < HEAD_PARTS.size(); i++) {
      param("head/" + HEAD_PARTS.get(i) + "/w", std, d, sizes[i]);
      param("head/" + HEAD_PARTS.get(i) + "/b", 0f, sizes[i]);
    }
  }

  public ModelConfig config() {
    return cfg;
  }

  /** The variables, in creation order, by name. */
  public Map<String, Variable<TFloat32>> parameters() {
    return params;
  }

  /** Number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Variable<TFloat32> v : params.values()) n += v.shape().size();
    return n;
  }

  /** stddev NaN means ones, 0 means zeros. */
  private void param(String name, float stddev, long... dims) {
    Shape shape = Shape.of(dims);
    Operand<TFloat32> init;
    if (!randomInit || stddev == 0f) init = tf.zeros(tf.constant(dims), TFloat32.class);
    else if (Float.isNaN(stddev)) init = tf.ones(tf.constant(dims), TFloat32.class);
    else
      init =
          tf.math.mul(
              tf.random.statelessTruncatedNormal(tf.constant(dims), tf.constant(new long[] {seed, draws++})),
              tf.constant(stddev));
    Variable<TFloat32> v = tf.withName(name.replace('/', '.')).variable(init);
    if (!v.shape().equals(shape)) throw new IllegalStateException(name + " has shape " + v.shape());
    params.put(name, v);
  }

  private Variable<TFloat32> p(String name) {
    return params.get(name);
  }

  // ------------------------------------------------------------------ passes

  /** The whole-sequence pass with causal attention; dropout when training. */
  public Heads full(Inputs in, boolean training) {
    Operand<TInt32> shape = tf.shape(in.input());
    Operand<TInt32> t = tf.gather(shape, tf.constant(1), tf.constant(0));
    Operand<TInt32> positions = tf.range(tf.constant(0), t, tf.constant(1));
    Operand<TFloat32> x = dropout(embed(in, positions), training);
    // causal bias [T, T]: 0 on and below the diagonal, -1e9 above
    Operand<TFloat32> ones = tf.fill(tf.stack(List.of(t, t)), tf.constant(1f));
    Operand<TFloat32> lower = tf.linalg.bandPart(ones, tf.constant(-1), tf.constant(0));
    Operand<TFloat32> bias = tf.math.mul(tf.math.sub(lower, tf.constant(1f)), tf.constant(1e9f));
    for (int l = 0; l < cfg.layers(); l++) {
      String pre = "layer" + l + "/";
      Operand<TFloat32> h = layerNorm(x, pre + "ln1");
      Operand<TFloat32> q = splitHeads(dense(h, p(pre + "attn/wq"), null));
      Operand<TFloat32> k = splitHeads(dense(h, p(pre + "attn/wk"), null));
      Operand<TFloat32> v = splitHeads(dense(h, p(pre + "attn/wv"), null));
      Operand<TFloat32> att = attend(q, k, v, bias);
      x = tf.math.add(x, dropout(dense(mergeHeads(att, x), p(pre + "attn/wo"), null), training));
      x = tf.math.add(x, dropout(feedForward(x, pre), training));
    }
    return heads(x);
  }

  /**
   * One new position per sequence, attending to the cached keys and values of the prefix (no
   * recomputation); numerically the same function as {@link #full} at position P.
   *
   * <p>Built for the cost of a call, which at this model size is dispatch and memory traffic, not
   * arithmetic: activations stay [B, d] (one position, no reshape of leading dimensions), Q/K/V
   * and the eight heads are one matrix product each, and the caches are never copied. The new
   * position's keys and values are written into row P of the fed caches with {@code
   * InplaceUpdate} on a [B·H·C, dh] view (reshapes do not copy), which on CPU writes into the fed
   * buffer and returns it: the returned caches alias the fed ones, so a caller must carry on with
   * the returned caches and never reuse the ones it fed. Attention then runs over all C rows, the
   * rows after P masked exactly as {@link #full} masks later positions (−1e9 before the softmax,
   * so their weight is 0), which reads each cached value once; rows after P must be finite.
   */
  public Step step(StepInputs in) {
    int d = cfg.width(), h = cfg.heads(), dh = cfg.headSize();
    Operand<TInt32> zero = tf.constant(0), one = tf.constant(1);
    Operand<TFloat32> x = tf.gather(p("embed/token"), in.input(), zero);
    x = tf.math.add(x, dense(in.features(), p("embed/features"), null));
    x = tf.math.add(x, tf.gather(p("embed/group"), in.group(), zero));
    x = tf.math.add(x, tf.gather(p("embed/next"), in.next(), zero));
    x = tf.math.add(x, tf.gather(p("embed/position"), in.position(), zero));
    // shared by the layers: the cache shape [B, H, C, dh], the rows b·H·C + h·C + P of the
    // [B·H·C, dh] view that the new position goes to, and the mask of the rows after P
    Operand<TInt32> cacheShape = tf.shape(in.keys().get(0));
    Operand<TInt32> capacity = tf.gather(cacheShape, tf.constant(2), zero);
    Operand<TInt32> lanes = tf.math.mul(tf.gather(cacheShape, zero, zero), tf.constant(h));
    Operand<TInt32> rows = tf.math.add(tf.math.mul(tf.range(zero, lanes, one), capacity), in.position());
    Operand<TFloat32> later = tf.dtypes.cast(tf.math.greater(tf.range(zero, capacity, one), in.position()), TFloat32.class);
    Operand<TFloat32> bias = tf.math.mul(later, tf.constant(-1e9f));
    Operand<TInt32> view = tf.constant(new int[] {-1, dh}), query = tf.constant(new int[] {-1, h, 1, dh});
    Operand<TInt32> flat = tf.constant(new int[] {-1, d});
    Operand<TFloat32> scale = tf.constant((float) (1 / Math.sqrt(dh)));
    List<Operand<TFloat32>> keys = new ArrayList<>(), values = new ArrayList<>();
    for (int l = 0; l < cfg.layers(); l++) {
      String pre = "layer" + l + "/";
      Operand<TFloat32> hn = layerNorm(x, pre + "ln1");
      Operand<TFloat32> w = tf.concat(List.of(p(pre + "attn/wq"), p(pre + "attn/wk"), p(pre + "attn/wv")), one);
      List<Operand<TFloat32>> qkv = split(tf.linalg.matMul(hn, w), d, d, d);
      Operand<TFloat32> k = write(in.keys().get(l), rows, tf.reshape(qkv.get(1), view), cacheShape);
      Operand<TFloat32> v = write(in.values().get(l), rows, tf.reshape(qkv.get(2), view), cacheShape);
      keys.add(k);
      values.add(v);
      // [B, H, 1, C] scores over the whole cache, as full() computes them for one row
      Operand<TFloat32> s = tf.train.batchMatMul(tf.reshape(qkv.get(0), query), k, TFloat32.class, BatchMatMul.adjY(true));
      s = tf.math.add(tf.math.mul(s, scale), bias);
      Operand<TFloat32> att = tf.train.batchMatMul(tf.nn.softmax(s), v, TFloat32.class);
      x = tf.math.add(x, dense(tf.reshape(att, flat), p(pre + "attn/wo"), null));
      x = tf.math.add(x, feedForward(x, pre));
    }
    // the eight heads as one product, then split
    List<Operand<TFloat32>> ws = new ArrayList<>(), bs = new ArrayList<>();
    for (String part : HEAD_PARTS) {
      ws.add(p("head/" + part + "/w"));
      bs.add(p("head/" + part + "/b"));
    }
    Operand<TFloat32> hf = layerNorm(x, "final/ln");
    Operand<TFloat32> all = tf.math.add(tf.linalg.matMul(hf, tf.concat(ws, tf.constant(1))), tf.concat(bs, zero));
    return new Step(heads(split(all, headSizes())), keys, values);
  }

  /** Writes rows [B·H, dh] into row P of a [B, H, C, dh] cache through its [B·H·C, dh] view, in place. */
  private Operand<TFloat32> write(Operand<TFloat32> cache, Operand<TInt32> rows, Operand<TFloat32> row, Operand<TInt32> shape) {
    Operand<TInt32> view = tf.constant(new int[] {-1, cfg.headSize()});
    return tf.reshape(tf.inplaceUpdate(tf.reshape(cache, view), rows, row), shape);
  }

  /** Splits [B, Σ sizes] into [B, size] columns. */
  private List<Operand<TFloat32>> split(Operand<TFloat32> x, int... sizes) {
    return new ArrayList<>(tf.splitV(x, tf.constant(sizes), tf.constant(1), (long) sizes.length).output());
  }

  private Operand<TFloat32> embed(Inputs in, Operand<TInt32> positions) {
    Operand<TInt32> zero = tf.constant(0);
    Operand<TFloat32> x = tf.gather(p("embed/token"), in.input(), zero);
    x = tf.math.add(x, dense(in.features(), p("embed/features"), null));
    x = tf.math.add(x, tf.expandDims(tf.gather(p("embed/group"), in.group(), zero), tf.constant(1)));
    x = tf.math.add(x, tf.gather(p("embed/next"), in.next(), zero));
    return tf.math.add(x, tf.gather(p("embed/position"), positions, zero));
  }

  private Operand<TFloat32> feedForward(Operand<TFloat32> x, String pre) {
    Operand<TFloat32> h = layerNorm(x, pre + "ln2");
    h = gelu(dense(h, p(pre + "ff/w1"), p(pre + "ff/b1")));
    return dense(h, p(pre + "ff/w2"), p(pre + "ff/b2"));
  }

  private Operand<TFloat32> attend(Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v, Operand<TFloat32> bias) {
    Operand<TFloat32> s = tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true));
    s = tf.math.mul(s, tf.constant((float) (1 / Math.sqrt(cfg.headSize()))));
    if (bias != null) s = tf.math.add(s, bias);
    return tf.train.batchMatMul(tf.nn.softmax(s), v, TFloat32.class);
  }

  private Heads heads(Operand<TFloat32> x) {
    Operand<TFloat32> h = layerNorm(x, "final/ln");
    List<Operand<TFloat32>> raw = new ArrayList<>();
    for (String part : HEAD_PARTS) raw.add(dense(h, p("head/" + part + "/w"), p("head/" + part + "/b")));
    return heads(raw);
  }

  /** The heads from the linear maps' outputs, in {@link #HEAD_PARTS} order. */
  private Heads heads(List<Operand<TFloat32>> raw) {
    Operand<TFloat32> cw = logSoftmax(raw.get(2));
    Operand<TFloat32> ckappa = tf.math.exp(clip(raw.get(4), MIN_LOG_KAPPA, MAX_LOG_KAPPA));
    Operand<TFloat32> lw = logSoftmax(raw.get(5));
    Operand<TFloat32> lstd = tf.math.exp(clip(raw.get(7), MIN_LOG_STD, MAX_LOG_STD));
    return new Heads(raw.get(0), raw.get(1), cw, raw.get(3), ckappa, lw, raw.get(6), lstd);
  }

  private int[] headSizes() {
    int k = cfg.coordComponents(), m = cfg.latticeComponents();
    return new int[] {Layout.LETTER_CLASSES, Layout.ELEMENT_CLASSES, k, k, k, m, m, m};
  }

  private Operand<TFloat32> clip(Operand<TFloat32> x, float lo, float hi) {
    return tf.math.minimum(tf.math.maximum(x, tf.constant(lo)), tf.constant(hi));
  }

  // ------------------------------------------------------------------ likelihood

  /**
   * Negative log-likelihood per crystal and token kind, [B, 4] (letter, element, coordinate,
   * lattice), in nats: categorical terms normalised over the allowed classes only (masks added to
   * the logits), coordinates as densities on [0, 1), lattice parameters as densities of the
   * written values (Å, degrees) through the log-Jacobian.
   */
  public Operand<TFloat32> nll(Heads h, Targets t) {
    Operand<TInt32> minus1 = tf.constant(-1);
    Operand<TFloat32> one = tf.constant(1f), zero = tf.constant(0f);
    Operand<TFloat32> letter =
        tf.sum(
            tf.math.mul(
                logSoftmax(tf.math.add(h.letterLogits(), t.letterMask())),
                tf.oneHot(t.target(), tf.constant(Layout.LETTER_CLASSES), one, zero)),
            minus1);
    Operand<TFloat32> element =
        tf.sum(
            tf.math.mul(
                logSoftmax(tf.math.add(h.elementLogits(), t.elementMask())),
                tf.oneHot(t.target(), tf.constant(Layout.ELEMENT_CLASSES), one, zero)),
            minus1);
    // von Mises mixture density of x in [0,1): p(x) = 2π p(θ), θ = 2πx, so the 2π cancels
    Operand<TFloat32> theta = tf.expandDims(tf.math.mul(t.value(), tf.constant((float) (2 * Math.PI))), minus1);
    Operand<TFloat32> kappa = h.coordConcentrations();
    Operand<TFloat32> vm =
        tf.math.add(
            h.coordLogWeights(),
            tf.math.sub(tf.math.mul(kappa, tf.math.cos(tf.math.sub(theta, h.coordLocations()))), logBesselI0(kappa)));
    Operand<TFloat32> coord = logSumExp(vm);
    // Gaussian mixture over the modelled lattice value, plus the log-Jacobian
    Operand<TFloat32> z = tf.math.div(tf.math.sub(tf.expandDims(t.value(), minus1), h.latticeMeans()), h.latticeStds());
    Operand<TFloat32> g =
        tf.math.sub(
            h.latticeLogWeights(),
            tf.math.add(
                tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(z)), tf.math.log(h.latticeStds())),
                tf.constant((float) (0.5 * Math.log(2 * Math.PI)))));
    Operand<TFloat32> lattice = tf.math.add(logSumExp(g), t.jacobian());
    Operand<TFloat32> logp = tf.stack(List.of(letter, element, coord, lattice), org.tensorflow.op.core.Stack.axis(-1L));
    // [B, T, 4] weighted by the one-hot kind of each position, summed over T
    return tf.math.neg(tf.sum(tf.math.mul(logp, t.kind()), tf.constant(1)));
  }

  /** log Σ exp over the last axis, stable (the max is held constant for the gradient). */
  private Operand<TFloat32> logSumExp(Operand<TFloat32> x) {
    return tf.squeeze(logSumExpKeep(x), org.tensorflow.op.core.Squeeze.axis(List.of(-1L)));
  }

  private Operand<TFloat32> logSumExpKeep(Operand<TFloat32> x) {
    Operand<TInt32> last = tf.constant(-1);
    Operand<TFloat32> m = tf.stopGradient(tf.max(x, last, Max.keepDims(true)));
    Operand<TFloat32> s = tf.sum(tf.math.exp(tf.math.sub(x, m)), last, Sum.keepDims(true));
    return tf.math.add(m, tf.math.log(s));
  }

  /**
   * log softmax over the last axis as x − log Σ exp x. Not the LogSoftmax op: the C++ gradient
   * TensorFlow 2.16 registers for it (used by graph-mode {@code tf.gradients}) is wrong —
   * GradientCheckTest caught it — while Exp, Sum and Log differentiate correctly.
   */
  private Operand<TFloat32> logSoftmax(Operand<TFloat32> x) {
    return tf.math.sub(x, logSumExpKeep(x));
  }

  /**
   * ln I0(κ), κ ≥ 0, by the polynomial approximations of Abramowitz &amp; Stegun 9.8.1 (κ &lt; 3.75) and
   * 9.8.2 (κ ≥ 3.75), relative error &lt; 2e-7; built from ops that all have gradients.
   */
  public static Operand<TFloat32> logBesselI0(Ops tf, Operand<TFloat32> kappa) {
    Operand<TFloat32> c = tf.constant(3.75f);
    Operand<TFloat32> t = tf.math.div(tf.math.minimum(kappa, c), c);
    Operand<TFloat32> t2 = tf.math.square(t);
    Operand<TFloat32> small = horner(tf, t2, 1.0f, 3.5156229f, 3.0899424f, 1.2067492f, 0.2659732f, 0.0360768f, 0.0045813f);
    Operand<TFloat32> big = tf.math.maximum(kappa, c);
    Operand<TFloat32> u = tf.math.div(c, big);
    Operand<TFloat32> poly =
        horner(tf, u, 0.39894228f, 0.01328592f, 0.00225319f, -0.00157565f, 0.00916281f, -0.02057706f, 0.02635537f, -0.01647633f, 0.00392377f);
    Operand<TFloat32> large = tf.math.add(tf.math.sub(big, tf.math.mul(tf.constant(0.5f), tf.math.log(big))), tf.math.log(poly));
    // s = 1 below 3.75, 0 above (0.5 exactly at 3.75, where both branches agree)
    Operand<TFloat32> s = tf.math.mul(tf.constant(0.5f), tf.math.add(tf.constant(1f), tf.math.sign(tf.math.sub(c, kappa))));
    return tf.math.add(tf.math.mul(s, tf.math.log(small)), tf.math.mul(tf.math.sub(tf.constant(1f), s), large));
  }

  private Operand<TFloat32> logBesselI0(Operand<TFloat32> kappa) {
    return logBesselI0(tf, kappa);
  }

  private static Operand<TFloat32> horner(Ops tf, Operand<TFloat32> x, float... c) {
    Operand<TFloat32> r = tf.constant(c[c.length - 1]);
    for (int i = c.length - 2; i >= 0; i--) r = tf.math.add(tf.constant(c[i]), tf.math.mul(x, r));
    return r;
  }

  // ------------------------------------------------------------------ building blocks

  /** x [B, T, in] · w [in, out] (+ b) → [B, T, out]; x [B, in] (the step pass) → [B, out]. */
  private Operand<TFloat32> dense(Operand<TFloat32> x, Operand<TFloat32> w, Operand<TFloat32> b) {
    if (x.shape().numDimensions() == 2) {
      Operand<TFloat32> y = tf.linalg.matMul(x, w);
      return b == null ? y : tf.math.add(y, b);
    }
    long in = w.shape().get(0), out = w.shape().get(1);
    Operand<TInt32> lead = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {2}));
    Operand<TFloat32> y = tf.linalg.matMul(tf.reshape(x, tf.constant(new int[] {-1, (int) in})), w);
    if (b != null) y = tf.math.add(y, b);
    return tf.reshape(y, tf.concat(List.of(lead, tf.constant(new int[] {(int) out})), tf.constant(0)));
  }

  private Operand<TFloat32> layerNorm(Operand<TFloat32> x, String name) {
    Operand<TInt32> last = tf.constant(-1);
    Operand<TFloat32> mean = tf.math.mean(x, last, Mean.keepDims(true));
    Operand<TFloat32> xc = tf.math.sub(x, mean);
    Operand<TFloat32> var = tf.math.mean(tf.math.square(xc), last, Mean.keepDims(true));
    Operand<TFloat32> y = tf.math.mul(xc, tf.math.rsqrt(tf.math.add(var, tf.constant(1e-5f))));
    return tf.math.add(tf.math.mul(y, p(name + "/gain")), p(name + "/bias"));
  }

  /** GELU, tanh form. */
  private Operand<TFloat32> gelu(Operand<TFloat32> x) {
    Operand<TFloat32> inner =
        tf.math.mul(
            tf.constant((float) Math.sqrt(2 / Math.PI)),
            tf.math.add(x, tf.math.mul(tf.constant(0.044715f), tf.math.mul(x, tf.math.square(x)))));
    return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
  }

  /** [B, T, d] → [B, H, T, dh]. */
  private Operand<TFloat32> splitHeads(Operand<TFloat32> x) {
    Operand<TInt32> lead = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {2}));
    Operand<TFloat32> r =
        tf.reshape(x, tf.concat(List.of(lead, tf.constant(new int[] {cfg.heads(), cfg.headSize()})), tf.constant(0)));
    return tf.linalg.transpose(r, tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** [B, H, T, dh] → [B, T, d], leading dims taken from {@code like}. */
  private Operand<TFloat32> mergeHeads(Operand<TFloat32> x, Operand<TFloat32> like) {
    Operand<TInt32> lead = tf.slice(tf.shape(like), tf.constant(new int[] {0}), tf.constant(new int[] {2}));
    Operand<TFloat32> r = tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1, 3}));
    return tf.reshape(r, tf.concat(List.of(lead, tf.constant(new int[] {cfg.width()})), tf.constant(0)));
  }

  private Operand<TFloat32> dropout(Operand<TFloat32> x, boolean training) {
    if (!training || cfg.dropout() == 0) return x;
    float keep = (float) (1 - cfg.dropout());
    Operand<TFloat32> u =
        tf.random.randomUniform(tf.shape(x), TFloat32.class, RandomUniform.seed(seed), RandomUniform.seed2((long) ++dropouts));
    Operand<TFloat32> mask = tf.math.floor(tf.math.add(u, tf.constant(keep)));
    return tf.math.mul(x, tf.math.div(mask, tf.constant(keep)));
  }

}
