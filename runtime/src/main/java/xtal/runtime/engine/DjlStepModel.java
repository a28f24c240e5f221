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
import xtal.model.Layout;
import xtal.model.ModelConfig;
import xtal.model.ModelDescription;
import xtal.model.Signatures;
import xtal.model.TensorFlowNatives;
import xtal.runtime.decode.HeadOutputs;
import xtal.runtime.decode.StepModel;

/**
 * The model's {@code step} signature (or {@code forward}, to measure what the cache saves) run
 * through DJL's TensorFlow engine. This class only converts arrays to tensors and back (DJL's
 * Translator idea); the decoder owns the search.
 *
 * <p>{@code step} inputs: group int32 [B], input int32 [B], features float32 [B,F], next int32
 * [B], position int32 [] and per layer cache_keys_l/cache_values_l float32
 * [B,heads,C,headSize] (C rows, see CachedSession); outputs: the eight heads [B,n] and the caches with row
 * {@code position} written. The caches stay native between steps.
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
    return load(ModelDescription.read(dir), cached);
  }

  /** As {@link #load(Path, boolean)}, for a model.json already read. */
  public static DjlStepModel load(ModelDescription description, boolean cached) throws IOException {
    Path dir = description.directory();
    ModelConfig cfg = description.config();
    TensorFlowNatives.load();
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(dir)
            .optEngine("TensorFlow")
            .optOption("SignatureDefKey", cached ? Signatures.STEP : Signatures.FORWARD)
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
    final int batch;
    final NDManager manager = NDManager.newBaseManager("TensorFlow");
    final Predictor<NDList, NDList> predictor = model.newPredictor();

    /** The space groups (number - 1), the same input at every step. */
    final NDArray group;

    BaseSession(int[] groups) {
      this.batch = groups.length;
      int[] g = new int[batch];
      for (int i = 0; i < batch; i++) g[i] = groups[i] - 1;
      this.group = named(manager.create(g, new Shape(batch)), "group");
    }

    NDList predict(NDList in) {
      try {
        return predictor.predict(in);
      } catch (TranslateException e) {
        throw new IllegalStateException("model step failed: " + e.getMessage(), e);
      }
    }

    /** Copies the heads at sequence position {@code t} of outputs shaped [B,T,n] (or [B,n]: one position). */
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
      long[] s = a.getShape().getShape();
      float[] all = a.toFloatArray();
      if (s.length == 2) return all;
      int len = (int) s[1], width = (int) s[2];
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

  /**
   * Incremental decoding: one position per call, the prefix lives in the key/value caches. The
   * graph writes each new row in place (see {@code Network.step}), so a call moves only the new
   * position in and its heads out. Attention reads all C rows of a cache, so the caches grow with
   * the prefix, {@link #CHUNK} rows at a time (one copy per chunk: C stays within a chunk of the
   * prefix, and the copies cost a fraction of what reading longer caches at every step would).
   */
  private final class CachedSession extends BaseSession {
    private static final int CHUNK = 16;
    private final NDArray[] keys, values;
    private int position, capacity;

    CachedSession(int[] groups) {
      super(groups);
      keys = new NDArray[config.layers()];
      values = new NDArray[config.layers()];
      capacity = Math.min(CHUNK, config.maxLength());
      for (int l = 0; l < keys.length; l++) {
        keys[l] = named(manager.zeros(cacheShape(capacity)), Signatures.cacheName("keys", l));
        values[l] = named(manager.zeros(cacheShape(capacity)), Signatures.cacheName("values", l));
      }
    }

    private Shape cacheShape(int rows) {
      return new Shape(batch, config.heads(), rows, config.headSize());
    }

    /** Adds a chunk of rows to the caches: zeros after the prefix, as the step signature requires. */
    private void grow() {
      int more = Math.min(CHUNK, config.maxLength() - capacity);
      try (NDArray zeros = manager.zeros(cacheShape(more))) {
        for (int l = 0; l < keys.length; l++) {
          keys[l] = replace(keys[l], named(keys[l].concat(zeros, 2), Signatures.cacheName("keys", l)));
          values[l] = replace(values[l], named(values[l].concat(zeros, 2), Signatures.cacheName("values", l)));
        }
      }
      capacity += more;
    }

    @Override
    public HeadOutputs step(int[] input, float[] features, int[] next) {
      if (position >= config.maxLength()) throw new IllegalStateException("sequence longer than the model's " + config.maxLength() + " positions");
      if (position == capacity) grow();
      try (NDManager step = manager.newSubManager()) {
        NDList in = new NDList(
            group,
            named(step.create(input, new Shape(batch)), "input"),
            named(step.create(features, new Shape(batch, Layout.FEATURES)), "features"),
            named(step.create(next, new Shape(batch)), "next"),
            named(step.create(position), "position"));
        in.addAll(new NDList(keys));
        in.addAll(new NDList(values));
        NDList out = predict(in);
        out.attach(step); // whatever the engine attached them to, they end with this step …
        HeadOutputs h = heads(out, 0);
        for (int l = 0; l < keys.length; l++) { // … but the caches, which the next step reads
          keys[l] = replace(keys[l], out.get(Signatures.cacheName("keys", l)));
          values[l] = replace(values[l], out.get(Signatures.cacheName("values", l)));
        }
        position++;
        return h;
      }
    }

    /** The caches the next step reads, in place of the old ones (fed caches are not to be reused). */
    private NDArray replace(NDArray fed, NDArray returned) {
      returned.attach(manager);
      fed.close();
      return returned;
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
            group,
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
