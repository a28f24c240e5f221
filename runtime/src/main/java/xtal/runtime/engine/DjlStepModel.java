package xtal.runtime.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import xtal.models.engine.TensorFlowNatives;
import xtal.models.export.ModelDescription;
import xtal.models.nn.ModelConfig;
import xtal.models.seq.Layout;
import xtal.runtime.decode.HeadOutputs;
import xtal.runtime.decode.StepModel;

/**
 * The model's {@code step} signature (or {@code forward}, to measure what the cache saves) run
 * through DJL's TensorFlow engine. This class only converts arrays to tensors and back (DJL's
 * Translator idea); the decoder owns the search.
 *
 * <p>{@code step} inputs: group int32 [B], input int32 [B,1], features float32 [B,1,F], next
 * int32 [B,1], cache_keys/cache_values float32 [layers,B,heads,P,headSize]; outputs: the eight
 * heads [B,1,n] and the caches grown to P+1. The caches stay native between steps.
 */
public final class DjlStepModel implements StepModel {
  private final ZooModel<NDList, NDList> model;
  private final ModelConfig config;
  private final boolean cached;

  private DjlStepModel(ZooModel<NDList, NDList> model, ModelConfig config, boolean cached) {
    this.model = model;
    this.config = config;
    this.cached = cached;
  }

  /**
   * Loads a model directory (SavedModel + model.json).
   *
   * @param cached true: the incremental {@code step} signature with its key/value cache; false:
   *     the whole-sequence {@code forward} signature, re-run over the prefix at every step (for
   *     benchmarks and as a cross-check)
   * @throws IOException naming the directory when it is not a loadable model
   */
  public static DjlStepModel load(Path dir, boolean cached) throws IOException {
    ModelConfig cfg = ModelDescription.readConfig(dir);
    TensorFlowNatives.load();
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(dir)
            .optEngine("TensorFlow")
            .optOption("SignatureDefKey", cached ? "step" : "forward")
            .build();
    try {
      return new DjlStepModel(criteria.loadModel(), cfg, cached);
    } catch (ModelNotFoundException | MalformedModelException e) {
      throw new IOException(dir + ": cannot load the model through DJL: " + e.getMessage(), e);
    }
  }

  /** The device DJL's engine runs on, e.g. {@code cpu()} or {@code gpu(0)}. */
  public static Device device() {
    TensorFlowNatives.load();
    return ai.djl.engine.Engine.getEngine("TensorFlow").defaultDevice();
  }

  public ModelConfig config() {
    return config;
  }

  @Override
  public int coordComponents() {
    return config.coordComponents();
  }

  @Override
  public int latticeComponents() {
    return config.latticeComponents();
  }

  @Override
  public Session start(int[] groups) {
    return cached ? new CachedSession(groups) : new RecomputingSession(groups);
  }

  @Override
  public void close() {
    model.close();
  }

  private abstract class BaseSession implements Session {
    final int[] groups;
    final int batch;
    final NDManager manager = NDManager.newBaseManager("TensorFlow");
    final Predictor<NDList, NDList> predictor = model.newPredictor();

    BaseSession(int[] groups) {
      this.groups = groups.clone();
      this.batch = groups.length;
    }

    NDList predict(NDList in) {
      try {
        return predictor.predict(in);
      } catch (TranslateException e) {
        throw new IllegalStateException("model step failed: " + e.getMessage(), e);
      }
    }

    NDArray groupArray(NDManager m) {
      int[] g = new int[batch];
      for (int i = 0; i < batch; i++) g[i] = groups[i] - 1;
      return named(m.create(g, new Shape(batch)), "group");
    }

    /** Copies the heads at sequence position {@code t} of outputs shaped [B,T,n]. */
    HeadOutputs heads(NDList out, int t) {
      return new HeadOutputs(
          batch,
          slice(out, "letter_logits", t),
          slice(out, "element_logits", t),
          slice(out, "coord_log_weights", t),
          slice(out, "coord_locations", t),
          slice(out, "coord_concentrations", t),
          slice(out, "lattice_log_weights", t),
          slice(out, "lattice_means", t),
          slice(out, "lattice_stds", t));
    }

    private float[] slice(NDList out, String name, int t) {
      NDArray a = out.get(name);
      if (a == null) throw new IllegalStateException("the model has no output " + name);
      long[] s = a.getShape().getShape(); // [B, T, n]
      int len = (int) s[1], width = (int) s[2];
      float[] all = a.toFloatArray();
      if (len == 1) return all;
      float[] row = new float[batch * width];
      for (int i = 0; i < batch; i++) System.arraycopy(all, (i * len + t) * width, row, i * width, width);
      return row;
    }

    @Override
    public void close() {
      predictor.close();
      manager.close();
    }
  }

  /** Incremental decoding: one position per call, the prefix lives in the key/value cache. */
  private final class CachedSession extends BaseSession {
    private NDArray keys, values;

    CachedSession(int[] groups) {
      super(groups);
      Shape empty = new Shape(config.layers(), batch, config.heads(), 0, config.headSize());
      keys = manager.zeros(empty);
      values = manager.zeros(empty);
    }

    @Override
    public HeadOutputs step(int[] input, float[] features, int[] next) {
      try (NDManager step = manager.newSubManager()) {
        NDList in = new NDList(
            groupArray(step),
            named(step.create(input, new Shape(batch, 1)), "input"),
            named(step.create(features, new Shape(batch, 1, Layout.FEATURES)), "features"),
            named(step.create(next, new Shape(batch, 1)), "next"),
            named(keys, "cache_keys"),
            named(values, "cache_values"));
        NDList out = predict(in);
        out.attach(step); // whatever the engine attached them to, they end with this step …
        HeadOutputs h = heads(out, 0);
        NDArray k = out.get("cache_keys"), v = out.get("cache_values");
        k.attach(manager); // … but the caches, which the next step reads
        v.attach(manager);
        keys.close();
        values.close();
        keys = k;
        values = v;
        return h;
      }
    }
  }

  /** No cache: the whole prefix goes through {@code forward} at every step (quadratic work). */
  private final class RecomputingSession extends BaseSession {
    private final java.util.List<int[]> inputs = new java.util.ArrayList<>();
    private final java.util.List<float[]> feats = new java.util.ArrayList<>();
    private final java.util.List<int[]> nexts = new java.util.ArrayList<>();

    RecomputingSession(int[] groups) {
      super(groups);
    }

    @Override
    public HeadOutputs step(int[] input, float[] features, int[] next) {
      inputs.add(input.clone());
      feats.add(features.clone());
      nexts.add(next.clone());
      int t = inputs.size(), f = Layout.FEATURES;
      int[] in = new int[batch * t], nx = new int[batch * t];
      float[] ft = new float[batch * t * f];
      for (int p = 0; p < t; p++) {
        for (int i = 0; i < batch; i++) {
          in[i * t + p] = inputs.get(p)[i];
          nx[i * t + p] = nexts.get(p)[i];
          System.arraycopy(feats.get(p), i * f, ft, (i * t + p) * f, f);
        }
      }
      try (NDManager step = manager.newSubManager()) {
        NDList out = predict(new NDList(
            groupArray(step),
            named(step.create(in, new Shape(batch, t)), "input"),
            named(step.create(ft, new Shape(batch, t, f)), "features"),
            named(step.create(nx, new Shape(batch, t)), "next")));
        out.attach(step);
        return heads(out, t - 1);
      }
    }
  }

  private static NDArray named(NDArray a, String name) {
    a.setName(name);
    return a;
  }
}
