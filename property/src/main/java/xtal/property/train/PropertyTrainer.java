package xtal.property.train;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import xtal.model.TensorFlowNatives;
import xtal.property.features.CrystalFeatures;
import xtal.property.features.FeatureBatch;
import xtal.property.nn.NetConfig;
import xtal.property.nn.PropertyNet;
import xtal.property.nn.Standardisation;

/**
 * Trains a {@link PropertyNet} in TensorFlow graph mode: Adam on a loss of the standardised
 * target (Huber by default, robust to long tails; see {@link TrainOptions.Loss}), seeded
 * shuffles, cosine decay of the learning rate, and after every epoch the hold-out MAE, keeping the
 * checkpoint of the best epoch (early stopping without touching the evaluation split).
 */
public final class PropertyTrainer implements AutoCloseable {
  private static final double BETA1 = 0.9, BETA2 = 0.999;

  private final TrainOptions options;
  private final PrintWriter log;
  private final Graph graph = new Graph();
  private final Session session;
  private final PropertyNet net;
  private final Map<String, Placeholder<?>> inputs;
  private final Placeholder<TFloat32> target, lr, beta1Power, beta2Power;
  private final Operand<TFloat32> prediction, loss;
  private final List<Op> updates = new ArrayList<>();

  public PropertyTrainer(TrainOptions options, Standardisation norm, PrintWriter log) {
    TensorFlowNatives.load();
    this.options = options;
    this.log = log;
    Ops tf = Ops.create(graph);
    inputs = placeholders(tf);
    net = new PropertyNet(tf, options.net(), norm, options.seed(), true);
    PropertyNet.Inputs in = inputsOf(inputs);
    Operand<TFloat32> standardised = net.standardised(in);
    prediction = net.value(standardised);
    target = tf.withName("train.target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> y = tf.math.div(tf.math.sub(target, tf.constant((float) norm.targetMean())), tf.constant((float) norm.targetScale()));
    Operand<TFloat32> error = tf.math.sub(standardised, y);
    loss = tf.math.mean(switch (options.loss()) {
      case HUBER -> huber(tf, error);
      case MSE -> tf.math.mul(tf.constant(0.5f), tf.math.square(error));
      case L1 -> tf.math.abs(error);
    }, tf.constant(0));
    List<Variable<TFloat32>> vars = new ArrayList<>(net.parameters().values());
    var grads = tf.gradients(loss, vars);
    lr = tf.withName("train.lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta1Power = tf.withName("train.beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta2Power = tf.withName("train.beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    int i = 0;
    for (Map.Entry<String, Variable<TFloat32>> e : net.parameters().entrySet()) {
      Variable<TFloat32> v = e.getValue();
      Operand<TInt32> dims = tf.constant(toInts(v.shape()));
      String name = "adam." + e.getKey().replace('/', '.');
      Variable<TFloat32> m = tf.withName(name + ".m").variable(tf.zeros(dims, TFloat32.class));
      Variable<TFloat32> s = tf.withName(name + ".v").variable(tf.zeros(dims, TFloat32.class));
      updates.add(tf.train.applyAdam(v, m, s, beta1Power, beta2Power, lr, tf.constant((float) BETA1), tf.constant((float) BETA2),
          tf.constant(1e-8f), grads.<TFloat32>dy(i++)));
    }
    session = new Session(graph);
    session.initialize();
  }

  /** The model's input placeholders, named as {@link FeatureBatch#INPUTS}. */
  static Map<String, Placeholder<?>> placeholders(Ops tf) {
    Map<String, Placeholder<?>> p = new java.util.LinkedHashMap<>();
    p.put("species", tf.withName("species").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1))));
    p.put("weight", tf.withName("weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1))));
    p.put("site", tf.withName("site").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, xtal.property.features.Featurizer.SITE_WIDTH))));
    p.put("pair", tf.withName("pair").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, xtal.property.features.Featurizer.RBF))));
    p.put("cell", tf.withName("cell").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, xtal.property.features.Featurizer.CELL_WIDTH))));
    return p;
  }

  @SuppressWarnings("unchecked")
  static PropertyNet.Inputs inputsOf(Map<String, Placeholder<?>> p) {
    return new PropertyNet.Inputs((Operand<TInt32>) p.get("species"), (Operand<TFloat32>) p.get("weight"), (Operand<TFloat32>) p.get("site"),
        (Operand<TFloat32>) p.get("pair"), (Operand<TFloat32>) p.get("cell"));
  }

  /** Huber loss with δ = 1, elementwise. */
  private static Operand<TFloat32> huber(Ops tf, Operand<TFloat32> e) {
    Operand<TFloat32> a = tf.math.abs(e);
    Operand<TFloat32> q = tf.math.minimum(a, tf.constant(1f));
    return tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(q)), tf.math.sub(a, q));
  }

  /** What a finished run reports. */
  public record Outcome(int epochs, int bestEpoch, double bestHoldoutMae, long steps, double seconds) {}

  /**
   * Trains on {@code train}, selects the epoch by MAE on {@code holdout}, and leaves the session
   * at the best epoch's variables, also saved to {@code checkpointPrefix}.
   */
  public Outcome fit(List<CrystalFeatures> train, double[] y, List<CrystalFeatures> holdout, double[] holdoutY, String checkpointPrefix) {
    long start = System.nanoTime();
    int perEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
    long total = (long) perEpoch * options.epochs(), step = 0;
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = -1, epoch = 0;
    log.printf(Locale.ROOT, "training %,d parameters on %,d crystals (hold-out %,d): %d epochs of %d steps, batch %d%n",
        net.parameterCount(), train.size(), holdout.size(), options.epochs(), perEpoch, options.batchSize());
    Random rnd = new Random(options.seed());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) order.add(i);
    for (epoch = 0; epoch < options.epochs(); epoch++) {
      if ((System.nanoTime() - start) / 60e9 > options.maxMinutes()) {
        log.printf(Locale.ROOT, "time limit of %.1f min reached after %d epochs%n", options.maxMinutes(), epoch);
        break;
      }
      Collections.shuffle(order, rnd);
      double sum = 0;
      for (int b = 0; b < perEpoch; b++) {
        List<Integer> idx = order.subList(b * options.batchSize(), Math.min(train.size(), (b + 1) * options.batchSize()));
        List<CrystalFeatures> batch = new ArrayList<>(idx.size());
        float[] t = new float[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
          batch.add(train.get(idx.get(k)));
          t[k] = (float) y[idx.get(k)];
        }
        sum += step(FeatureBatch.of(batch), t, (float) learningRate(step, total), ++step) * idx.size();
      }
      double mae = Scores.of(predict(holdout), holdoutY).mae();
      if (mae < best) {
        best = mae;
        bestEpoch = epoch + 1;
        session.save(checkpointPrefix);
      }
      if ((epoch + 1) % 10 == 0 || epoch == 0)
        log.printf(Locale.ROOT, "epoch %d  loss %.4f  hold-out MAE %.4f  (best %.4f at %d)  %.0f s%n", epoch + 1, sum / train.size(), mae, best,
            bestEpoch, (System.nanoTime() - start) / 1e9);
      log.flush();
    }
    session.restore(checkpointPrefix);
    return new Outcome(epoch, bestEpoch, best, step, (System.nanoTime() - start) / 1e9);
  }

  /** Short linear warm-up, then cosine decay to 1/100 of the peak at the last step. */
  double learningRate(long step, long total) {
    double peak = options.learningRate(), low = peak / 100;
    long warm = Math.min(100, total / 10);
    if (step < warm) return peak * (step + 1) / warm;
    double p = (double) (step - warm) / Math.max(1, total - warm);
    return low + 0.5 * (peak - low) * (1 + Math.cos(Math.PI * Math.min(1, p)));
  }

  private float step(FeatureBatch batch, float[] y, float rate, long t) {
    List<Tensor> owned = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      feed(r, batch, owned);
      Tensor yT = TFloat32.tensorOf(Shape.of(y.length), DataBuffers.of(y, true, false));
      Tensor lrT = TFloat32.scalarOf(rate), b1 = TFloat32.scalarOf((float) Math.pow(BETA1, t)), b2 = TFloat32.scalarOf((float) Math.pow(BETA2, t));
      owned.addAll(List.of(yT, lrT, b1, b2));
      r.feed(target, yT).feed(lr, lrT).feed(beta1Power, b1).feed(beta2Power, b2).fetch(loss);
      for (Op u : updates) r.addTarget(u);
      try (Result res = r.run()) {
        return ((TFloat32) res.get(0)).getFloat();
      }
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /** Predictions in the target's unit, in batches. */
  public double[] predict(List<CrystalFeatures> crystals) {
    double[] out = new double[crystals.size()];
    for (int i = 0; i < crystals.size(); i += 512) {
      List<CrystalFeatures> part = crystals.subList(i, Math.min(crystals.size(), i + 512));
      List<Tensor> owned = new ArrayList<>();
      try {
        Session.Runner r = session.runner();
        feed(r, FeatureBatch.of(part), owned);
        r.fetch(prediction);
        try (Result res = r.run()) {
          FloatDataBuffer buf = DataBuffers.ofFloats(part.size());
          ((TFloat32) res.get(0)).copyTo(buf);
          for (int k = 0; k < part.size(); k++) out[i + k] = buf.getFloat(k);
        }
      } finally {
        owned.forEach(Tensor::close);
      }
    }
    return out;
  }

  private void feed(Session.Runner r, FeatureBatch b, List<Tensor> owned) {
    Tensor species = TInt32.tensorOf(Shape.of(b.shape("species")), DataBuffers.of(b.species(), true, false));
    Tensor weight = TFloat32.tensorOf(Shape.of(b.shape("weight")), DataBuffers.of(b.weight(), true, false));
    Tensor site = TFloat32.tensorOf(Shape.of(b.shape("site")), DataBuffers.of(b.site(), true, false));
    Tensor pair = TFloat32.tensorOf(Shape.of(b.shape("pair")), DataBuffers.of(b.pair(), true, false));
    Tensor cell = TFloat32.tensorOf(Shape.of(b.shape("cell")), DataBuffers.of(b.cell(), true, false));
    owned.addAll(List.of(species, weight, site, pair, cell));
    r.feed(inputs.get("species"), species).feed(inputs.get("weight"), weight).feed(inputs.get("site"), site)
        .feed(inputs.get("pair"), pair).feed(inputs.get("cell"), cell);
  }

  public long parameterCount() {
    return net.parameterCount();
  }

  private static int[] toInts(Shape s) {
    int[] r = new int[s.numDimensions()];
    for (int i = 0; i < r.length; i++) r[i] = (int) s.get(i);
    return r;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
