package xtal.compiler;

import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.SpaceGroups;

/** Human names of token ids, for {@code explain}, dot output and messages. */
public final class TokenNames {
  private TokenNames() {}

  /** {@code 225}, {@code e}, {@code O}, {@code X}. */
  public static String name(int token) {
    return switch (Vocabulary.kind(token)) {
      case GROUP -> Integer.toString(Vocabulary.groupNumber(token));
      case LETTER -> String.valueOf(Vocabulary.letterChar(token));
      case ELEMENT -> Elements.byZ(Vocabulary.atomicNumber(token)).symbol();
      case END -> "X";
    };
  }

  /** A token range in words: {@code 225 (Fm-3m)}, {@code any element}, {@code H..Ne}, {@code X (end of sites)}. */
  public static String range(int min, int max) {
    if (min == max) {
      return switch (Vocabulary.kind(min)) {
        case GROUP -> name(min) + " (" + SpaceGroups.get(Vocabulary.groupNumber(min)).symbol() + ")";
        case LETTER -> "letter " + name(min);
        case ELEMENT -> name(min);
        case END -> "X (end of sites)";
      };
    }
    if (min == Vocabulary.FIRST_ELEMENT && max == Vocabulary.END - 1) return "any element";
    if (min == Vocabulary.FIRST_GROUP && max == Vocabulary.FIRST_LETTER - 1) return "any group";
    String prefix = Vocabulary.kind(min) == Vocabulary.Kind.LETTER ? "letters " : Vocabulary.kind(min) == Vocabulary.Kind.GROUP ? "groups " : "";
    return prefix + name(min) + (max == min + 1 ? ", " : "..") + name(max);
  }
}
