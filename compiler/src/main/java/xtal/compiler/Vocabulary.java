package xtal.compiler;

/**
 * The discrete tokens of the crystal language, as one dense id space shared by the automaton, the
 * model and the decoder: the space group, Wyckoff letters, elements, and the end of the site list.
 *
 * <pre>
 *   id   0 .. 229   space group 1..230
 *   id 230 .. 256   Wyckoff letter a..z, then A (the 27th, group 47 only)
 *   id 257 .. 374   element Z = 1..118
 *   id 375          END (the 'X' that ends the sites)
 * </pre>
 *
 * Continuous slots (coordinates, lattice) are not tokens: the automaton annotates them per state.
 */
public final class Vocabulary {
  private Vocabulary() {}

  public static final int GROUPS = 230, LETTERS = 27, ELEMENTS = 118;
  public static final int FIRST_GROUP = 0;
  public static final int FIRST_LETTER = FIRST_GROUP + GROUPS;
  public static final int FIRST_ELEMENT = FIRST_LETTER + LETTERS;
  public static final int END = FIRST_ELEMENT + ELEMENTS;
  /** Number of token ids. */
  public static final int SIZE = END + 1;

  public enum Kind {
    GROUP,
    LETTER,
    ELEMENT,
    END
  }

  public static int group(int number) {
    if (number < 1 || number > GROUPS) throw new IllegalArgumentException("no space group " + number);
    return FIRST_GROUP + number - 1;
  }

  /** Letter index: 0 for 'a' … 25 for 'z', 26 for 'A'. */
  public static int letterIndex(char letter) {
    if (letter >= 'a' && letter <= 'z') return letter - 'a';
    if (letter == 'A') return 26;
    throw new IllegalArgumentException("no Wyckoff letter '" + letter + "'");
  }

  public static char letterOf(int index) {
    if (index < 0 || index >= LETTERS) throw new IllegalArgumentException("letter index " + index);
    return index == 26 ? 'A' : (char) ('a' + index);
  }

  public static int letter(char letter) {
    return FIRST_LETTER + letterIndex(letter);
  }

  public static int element(int atomicNumber) {
    if (atomicNumber < 1 || atomicNumber > ELEMENTS) {
      throw new IllegalArgumentException("no element with Z = " + atomicNumber);
    }
    return FIRST_ELEMENT + atomicNumber - 1;
  }

  public static Kind kind(int token) {
    if (token < 0 || token >= SIZE) throw new IllegalArgumentException("no token " + token);
    if (token < FIRST_LETTER) return Kind.GROUP;
    if (token < FIRST_ELEMENT) return Kind.LETTER;
    if (token < END) return Kind.ELEMENT;
    return Kind.END;
  }

  /** Space-group number of a GROUP token. */
  public static int groupNumber(int token) {
    check(token, Kind.GROUP);
    return token - FIRST_GROUP + 1;
  }

  /** Letter of a LETTER token. */
  public static char letterChar(int token) {
    check(token, Kind.LETTER);
    return letterOf(token - FIRST_LETTER);
  }

  /** Atomic number of an ELEMENT token. */
  public static int atomicNumber(int token) {
    check(token, Kind.ELEMENT);
    return token - FIRST_ELEMENT + 1;
  }

  private static void check(int token, Kind expected) {
    if (kind(token) != expected) throw new IllegalArgumentException("token " + token + " is not a " + expected);
  }
}
