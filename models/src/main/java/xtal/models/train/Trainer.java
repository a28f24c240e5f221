package xtal.models.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
import xtal.model.Layout;
import xtal.model.TensorFlowNatives;
import xtal.models.nn.Network;
import xtal.models.nn.Placeholders;
import xtal.models.seq.Batch;
import xtal.models.seq.Encoded;

/**
 * Trains the {@link Network} in TensorFlow graph mode: Adam with global-norm gradient clipping,
 * dropout, linear warm-up then cosine decay of the learning rate, periodic validation, and
 * checkpoints (variables, Adam moments and the position in the data) from which an interrupted run
 * resumes exactly where it stopped.
 *
 * <p>The loss is the exact negative log-likelihood per crystal under the masked distribution (see
 * {@link Network#nll}); batches group crystals of similar length to waste little on padding.
 */
public final class Trainer implements AutoCloseable {
  private final TrainConfig cfg;
  private final PrintWriter log;
  private final Graph graph;
  private final Session session;
  private final Network net;
  private final Placeholders ph;
  private final Operand<TFloat32> loss, trainNll, evalNll;
  private final Placeholder<TFloat32> lr, beta1Power, beta2Power;
  private final List<Op> updates = new ArrayList<>();
  private final Operand<TFloat32> gradNorm;
  private static final double BETA1 = 0.9, BETA2 = 0.999;

  /** Builds the training graph and a session with freshly initialised variables. */
  public Trainer(TrainConfig cfg, PrintWriter log) {
    TensorFlowNatives.load();
    this.cfg = cfg;
    this.log = log;
    graph = new Graph();
    Ops tf = Ops.create(graph);
    ph = Placeholders.create(tf, "");
    net = new Network(tf, cfg.model(), cfg.seed(), true);
    trainNll = net.nll(net.full(ph.inputs(), true), ph.targets());
    evalNll = tf.withName("eval_nll").identity(net.nll(net.full(ph.inputs(), false), ph.targets()));
    Operand<TFloat32> batch = tf.dtypes.cast(tf.gather(tf.shape(ph.group()), tf.constant(0), tf.constant(0)), TFloat32.class);
    loss = tf.math.div(tf.sum(trainNll, tf.constant(new int[] {0, 1})), batch);

    List<Variable<TFloat32>> vars = new ArrayList<>(net.parameters().values());
    var grads = tf.gradients(loss, vars);
    List<Operand<TFloat32>> squares = new ArrayList<>();
    List<Operand<TFloat32>> g = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Operand<TFloat32> gi = grads.<TFloat32>dy(i);
      g.add(gi);
      squares.add(tf.sum(tf.math.square(tf.reshape(gi, tf.constant(new int[] {-1}))), tf.constant(0)));
    }
    gradNorm = tf.math.sqrt(tf.math.addN(squares));
    Operand<TFloat32> clip = tf.constant((float) cfg.clipNorm());
    Operand<TFloat32> scale = tf.math.div(clip, tf.math.maximum(gradNorm, clip));
    lr = tf.withName("train.lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta1Power = tf.withName("train.beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta2Power = tf.withName("train.beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    int i = 0;
    for (Map.Entry<String, Variable<TFloat32>> e : net.parameters().entrySet()) {
      Variable<TFloat32> v = e.getValue();
      Operand<TInt32> dims = tf.constant(toInts(v.shape()));
      Variable<TFloat32> m = tf.withName("adam." + e.getKey().replace('/', '.') + ".m").variable(tf.zeros(dims, TFloat32.class));
      Variable<TFloat32> s = tf.withName("adam." + e.getKey().replace('/', '.') + ".v").variable(tf.zeros(dims, TFloat32.class));
      updates.add(
          tf.train.applyAdam(
              v, m, s, beta1Power, beta2Power, lr, tf.constant((float) BETA1), tf.constant((float) BETA2), tf.constant(1e-8f), tf.math.mul(g.get(i++), scale)));
    }
    session = new Session(graph);
  }

  private static int[] toInts(Shape s) {
    int[] r = new int[s.numDimensions()];
    for (int i = 0; i < r.length; i++) r[i] = (int) s.get(i);
    return r;
  }

  /** Gives every variable its initial value (a fresh run); {@link #run} does this itself. */
  public void initialize() {
    session.initialize();
  }

  public Network network() {
    return net;
  }

  /** What a finished run reports. */
  public record Outcome(long steps, double seconds, double crystalsPerSecond, Metrics train, Metrics validation, Path checkpoint) {}

  /** Persistent run state beside the checkpoint. */
  record State(String config, long step, double seconds, long crystalsSeen) {}

  /**
   * Trains until the planned epochs are done or {@code maxMinutes} have passed (counting earlier
   * sessions of a resumed run), then evaluates train and validation NLL and writes a final
   * checkpoint.
   */
  public Outcome run(List<Encoded> train, List<Encoded> validation) throws IOException {
    Path work = Path.of(cfg.workDir());
    Path ckptDir = work.resolve("checkpoint");
    Path statePath = work.resolve("state.json");
    Files.createDirectories(ckptDir);
    String prefix = ckptDir.resolve("model").toString();
    State state = new State(cfg.toJson(), 0, 0, 0);
    if (Files.exists(statePath)) {
      State old = TrainConfig.JSON.readValue(statePath.toFile(), State.class);
      if (!old.config().equals(state.config()))
        throw new IllegalArgumentException(statePath + ": the work directory holds a run of another configuration; remove it or pick another workDir");
      session.restore(prefix);
      state = old;
      log.printf(Locale.ROOT, "resuming at step %d (%.1f min done)%n", state.step(), state.seconds() / 60);
    } else {
      session.initialize();
    }

    int perEpoch = (train.size() + cfg.batchSize() - 1) / cfg.batchSize();
    long total = Math.max(1, Math.round(cfg.epochs() * perEpoch));
    double limit = cfg.maxMinutes() * 60;
    log.printf(Locale.ROOT, "training %,d parameters on %,d crystals (validation %,d): %d steps of %d, %.1f epochs, limit %.0f min%n",
        net.parameterCount(), train.size(), validation.size(), total, cfg.batchSize(), cfg.epochs(), cfg.maxMinutes());
    long step = state.step(), seen = state.crystalsSeen();
    double before = state.seconds();
    long startNanos = System.nanoTime();
    Metrics.Sum window = new Metrics.Sum();
    Metrics lastVal = null;
    int epoch = -1;
    List<List<Encoded>> batches = null;
    while (step < total) {
      double elapsed = before + (System.nanoTime() - startNanos) / 1e9;
      if (elapsed >= limit) {
        log.printf(Locale.ROOT, "%ntime limit reached at step %d%n", step);
        break;
      }
      int e = (int) (step / perEpoch);
      if (e != epoch) {
        epoch = e;
        batches = batches(train, cfg.batchSize(), cfg.seed() + e);
      }
      List<Encoded> b = batches.get((int) (step % perEpoch));
      float rate = (float) learningRate(step, total);
      float[] nll = trainStep(Batch.of(b), rate, step + 1);
      window.add(nll, b.size());
      seen += b.size();
      step++;
      double now = before + (System.nanoTime() - startNanos) / 1e9;
      if (step % 10 == 0 || step == total) {
        progress(step, total, epoch, window.mean(), rate, (seen - state.crystalsSeen()) / Math.max(1e-9, now - before), now, limit);
        window = new Metrics.Sum();
      }
      if (step % cfg.checkpointEvery() == 0) save(prefix, statePath, new State(state.config(), step, now, seen));
      if (step % cfg.validateEvery() == 0) {
        lastVal = evaluate(validation);
        log.printf(Locale.ROOT, "%nstep %d validation NLL/crystal %s%n", step, lastVal.format());
      }
    }
    double seconds = before + (System.nanoTime() - startNanos) / 1e9;
    save(prefix, statePath, new State(state.config(), step, seconds, seen));
    log.println();
    Metrics trainM = evaluate(train);
    Metrics valM = validation.isEmpty() ? null : evaluate(validation);
    log.printf(Locale.ROOT, "final train NLL/crystal %s%n", trainM.format());
    if (valM != null) log.printf(Locale.ROOT, "final validation NLL/crystal %s%n", valM.format());
    // over the whole run, earlier sessions of a resumed run included (validation passes count as time)
    double rate = seen / Math.max(1e-9, seconds);
    return new Outcome(step, seconds, rate, trainM, valM, Path.of(prefix));
  }

  private void save(String prefix, Path statePath, State s) throws IOException {
    session.save(prefix);
    Path tmp = statePath.resolveSibling("state.json.tmp");
    Files.writeString(tmp, TrainConfig.JSON.writeValueAsString(s), StandardCharsets.UTF_8);
    Files.move(tmp, statePath, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Warm-up from 0 to the peak, then cosine to the minimum at the last planned step. */
  double learningRate(long step, long total) {
    double peak = cfg.learningRate(), low = cfg.minLearningRate();
    if (step < cfg.warmupSteps()) return peak * (step + 1) / cfg.warmupSteps();
    double p = (double) (step - cfg.warmupSteps()) / Math.max(1, total - cfg.warmupSteps());
    return low + 0.5 * (peak - low) * (1 + Math.cos(Math.PI * Math.min(1, p)));
  }

  /** One Adam step; returns the batch's NLL per crystal and kind, [B*4]. */
  public float[] trainStep(Batch batch, float rate, long t) {
    List<Tensor> owned = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      feed(r, batch, owned);
      Tensor lrT = TFloat32.scalarOf(rate), b1 = TFloat32.scalarOf((float) Math.pow(BETA1, t)), b2 = TFloat32.scalarOf((float) Math.pow(BETA2, t));
      owned.add(lrT);
      owned.add(b1);
      owned.add(b2);
      r.feed(lr, lrT).feed(beta1Power, b1).feed(beta2Power, b2).fetch(trainNll);
      for (Op u : updates) r.addTarget(u);
      try (Result res = r.run()) {
        return floats((TFloat32) res.get(0), batch.size() * Layout.KINDS.size());
      }
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /** NLL per crystal and kind without dropout, [B*4]. */
  public float[] evaluateBatch(Batch batch) {
    List<Tensor> owned = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      feed(r, batch, owned);
      r.fetch(evalNll);
      try (Result res = r.run()) {
        return floats((TFloat32) res.get(0), batch.size() * Layout.KINDS.size());
      }
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /** Mean NLL over a set, in batches of similar length. */
  public Metrics evaluate(List<Encoded> set) {
    Metrics.Sum sum = new Metrics.Sum();
    List<Encoded> sorted = new ArrayList<>(set);
    sorted.sort(Comparator.comparingInt(Encoded::length));
    for (int i = 0; i < sorted.size(); i += 256) {
      List<Encoded> b = sorted.subList(i, Math.min(sorted.size(), i + 256));
      sum.add(evaluateBatch(Batch.of(b)), b.size());
    }
    return sum.mean();
  }

  /** Saves the variables to a checkpoint prefix. */
  public void saveCheckpoint(String prefix) {
    session.save(prefix);
  }

  private void feed(Session.Runner r, Batch batch, List<Tensor> owned) {
    for (String name : Batch.FORWARD_INPUTS) feedOne(r, batch, name, owned);
    for (String name : Batch.TARGET_INPUTS) feedOne(r, batch, name, owned);
  }

  private void feedOne(Session.Runner r, Batch batch, String name, List<Tensor> owned) {
    Tensor t = batch.tensor(name);
    owned.add(t);
    r.feed(ph.byName(name), t);
  }

  static float[] floats(TFloat32 t, int n) {
    FloatDataBuffer buf = DataBuffers.ofFloats(n);
    t.copyTo(buf);
    float[] out = new float[n];
    buf.read(out);
    return out;
  }

  /**
   * One epoch's batches: a seeded shuffle, then within chunks of 32 batches crystals sorted by
   * length (little padding), then the batch order shuffled again.
   */
  public static List<List<Encoded>> batches(List<Encoded> data, int size, long seed) {
    Random rnd = new Random(seed);
    List<Encoded> order = new ArrayList<>(data);
    Collections.shuffle(order, rnd);
    List<List<Encoded>> out = new ArrayList<>();
    int chunk = size * 32;
    for (int c = 0; c < order.size(); c += chunk) {
      List<Encoded> part = new ArrayList<>(order.subList(c, Math.min(order.size(), c + chunk)));
      part.sort(Comparator.comparingInt(Encoded::length));
      for (int i = 0; i < part.size(); i += size) out.add(List.copyOf(part.subList(i, Math.min(part.size(), i + size))));
    }
    Collections.shuffle(out, rnd);
    return out;
  }


  private void progress(long step, long total, int epoch, Metrics m, float rate, double perSecond, double now, double limit) {
    int width = 24, done = (int) (width * step / total);
    double eta = (total - step) * (now / Math.max(1, step));
    log.printf(Locale.ROOT, "\r[%s%s] step %d/%d epoch %d  loss %s  lr %.2e  %.0f crystals/s  %s elapsed, eta %s ",
        "#".repeat(done), ".".repeat(width - done), step, total, epoch + 1, m.format(), rate, perSecond, minutes(now), minutes(Math.min(eta, limit - now)));
    log.flush();
  }

  private static String minutes(double s) {
    return String.format(Locale.ROOT, "%d:%02d", (long) s / 60, (long) s % 60);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
