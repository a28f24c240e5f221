package xtal.compiler.automaton;

import java.util.List;

/**
 * The continuous slots that follow the token which entered a state: the three coordinates of the
 * site just completed (after an ELEMENT token) or the six lattice parameters (after END).
 * Minimization never merges two states whose annotations differ.
 */
public sealed interface SlotAnnotation {

  /** The rules of the slots, in order. */
  List<SlotRule> rules();

  /** Coordinates x, y, z of the site whose ELEMENT token entered the state. */
  record Site(List<SlotRule> rules) implements SlotAnnotation {
    public static final List<String> NAMES = List.of("x", "y", "z");

    public Site {
      rules = List.copyOf(rules);
      if (rules.size() != 3) throw new IllegalArgumentException("a site has 3 coordinate slots");
    }

    public Site(SlotRule x, SlotRule y, SlotRule z) {
      this(List.of(x, y, z));
    }
  }

  /** Lattice a, b, c, alpha, beta, gamma, after the END token. */
  record Lattice(List<SlotRule> rules) implements SlotAnnotation {
    public static final List<String> NAMES = List.of("a", "b", "c", "alpha", "beta", "gamma");

    public Lattice {
      rules = List.copyOf(rules);
      if (rules.size() != 6) throw new IllegalArgumentException("a lattice has 6 slots");
    }
  }

  /** The slot names: x, y, z or a, b, c, alpha, beta, gamma. */
  default List<String> names() {
    return this instanceof Site ? Site.NAMES : Lattice.NAMES;
  }

  /** Human-readable form, e.g. {@code x free, y = 0, z = x}. */
  default String describe() {
    List<String> names = names();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rules().size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(names.get(i)).append(' ');
      SlotRule r = rules().get(i);
      if (r instanceof SlotRule.Tied t) {
        sb.append("= ").append(SlotRule.linear(t.factor(), names.get(t.source()), t.offset()));
      } else {
        sb.append(r);
      }
    }
    return sb.toString();
  }
}
