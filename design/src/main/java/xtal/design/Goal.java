package xtal.design;

import java.util.Locale;

/**
 * What a property term asks of a crystal's predicted value y, as a penalty that is 0 (or lowest)
 * where the goal is met: minimise (y), maximise (−y), a target value (|y − v|) or a range (the
 * distance to [lo, hi], 0 inside).
 */
public sealed interface Goal {

  /** The penalty of a predicted value: lower is better. */
  double penalty(double y);

  /** True when {@code y} meets the goal exactly (always false for minimise and maximise, which have no end). */
  default boolean reached(double y) {
    return false;
  }

  /** What the goal is, e.g. {@code minimize}, {@code target 1.4}, {@code range 1.2..1.6}. */
  String describe();

  record Minimize() implements Goal {
    public double penalty(double y) {
      return y;
    }

    public String describe() {
      return "minimize";
    }
  }

  record Maximize() implements Goal {
    public double penalty(double y) {
      return -y;
    }

    public String describe() {
      return "maximize";
    }
  }

  record Target(double value) implements Goal {
    public Target {
      if (!Double.isFinite(value)) throw new IllegalArgumentException("a target must be a finite number, found " + value);
    }

    public double penalty(double y) {
      return Math.abs(y - value);
    }

    public boolean reached(double y) {
      // predictions are floats: within 1e-3 of the target counts as reaching it
      return Math.abs(y - value) <= 1e-3;
    }

    public String describe() {
      return String.format(Locale.ROOT, "target %s", value);
    }
  }

  record Range(double low, double high) implements Goal {
    public Range {
      if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high))
        throw new IllegalArgumentException("a range must be LO..HI with finite LO <= HI, found " + low + ".." + high);
    }

    public double penalty(double y) {
      return Math.max(0, Math.max(low - y, y - high));
    }

    public boolean reached(double y) {
      return y >= low && y <= high;
    }

    public String describe() {
      return String.format(Locale.ROOT, "range %s..%s", low, high);
    }

    /** Parses {@code LO..HI}. */
    public static Range parse(String text) {
      int dots = text.indexOf("..");
      if (dots < 0) throw new IllegalArgumentException("a range is LO..HI, e.g. 1.2..1.6, found '" + text + "'");
      try {
        return new Range(Double.parseDouble(text.substring(0, dots).strip()), Double.parseDouble(text.substring(dots + 2).strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a range is LO..HI with numbers, e.g. 1.2..1.6, found '" + text + "'");
      }
    }
  }
}
