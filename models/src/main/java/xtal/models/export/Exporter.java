package xtal.models.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import xtal.models.engine.TensorFlowNatives;
import xtal.models.nn.ModelConfig;
import xtal.models.nn.Network;
import xtal.models.nn.Placeholders;

/**
 * Writes a trained network as a TensorFlow SavedModel with three signatures, plus {@code
 * model.json} describing them (see {@link ModelDescription}):
 *
 * <ul>
 *   <li>{@code forward}: group [B], input [B,T], features [B,T,F], next [B,T] → the heads at every
 *       position ({@link #HEAD_OUTPUTS}, each [B,T,n]);
 *   <li>{@code step}: the same inputs for one new position ([B,1,…]) plus cache_keys and
 *       cache_values [L,B,H,P,dh] of the prefix → the heads for that position and the caches
 *       [L,B,H,P+1,dh];
 *   <li>{@code nll}: the forward inputs plus target, value, jacobian, kind, letter_mask,
 *       element_mask → nll [B,4], the negative log-likelihood per crystal and token kind.
 * </ul>
 *
 * The export graph holds only these passes (no optimiser state, no dropout); its variables are
 * restored from the training checkpoint by name.
 */
public final class Exporter {
  private Exporter() {}

  /** Names of the head outputs, in {@link Network.Heads} order. */
  public static final List<String> HEAD_OUTPUTS =
      List.of("letter_logits", "element_logits", "coord_log_weights", "coord_locations", "coord_concentrations",
          "lattice_log_weights", "lattice_means", "lattice_stds");

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

      Placeholders one = Placeholders.create(tf, "step.");
      Placeholder<TFloat32> cacheK =
          tf.withName("step.cache_keys").placeholder(TFloat32.class, Placeholder.shape(Shape.of(model.layers(), -1, model.heads(), -1, model.headSize())));
      Placeholder<TFloat32> cacheV =
          tf.withName("step.cache_values").placeholder(TFloat32.class, Placeholder.shape(Shape.of(model.layers(), -1, model.heads(), -1, model.headSize())));
      Network.Step step = net.step(one.inputs(), cacheK, cacheV);

      Signature.Builder fwd = inputs(Signature.builder("forward"), full);
      outputs(tf, fwd, heads, "forward.");
      Signature.Builder stp = inputs(Signature.builder("step"), one).input("cache_keys", cacheK).input("cache_values", cacheV);
      outputs(tf, stp, step.heads(), "step.out.");
      stp.output("cache_keys", tf.withName("step.out.cache_keys").identity(step.keys()));
      stp.output("cache_values", tf.withName("step.out.cache_values").identity(step.values()));
      Signature.Builder nl = inputs(Signature.builder("nll"), full);
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
      ModelDescription.write(dir.resolve("model.json"), model, net.parameterCount(), extra);
    }
  }

  private static Signature.Builder inputs(Signature.Builder b, Placeholders p) {
    return b.input("group", p.group()).input("input", p.input()).input("features", p.features()).input("next", p.next());
  }

  private static void outputs(Ops tf, Signature.Builder b, Network.Heads h, String prefix) {
    List<Operand<TFloat32>> all =
        List.of(h.letterLogits(), h.elementLogits(), h.coordLogWeights(), h.coordLocations(), h.coordConcentrations(),
            h.latticeLogWeights(), h.latticeMeans(), h.latticeStds());
    for (int i = 0; i < all.size(); i++) b.output(HEAD_OUTPUTS.get(i), tf.withName(prefix + HEAD_OUTPUTS.get(i)).identity(all.get(i)));
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
