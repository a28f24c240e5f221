package xtal.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import xtal.model.Layout;
import xtal.model.Signatures;
import xtal.models.export.Exporter;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Batch;
import xtal.models.seq.Encoded;
import xtal.models.seq.Encoder;
import xtal.models.train.Dataset;
import xtal.models.train.Metrics;
import xtal.models.train.Trainer;

/**
 * Trains a tiny model briefly, exports it, and checks the SavedModel: the nll signature matches
 * the trainer, DJL's TensorFlow engine gives the same forward outputs as TF Java, and decoding
 * position by position with the key/value cache reproduces the whole-sequence forward pass.
 */
class ExportTest {
  @TempDir static Path tmp;
  static Path modelDir;
  static Metrics trained;
  static List<Encoded> mini;

  @BeforeAll
  static void trainAndExport() throws Exception {
    mini = Dataset.read(TrainerTest.data("crystals/mini.sentences.csv"), new Encoder(AutomatonMasks.unconstrained())).encoded();
    var cfg = TrainerTest.tiny(tmp, 3);
    modelDir = tmp.resolve("model");
    try (Trainer t = new Trainer(cfg, new PrintWriter(new StringWriter()))) {
      var out = t.run(mini, List.of());
      trained = out.train();
      Exporter.export(cfg.model(), out.checkpoint().toString(), modelDir, Map.of());
    }
  }

  @Test
  void nllSignatureMatchesTrainer() throws Exception {
    try (XtalModel m = XtalModel.load(modelDir)) {
      double[][] nll = m.nll(mini);
      double[] mean = new double[4];
      for (double[] row : nll) for (int k = 0; k < 4; k++) mean[k] += row[k] / nll.length;
      for (int k = 0; k < 4; k++) assertThat(mean[k]).isCloseTo(trained.perKind()[k], org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  /** Forward outputs through TF Java, by output name, flattened. */
  static Map<String, float[]> tfForward(XtalModel m, Batch b) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (String n : Batch.FORWARD_INPUTS) in.put(n, b.tensor(n));
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Result r = m.function("forward").call(in)) {
      for (String name : Signatures.HEAD_OUTPUTS) {
        TFloat32 t = (TFloat32) r.get(name).orElseThrow();
        out.put(name, XtalModel.floats(t, (int) t.shape().size()));
      }
    } finally {
      in.values().forEach(Tensor::close);
    }
    return out;
  }

  @Test
  void djlAgreesWithTensorFlowJava() throws Exception {
    Batch b = Batch.of(mini.subList(0, 5));
    Map<String, float[]> expected;
    try (XtalModel m = XtalModel.load(modelDir)) {
      expected = tfForward(m, b);
    }
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(modelDir)
            .optEngine("TensorFlow")
            .optOption("SignatureDefKey", "forward")
            .build();
    try (ZooModel<NDList, NDList> model = criteria.loadModel();
        Predictor<NDList, NDList> p = model.newPredictor();
        NDManager mgr = NDManager.newBaseManager("TensorFlow")) {
      NDList in = new NDList();
      for (String n : Batch.FORWARD_INPUTS) {
        NDArray a =
            b.ints().containsKey(n)
                ? mgr.create(b.ints().get(n), new Shape(b.shape(n).asArray()))
                : mgr.create(b.floats().get(n), new Shape(b.shape(n).asArray()));
        a.setName(n);
        in.add(a);
      }
      NDList out = p.predict(in);
      assertThat(out).hasSize(Signatures.HEAD_OUTPUTS.size());
      for (String name : Signatures.HEAD_OUTPUTS) {
        NDArray a = out.get(name);
        assertThat(a).as(name).isNotNull();
        float[] got = a.toFloatArray();
        float[] want = expected.get(name);
        assertThat(got.length).isEqualTo(want.length);
        for (int i = 0; i < got.length; i++) assertThat((double) got[i]).as(name + "[" + i + "]").isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  /**
   * Feeds the sequences one position at a time through {@code step}, handing back the caches it
   * returns, and compares every head with {@code forward}. The caches start as garbage (finite,
   * as the signature requires): a row after the new position that leaked into attention, or one
   * the step read before writing it, would change the outputs.
   */
  @Test
  void stepWithCacheReproducesForward() throws Exception {
    List<Encoded> two = List.of(mini.get(0), mini.get(1));
    Batch b = Batch.of(two);
    int n = b.size(), t = b.length(), f = Layout.FEATURES;
    try (XtalModel m = XtalModel.load(modelDir)) {
      Map<String, float[]> full = tfForward(m, b);
      var cfg = m.config();
      long[] cacheShape = {n, cfg.heads(), cfg.maxLength(), cfg.headSize()};
      float[][] caches = new float[2 * cfg.layers()][(int) (cfg.maxLength() * n * cfg.width())];
      java.util.Random garbage = new java.util.Random(7);
      for (float[] c : caches) for (int i = 0; i < c.length; i++) c[i] = 100 * (float) garbage.nextGaussian();
      for (int pos = 0; pos < t; pos++) {
        int[] input = new int[n], next = new int[n];
        float[] feats = new float[n * f];
        for (int i = 0; i < n; i++) {
          input[i] = b.ints().get("input")[i * t + pos];
          next[i] = b.ints().get("next")[i * t + pos];
          System.arraycopy(b.floats().get("features"), (i * t + pos) * f, feats, i * f, f);
        }
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("group", TInt32.tensorOf(org.tensorflow.ndarray.Shape.of(n), DataBuffers.of(b.ints().get("group"))));
        in.put("input", TInt32.tensorOf(org.tensorflow.ndarray.Shape.of(n), DataBuffers.of(input)));
        in.put("next", TInt32.tensorOf(org.tensorflow.ndarray.Shape.of(n), DataBuffers.of(next)));
        in.put("features", TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(n, f), DataBuffers.of(feats)));
        in.put("position", TInt32.scalarOf(pos));
        for (int c = 0; c < caches.length; c++) in.put(cacheName(c, cfg.layers()), TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(cacheShape), DataBuffers.of(caches[c])));
        try (Result r = m.function("step").call(in)) {
          for (int c = 0; c < caches.length; c++) {
            TFloat32 k = (TFloat32) r.get(cacheName(c, cfg.layers())).orElseThrow();
            assertThat(k.shape().asArray()).containsExactly(cacheShape);
            caches[c] = XtalModel.floats(k, caches[c].length);
          }
          for (String name : Signatures.HEAD_OUTPUTS) {
            TFloat32 h = (TFloat32) r.get(name).orElseThrow();
            assertThat(h.shape().numDimensions()).isEqualTo(2);
            int width = (int) h.shape().get(1);
            float[] got = XtalModel.floats(h, n * width);
            float[] want = full.get(name);
            for (int i = 0; i < n; i++)
              for (int c = 0; c < width; c++)
                assertThat((double) got[i * width + c]).as(name + " seq " + i + " pos " + pos)
                    .isCloseTo(want[(i * t + pos) * width + c], org.assertj.core.data.Offset.offset(2e-5));
          }
        } finally {
          in.values().forEach(Tensor::close);
        }
      }
    }
  }

  /** Cache c of the step signature: the layers' keys, then their values. */
  private static String cacheName(int c, int layers) {
    return c < layers ? Signatures.cacheName("keys", c) : Signatures.cacheName("values", c - layers);
  }
}
