package xtal.stdlib.spacegroup;

import java.util.Locale;
import java.util.Optional;

/** The seven crystal systems, in the order of the space-group numbers. */
public enum CrystalSystem {
  TRICLINIC,
  MONOCLINIC,
  ORTHORHOMBIC,
  TETRAGONAL,
  TRIGONAL,
  HEXAGONAL,
  CUBIC;

  /** {@code cubic} → CUBIC (case-insensitive); empty for anything else. */
  public static Optional<CrystalSystem> find(String name) {
    for (CrystalSystem s : values()) if (s.name().equalsIgnoreCase(name.strip())) return Optional.of(s);
    return Optional.empty();
  }

  /** Like {@link #find} but throws {@link IllegalArgumentException} for an unknown name. */
  public static CrystalSystem fromName(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("unknown crystal system '" + name + "'"));
  }

  /** The lower-case name used in messages and in the query language ({@code cubic}). */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The rule that this system imposes on a, b, c, alpha, beta, gamma (ITA standard settings). */
  public LatticeRule latticeRule() {
    return LatticeRule.of(this);
  }
}
