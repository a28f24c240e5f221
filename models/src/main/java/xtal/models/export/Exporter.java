package xtal.models.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import xtal.model.Layout;
import xtal.model.ModelConfig;
import xtal.model.ModelDescription;
import xtal.model.Signatures;
import xtal.model.TensorFlowNatives;
import xtal.models.nn.Network;
import xtal.models.nn.Placeholders;

/**
 * Writes a trained network as a TensorFlow SavedModel with three signatures, plus {@code
 * model.json} describing them (see {@link ModelDescriptionWriter}):
 *
 * <ul>
 *   <li>{@code forward}: group [B], input [B,T], features [B,T,F], next [B,T] → the heads at every
 *       position ({@link Signatures#HEAD_OUTPUTS}, each [B,T,n]);
 *   <li>{@code step}: the same inputs for one new position ([B], features [B,F]), its index
 *       {@code position} = P and per layer l the caches {@code cache_keys_l}, {@code
 *       cache_values_l} [B,H,C,dh] (C > P rows, rows 0..P-1 the prefix) → the heads for that
 *       position (each [B,n]) and the caches with row P written (in place, see {@link
 *       Network#step});
 *   <li>{@code nll}: the forward inputs plus target, value, jacobian, kind, letter_mask,
 *       element_mask → nll [B,4], the negative log-likelihood per crystal and token kind.
 * </ul>
 *
 * The export graph holds only these passes (no optimiser state, no dropout); its variables are
 * restored from the training checkpoint by name.
 */
public final class Exporter {
  private Exporter() {}

  /** Exports the checkpoint at {@code prefix} to {@code dir} (replaced if it exists). */
  public static void export(ModelConfig model, String checkpointPrefix, Path dir, Map<String, Object> extra) throws IOException {
    TensorFlowNatives.load();
    if (Files.exists(dir.resolve("saved_model.pb"))) Files.delete(dir.resolve("saved_model.pb"));
    deleteTree(dir.resolve("variables"));
    Files.createDirectories(dir);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, model, 0, false);
      Placeholders full = Placeholders.create(tf, "");
      Network.Heads heads = net.full(full.inputs(), false);
      Operand<TFloat32> nll = net.nll(heads, full.targets());

      Network.StepInputs one = stepPlaceholders(tf, model);
      Network.Step step = net.step(one);

      Signature.Builder fwd = inputs(Signature.builder(Signatures.FORWARD), full);
      outputs(tf, fwd, heads, "forward.");
      Signature.Builder stp =
          Signature.builder(Signatures.STEP)
              .input("group", one.group())
              .input("input", one.input())
              .input("features", one.features())
              .input("next", one.next())
              .input("position", one.position());
      for (int l = 0; l < model.layers(); l++) {
        stp.input(Signatures.cacheName("keys", l), one.keys().get(l)).input(Signatures.cacheName("values", l), one.values().get(l));
        stp.output(Signatures.cacheName("keys", l), tf.withName("step.out." + Signatures.cacheName("keys", l)).identity(step.keys().get(l)));
        stp.output(Signatures.cacheName("values", l), tf.withName("step.out." + Signatures.cacheName("values", l)).identity(step.values().get(l)));
      }
      outputs(tf, stp, step.heads(), "step.out.");
      Signature.Builder nl = inputs(Signature.builder(Signatures.NLL), full);
      for (String n : xtal.models.seq.Batch.TARGET_INPUTS) nl.input(n, full.byName(n));
      nl.output("nll", tf.withName("nll.out").identity(nll));

      try (Session s = new Session(g)) {
        s.restore(checkpointPrefix);
        SavedModelBundle.exporter(dir.toString())
            .withSession(s)
            .withFunction(SessionFunction.create(fwd.build(), s))
            .withFunction(SessionFunction.create(stp.build(), s))
            .withFunction(SessionFunction.create(nl.build(), s))
            .export();
      }
      ModelDescriptionWriter.write(dir.resolve("model.json"), model, net.parameterCount(), extra);
    }
  }

  /**
   * Re-exports a model directory from its own variables with this version's graphs: the weights
   * and the entries of model.json that training wrote (record, metrics, group prior) stay as they
   * are, so only the graph and the signatures' descriptions can change.
   */
  public static void reexport(Path dir) throws IOException {
    ModelConfig cfg = ModelDescription.read(dir).config();
    Map<String, Object> extra = ModelDescriptionWriter.extra(dir);
    Path tmp = Files.createTempDirectory("xtal-reexport");
    try {
      // export() replaces dir/variables, so restore from a copy
      try (var files = Files.list(dir.resolve("variables"))) {
        for (Path f : files.toList()) Files.copy(f, tmp.resolve(f.getFileName().toString()));
      }
      export(cfg, tmp.resolve("variables").toString(), dir, extra);
    } finally {
      deleteTree(tmp);
    }
  }

  /** {@code Exporter MODEL_DIR}: {@link #reexport}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Exporter MODEL_DIR   (re-exports the model from its own variables)");
      System.exit(64);
    }
    reexport(Path.of(args[0]));
  }

  /** group [B], input [B], features [B,F], next [B], position [] and the caches [B,H,C,dh] per layer. */
  private static Network.StepInputs stepPlaceholders(Ops tf, ModelConfig model) {
    Shape cache = Shape.of(-1, model.heads(), -1, model.headSize());
    List<Placeholder<TFloat32>> keys = new ArrayList<>(), values = new ArrayList<>();
    for (int l = 0; l < model.layers(); l++) {
      keys.add(tf.withName("step." + Signatures.cacheName("keys", l)).placeholder(TFloat32.class, Placeholder.shape(cache)));
      values.add(tf.withName("step." + Signatures.cacheName("values", l)).placeholder(TFloat32.class, Placeholder.shape(cache)));
    }
    return new Network.StepInputs(
        tf.withName("step.group").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))),
        tf.withName("step.input").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))),
        tf.withName("step.features").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, Layout.FEATURES))),
        tf.withName("step.next").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))),
        tf.withName("step.position").placeholder(TInt32.class, Placeholder.shape(Shape.scalar())),
        keys,
        values);
  }

  private static Signature.Builder inputs(Signature.Builder b, Placeholders p) {
    return b.input("group", p.group()).input("input", p.input()).input("features", p.features()).input("next", p.next());
  }

  private static void outputs(Ops tf, Signature.Builder b, Network.Heads h, String prefix) {
    List<Operand<TFloat32>> all =
        List.of(h.letterLogits(), h.elementLogits(), h.coordLogWeights(), h.coordLocations(), h.coordConcentrations(),
            h.latticeLogWeights(), h.latticeMeans(), h.latticeStds());
    for (int i = 0; i < all.size(); i++) b.output(Signatures.HEAD_OUTPUTS.get(i), tf.withName(prefix + Signatures.HEAD_OUTPUTS.get(i)).identity(all.get(i)));
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
