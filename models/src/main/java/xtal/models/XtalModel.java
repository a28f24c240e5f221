package xtal.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import xtal.model.Layout;
import xtal.model.ModelConfig;
import xtal.model.ModelDescription;
import xtal.model.Signatures;
import xtal.model.TensorFlowNatives;
import xtal.models.seq.Batch;
import xtal.models.seq.Encoded;

/**
 * A trained model loaded from its directory (SavedModel + {@code model.json}) through TensorFlow
 * Java: likelihoods for scoring and the raw signatures for tests. Any directory with the same
 * layout works, so bigger models trained elsewhere drop in by path.
 */
public final class XtalModel implements AutoCloseable {
  private final Path dir;
  private final ModelConfig config;
  private final SavedModelBundle bundle;

  private XtalModel(Path dir, ModelConfig config, SavedModelBundle bundle) {
    this.dir = dir;
    this.config = config;
    this.bundle = bundle;
  }

  /**
   * Loads a model directory.
   *
   * @throws IOException naming the directory when it is no model directory
   */
  public static XtalModel load(Path dir) throws IOException {
    ModelDescription.requireModelDirectory(dir);
    ModelConfig cfg = ModelDescription.read(dir).config();
    TensorFlowNatives.load();
    return new XtalModel(dir, cfg, SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG));
  }

  /** The default model location (see {@link ModelDescription#defaultDirectory()}). */
  public static Path defaultDirectory() {
    return ModelDescription.defaultDirectory();
  }

  public Path directory() {
    return dir;
  }

  public ModelConfig config() {
    return config;
  }

  /** A signature ({@code forward}, {@code step}, {@code nll}). */
  public SessionFunction function(String name) {
    return bundle.function(name);
  }

  /**
   * Negative log-likelihood of each crystal by token kind, in input order: {@code [n][4]} nats.
   * Evaluated in batches of similar length.
   */
  public double[][] nll(List<Encoded> crystals) {
    double[][] out = new double[crystals.size()][];
    Integer[] order = new Integer[crystals.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, Comparator.comparingInt(i -> crystals.get(i).length()));
    int k = Layout.KINDS.size();
    for (int s = 0; s < order.length; s += 256) {
      List<Encoded> b = new ArrayList<>();
      for (int i = s; i < Math.min(order.length, s + 256); i++) b.add(crystals.get(order[i]));
      float[] v = nllBatch(Batch.of(b));
      for (int i = 0; i < b.size(); i++) {
        double[] row = new double[k];
        for (int j = 0; j < k; j++) row[j] = v[i * k + j];
        out[order[s + i]] = row;
      }
    }
    return out;
  }

  /** The {@code nll} signature on one batch: [B*4]. */
  public float[] nllBatch(Batch batch) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    try {
      for (String n : Batch.FORWARD_INPUTS) in.put(n, batch.tensor(n));
      for (String n : Batch.TARGET_INPUTS) in.put(n, batch.tensor(n));
      try (Result r = bundle.function(Signatures.NLL).call(in)) {
        return floats((TFloat32) r.get("nll").orElseThrow(), batch.size() * Layout.KINDS.size());
      }
    } finally {
      in.values().forEach(Tensor::close);
    }
  }

  /** Copies a float tensor of n values out. */
  public static float[] floats(TFloat32 t, int n) {
    FloatDataBuffer buf = DataBuffers.ofFloats(n);
    t.copyTo(buf);
    float[] out = new float[n];
    buf.read(out);
    return out;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
