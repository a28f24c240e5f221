package xtal.property.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import xtal.model.TensorFlowNatives;
import xtal.property.PropertyModel;
import xtal.property.nn.NetConfig;
import xtal.property.nn.PropertyNet;
import xtal.property.nn.Standardisation;

/**
 * Writes a trained property net as a TensorFlow SavedModel with one signature, {@value
 * PropertyModel#SIGNATURE}: the inputs of {@link xtal.property.features.FeatureBatch#INPUTS} → {@code
 * value} [B] in the target's unit. The export graph holds only the prediction pass; its variables
 * are restored from the training checkpoint by name.
 */
public final class PropertyExporter {
  private PropertyExporter() {}

  public static void export(NetConfig cfg, Standardisation norm, String checkpointPrefix, Path dir) throws IOException {
    TensorFlowNatives.load();
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("saved_model.pb"));
    deleteTree(dir.resolve("variables"));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Placeholder<?>> in = PropertyTrainer.placeholders(tf);
      PropertyNet net = new PropertyNet(tf, cfg, norm, 0, false);
      Operand<TFloat32> value = tf.withName("value").identity(net.value(net.standardised(PropertyTrainer.inputsOf(in))));
      Signature.Builder sig = Signature.builder(PropertyModel.SIGNATURE);
      in.forEach(sig::input);
      sig.output("value", value);
      try (Session s = new Session(g)) {
        s.restore(checkpointPrefix);
        SavedModelBundle.exporter(dir.toString()).withSession(s).withFunction(SessionFunction.create(sig.build(), s)).export();
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
