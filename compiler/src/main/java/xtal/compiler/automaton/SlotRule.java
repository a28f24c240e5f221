package xtal.compiler.automaton;

import java.util.Objects;
import xtal.stdlib.spacegroup.Rational;

/**
 * What a continuous slot (a coordinate x, y, z of a site, or one of the six lattice parameters)
 * may take once the discrete tokens before it are chosen. The decoder samples only the {@link
 * Free} and {@link Ranged} slots; {@link Fixed} and {@link Tied} ones are computed.
 */
public sealed interface SlotRule {

  /** Any value (in [0, 1) for a coordinate; any positive length or angle for the lattice). */
  record Free() implements SlotRule {
    @Override
    public String toString() {
      return "free";
    }
  }

  /** Exactly {@code value}. */
  record Fixed(Rational value) implements SlotRule {
    public Fixed {
      Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
      return "= " + value;
    }
  }

  /**
   * {@code factor · slot[source] + offset}, where {@code source} indexes the same group of slots
   * (0..2 for x, y, z; 0..5 for a, b, c, α, β, γ) and is itself not tied.
   */
  record Tied(int source, Rational factor, Rational offset) implements SlotRule {
    public Tied {
      Objects.requireNonNull(factor);
      Objects.requireNonNull(offset);
    }

    @Override
    public String toString() {
      return "= " + SlotRule.linear(factor, "#" + source, offset);
    }
  }

  /** A value in the closed range [lo, hi]. */
  record Ranged(Rational lo, Rational hi) implements SlotRule {
    public Ranged {
      if (lo.compareTo(hi) > 0) throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }

    @Override
    public String toString() {
      return "in [" + lo + ", " + hi + "]";
    }
  }

  SlotRule FREE = new Free();

  /** {@code 2x+1/2}, {@code -x}, {@code x}: a linear expression the way the ITA tables write it. */
  static String linear(Rational factor, String var, Rational offset) {
    String f =
        factor.equals(Rational.ONE) ? var
            : factor.equals(Rational.ONE.negate()) ? "-" + var
            : factor + var;
    if (offset.isZero()) return f;
    return f + (offset.signum() > 0 ? "+" : "") + offset;
  }
}
