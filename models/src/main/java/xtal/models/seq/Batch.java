package xtal.models.seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import xtal.model.Layout;

/**
 * A padded batch of {@link Encoded} crystals as flat arrays, in the shapes of the model's inputs
 * (names as in the exported signatures). Padding positions have input {@link Layout#PAD}, next
 * {@link Layout#NEXT_NONE} and no target.
 */
public record Batch(int size, int length, Map<String, int[]> ints, Map<String, float[]> floats) {

  /** Additive mask value of a disallowed class: large and finite, so 0 × it stays 0. */
  public static final float MASKED = -1e9f;

  public static Batch of(List<Encoded> crystals) {
    int b = crystals.size(), t = 0;
    for (Encoded e : crystals) t = Math.max(t, e.length());
    int f = Layout.FEATURES, lc = Layout.LETTER_CLASSES, ec = Layout.ELEMENT_CLASSES, k = Layout.KINDS.size();
    int[] group = new int[b], input = new int[b * t], next = new int[b * t], target = new int[b * t];
    float[] features = new float[b * t * f], value = new float[b * t], jac = new float[b * t];
    float[] kind = new float[b * t * k], letterMask = new float[b * t * lc], elementMask = new float[b * t * ec];
    for (int i = 0; i < b; i++) {
      Encoded e = crystals.get(i);
      group[i] = e.group() - 1;
      for (int p = 0; p < e.length(); p++) {
        int q = i * t + p;
        input[q] = e.input()[p];
        next[q] = e.next()[p];
        System.arraycopy(e.features(), p * f, features, q * f, f);
        int kd = e.kind()[p];
        if (kd < 0) continue;
        kind[q * k + kd] = 1f;
        target[q] = e.target()[p];
        value[q] = e.value()[p];
        jac[q] = e.jacobian()[p];
        if (kd == Layout.KIND_LETTER) {
          long bits = e.letterAllowed()[p];
          for (int c = 0; c < lc; c++) if ((bits >>> c & 1) == 0) letterMask[q * lc + c] = MASKED;
        } else if (kd == Layout.KIND_ELEMENT) {
          for (int c = 0; c < ec; c++)
            if ((e.elementAllowed()[2 * p + (c >> 6)] >>> (c & 63) & 1) == 0) elementMask[q * ec + c] = MASKED;
        }
      }
    }
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("group", group);
    ints.put("input", input);
    ints.put("next", next);
    ints.put("target", target);
    Map<String, float[]> floats = new LinkedHashMap<>();
    floats.put("features", features);
    floats.put("value", value);
    floats.put("jacobian", jac);
    floats.put("kind", kind);
    floats.put("letter_mask", letterMask);
    floats.put("element_mask", elementMask);
    return new Batch(b, t, ints, floats);
  }

  /** The shape of a named input. */
  public Shape shape(String name) {
    return switch (name) {
      case "group" -> Shape.of(size);
      case "features" -> Shape.of(size, length, Layout.FEATURES);
      case "kind" -> Shape.of(size, length, Layout.KINDS.size());
      case "letter_mask" -> Shape.of(size, length, Layout.LETTER_CLASSES);
      case "element_mask" -> Shape.of(size, length, Layout.ELEMENT_CLASSES);
      default -> Shape.of(size, length);
    };
  }

  /** A new tensor for a named input; the caller closes it. */
  public Tensor tensor(String name) {
    if (ints.containsKey(name)) return TInt32.tensorOf(shape(name), DataBuffers.of(ints.get(name), true, false));
    if (floats.containsKey(name)) return TFloat32.tensorOf(shape(name), DataBuffers.of(floats.get(name), true, false));
    throw new IllegalArgumentException("no input " + name);
  }

  /** Names of the inputs the model's forward pass reads. */
  public static final List<String> FORWARD_INPUTS = List.of("group", "input", "features", "next");

  /** Names of the extra inputs the likelihood reads. */
  public static final List<String> TARGET_INPUTS = List.of("target", "value", "jacobian", "kind", "letter_mask", "element_mask");
}
