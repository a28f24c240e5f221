package xtal.models.nn;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import xtal.model.Layout;

/**
 * The graph inputs of a whole-sequence pass and its likelihood, named as {@link
 * xtal.models.seq.Batch} names them (with an optional prefix, so several passes can live in one
 * graph).
 */
public record Placeholders(
    Placeholder<TInt32> group,
    Placeholder<TInt32> input,
    Placeholder<TFloat32> features,
    Placeholder<TInt32> next,
    Placeholder<TInt32> target,
    Placeholder<TFloat32> value,
    Placeholder<TFloat32> jacobian,
    Placeholder<TFloat32> kind,
    Placeholder<TFloat32> letterMask,
    Placeholder<TFloat32> elementMask) {

  public static Placeholders create(Ops tf, String prefix) {
    return new Placeholders(
        tf.withName(prefix + "group").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))),
        tf.withName(prefix + "input").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1))),
        tf.withName(prefix + "features").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, Layout.FEATURES))),
        tf.withName(prefix + "next").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1))),
        tf.withName(prefix + "target").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1))),
        tf.withName(prefix + "value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1))),
        tf.withName(prefix + "jacobian").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1))),
        tf.withName(prefix + "kind").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, Layout.KINDS.size()))),
        tf.withName(prefix + "letter_mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, Layout.LETTER_CLASSES))),
        tf.withName(prefix + "element_mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, Layout.ELEMENT_CLASSES))));
  }

  public Network.Inputs inputs() {
    return new Network.Inputs(group, input, features, next);
  }

  public Network.Targets targets() {
    return new Network.Targets(target, value, jacobian, kind, letterMask, elementMask);
  }

  /** The placeholder of a {@link xtal.models.seq.Batch} input name. */
  public org.tensorflow.Operand<?> byName(String name) {
    return switch (name) {
      case "group" -> group;
      case "input" -> input;
      case "features" -> features;
      case "next" -> next;
      case "target" -> target;
      case "value" -> value;
      case "jacobian" -> jacobian;
      case "kind" -> kind;
      case "letter_mask" -> letterMask;
      case "element_mask" -> elementMask;
      default -> throw new IllegalArgumentException("no input " + name);
    };
  }
}
