package xtal.stdlib.spacegroup;

import java.util.List;

/**
 * The centring of a lattice, the first letter of a Hermann–Mauguin symbol. R is on hexagonal axes
 * (obverse setting), as in the ITA standard setting the Wyckoff tables use.
 */
public enum Centring {
  P(List.of()),
  A(List.<Rational[]>of(t(0, 1, 1, 2, 1, 2))),
  B(List.<Rational[]>of(t(1, 2, 0, 1, 1, 2))),
  C(List.<Rational[]>of(t(1, 2, 1, 2, 0, 1))),
  I(List.<Rational[]>of(t(1, 2, 1, 2, 1, 2))),
  R(List.<Rational[]>of(t(2, 3, 1, 3, 1, 3), t(1, 3, 2, 3, 2, 3))),
  F(List.<Rational[]>of(t(0, 1, 1, 2, 1, 2), t(1, 2, 0, 1, 1, 2), t(1, 2, 1, 2, 0, 1)));

  private final List<Rational[]> translations;

  Centring(List<Rational[]> translations) {
    this.translations = translations;
  }

  private static Rational[] t(long... v) {
    return new Rational[] {Rational.of(v[0], v[1]), Rational.of(v[2], v[3]), Rational.of(v[4], v[5])};
  }

  /** Lattice points per conventional cell: P 1, A/B/C/I 2, R 3 (hexagonal axes), F 4. */
  public int latticePoints() {
    return translations.size() + 1;
  }

  /** The centring translations other than (0,0,0). */
  public List<Rational[]> translations() {
    return translations.stream().map(Rational[]::clone).toList();
  }

  /** {@code P} → P; IllegalArgumentException otherwise. */
  public static Centring fromLetter(String letter) {
    return valueOf(letter.strip().toUpperCase(java.util.Locale.ROOT));
  }
}
