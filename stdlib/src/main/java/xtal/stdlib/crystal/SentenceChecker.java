package xtal.stdlib.crystal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import xtal.grammar.CrystalParser;
import xtal.grammar.Diagnostic;
import xtal.grammar.ParseResult;
import xtal.grammar.Span;
import xtal.grammar.ast.Numeral;
import xtal.grammar.ast.Sentence;
import xtal.grammar.ast.Sentence.SiteToken;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.CoordinateRule;
import xtal.stdlib.spacegroup.LatticeRule;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * The semantics of a crystal sentence: checks a parsed {@link Sentence} against the space-group
 * tables and resolves it into a {@link Crystal}.
 *
 * <p>Rules, each reported with the position of the offending token, all of them in one run:
 *
 * <ul>
 *   <li>the group exists (1..230); every element exists;
 *   <li>each letter exists in the group, and letters never decrease along the sentence;
 *   <li>a position without free coordinates is used at most once;
 *   <li>per site, the form is decided by the count of coordinates written: 3 is the full form (every
 *       coordinate, checked), exactly the number of free coordinates is the compact form (so a
 *       position without free coordinates is written with 3 or 0 numbers); anything else is an
 *       error. Sites of one sentence may mix forms;
 *   <li>in the full form, a fixed coordinate equals the representative's value and a tied one its
 *       expression of the source coordinate, within {@link #COORDINATE_TOLERANCE} in fractional
 *       units modulo 1 (0.99999 ≡ 0);
 *   <li>the lattice is written with 6 parameters (full form) or exactly the free ones of the crystal
 *       system (compact form), decided independently of the sites; lengths are positive; in the
 *       full form, the lengths the system ties are equal within {@link #LENGTH_TOLERANCE} Å and
 *       the angles it fixes hold within {@link #ANGLE_TOLERANCE}°; the angles lie in (0°, 180°)
 *       and form a cell of positive volume.
 * </ul>
 *
 * <p>The crystal keeps the written value of every free coordinate and lattice parameter; fixed
 * coordinates take their exact value, tied ones are computed from their source, and lattice
 * parameters the system ties or fixes take the rule's value.
 */
public final class SentenceChecker {
  private SentenceChecker() {}

  /** Fractional tolerance for fixed and tied coordinates, applied modulo 1. */
  public static final double COORDINATE_TOLERANCE = 1e-4;

  /** Å: how far lengths the crystal system makes equal may differ as written. */
  public static final double LENGTH_TOLERANCE = 1e-3;

  /** Degrees: how far a fixed angle may be off as written. */
  public static final double ANGLE_TOLERANCE = 1e-2;

  /**
   * Å: the shortest lattice length a crystal may have. A shorter period puts every atom closer
   * than the sampler's default minimum distance (0.5 Å) to its own image; no crystal does that,
   * and tolerances in Å (the importer's symprec) stop meaning anything.
   */
  public static final double MIN_LENGTH = 0.5;

  /** Å: the longest lattice length (1 µm): far beyond any unit cell, and volumes stay exact. */
  public static final double MAX_LENGTH = 1e4;

  private static final String[] AXES = {"x", "y", "z"};

  /**
   * Parses and checks one line of text: the parser's diagnostics if it is not a sentence, the
   * checker's otherwise. Positions count from {@code line}.
   */
  public static CheckResult check(String source, int line, String text) {
    ParseResult<Sentence> parsed = CrystalParser.parseSentence(source, line, text);
    if (!parsed.ok()) return new CheckResult(Optional.empty(), parsed.diagnostics());
    CheckResult r = check(source, parsed.value());
    if (parsed.diagnostics().isEmpty()) return r;
    List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
    all.addAll(r.diagnostics());
    return new CheckResult(r.crystal(), all);
  }

  /** Parses and checks a sentence on line 1 of {@code source}. */
  public static CheckResult check(String source, String text) {
    return check(source, 1, text);
  }

  /** Checks a sentence read from {@code source} (a file name, used in the diagnostics). */
  public static CheckResult check(String source, Sentence s) {
    if (s == null) throw new IllegalArgumentException("no sentence to check (null); check(source, text) parses text first");
    if (source == null) source = "<input>";
    List<Diagnostic> out = new ArrayList<>();
    Optional<SpaceGroup> found = SpaceGroups.find(s.group().number());
    if (found.isEmpty())
      out.add(Diagnostic.error(source, s.group().span(), "space group " + s.group().number() + " does not exist (groups run 1..230)"));
    SpaceGroup g = found.orElse(null);

    List<Site> sites = new ArrayList<>();
    int previous = -1;
    char previousLetter = 0;
    Set<Character> zeroDofUsed = new HashSet<>();
    for (SiteToken t : s.sites()) {
      Optional<Element> element = Elements.bySymbol(t.element().symbol());
      if (element.isEmpty()) out.add(Diagnostic.error(source, t.element().span(), "unknown element '" + t.element().symbol() + "'"));
      if (g == null) continue;
      char letter = t.letter().letter();
      Optional<WyckoffPosition> pos = g.position(letter);
      if (pos.isEmpty()) {
        out.add(Diagnostic.error(source, t.letter().span(),
            "letter '" + letter + "' does not exist in " + g.displayName() + ", whose letters run " + SpaceGroups.letterRange(g)));
        continue;
      }
      WyckoffPosition w = pos.get();
      if (w.index() < previous)
        out.add(Diagnostic.error(source, t.letter().span(), "letter '" + letter + "' after '" + previousLetter + "': letters never decrease"));
      else {
        previous = w.index();
        previousLetter = letter;
      }
      if (w.isZeroDof() && !zeroDofUsed.add(letter))
        out.add(Diagnostic.error(source, t.letter().span(), "position " + w.label() + " has no free coordinate and is used twice"));
      double[] xyz = coordinates(source, w, t, out);
      if (xyz != null) {
        int distinct = distinctOrbitPoints(w, xyz);
        if (distinct < w.multiplicity())
          out.add(Diagnostic.warning(source, t.span(), "site '" + letter + "' lies on a more special position: its coordinates give "
              + distinct + " distinct atoms, not the " + w.multiplicity() + " of " + w.label()));
      }
      if (xyz != null && element.isPresent()) sites.add(new Site(w, element.get(), xyz[0], xyz[1], xyz[2]));
    }

    if (s.sites().isEmpty())
      out.add(Diagnostic.error(source, s.group().span(), "a crystal needs at least one site; this sentence has no atoms"));
    Lattice lattice = g == null ? null : lattice(source, g, s, out);
    boolean failed = out.stream().anyMatch(Diagnostic::isError);
    if (failed) return new CheckResult(Optional.empty(), out);
    Crystal crystal = new Crystal(g, sites, lattice);
    int[] pair = coincident(crystal);
    if (pair != null) {
      SiteToken first = s.sites().get(pair[0]), second = s.sites().get(pair[1]);
      out.add(Diagnostic.error(source, second.span(), "site '" + second.letter().letter() + "' (" + second.element().symbol()
          + ") puts an atom on the same point as site '" + first.letter().letter() + "' (" + first.element().symbol()
          + "): two atoms cannot share a point"));
      return new CheckResult(Optional.empty(), out);
    }
    return new CheckResult(Optional.of(crystal), out);
  }

  /** The resolved coordinates of a site, or null after reporting why there are none. */
  private static double[] coordinates(String source, WyckoffPosition w, SiteToken t, List<Diagnostic> out) {
    List<Numeral> cs = t.coordinates();
    int dof = w.degreesOfFreedom();
    String site = "site '" + w.letter() + "'";
    for (int k = 0; k < cs.size(); k++)
      if (!Double.isFinite(cs.get(k).value())) {
        out.add(Diagnostic.error(source, cs.get(k).span(), "coordinate " + (k + 1) + " of " + site + " must be a finite number, found " + cs.get(k).text()));
        return null;
      }
    if (cs.size() == dof) {
      double[] free = new double[dof];
      for (int k = 0; k < dof; k++) free[k] = UnitCell.wrap(cs.get(k).value());
      return w.coordinates(free);
    }
    if (cs.size() != 3) {
      String takes =
          dof == 3 ? "takes 3 coordinates (x, y, z)"
              : dof == 0 ? "takes 3 coordinates (full form) or 0 (compact form)"
              : "takes 3 coordinates (full form) or " + dof + " (compact form: " + w.freeCoordinateNames() + ")";
      out.add(Diagnostic.error(source, t.span(), site + " of " + w.groupNumber() + " " + takes + ", found " + cs.size()));
      return null;
    }
    double[] written = new double[3];
    for (int i = 0; i < 3; i++) written[i] = cs.get(i).value();
    double[] resolved = new double[3];
    boolean ok = true;
    for (int i = 0; i < 3; i++) {
      Numeral n = cs.get(i);
      switch (w.rules().get(i)) {
        case CoordinateRule.Free f -> resolved[i] = UnitCell.wrap(written[i]);
        case CoordinateRule.Fixed f -> {
          resolved[i] = f.value().toDouble();
          if (!close(written[i], resolved[i])) {
            out.add(Diagnostic.error(source, n.span(),
                AXES[i] + " of " + site + " must be " + f.value() + " (fixed by " + w.label() + "), found " + n.text()));
            ok = false;
          }
        }
        case CoordinateRule.Tied tie -> {
          resolved[i] = UnitCell.wrap(tie.valueFor(resolved[tie.sourceAxis()]));
          double expected = tie.valueFor(written[tie.sourceAxis()]);
          if (!close(written[i], expected)) {
            out.add(Diagnostic.error(source, n.span(),
                AXES[i] + " of " + site + " must equal " + tie.expression() + " (tied by " + w.representativeText() + "), found "
                    + n.text() + " (" + AXES[tie.sourceAxis()] + " = " + cs.get(tie.sourceAxis()).text() + ")"));
            ok = false;
          }
        }
      }
    }
    return ok ? resolved : null;
  }

  /** Sites {@code {i, j}} (indices into the sentence) with atoms on one point, or null. */
  private static int[] coincident(Crystal c) {
    List<Atom> atoms = new ArrayList<>();
    for (int i = 0; i < c.sites().size(); i++) {
      Site s = c.sites().get(i);
      for (double[] p : s.position().orbitOf(s.xyz())) atoms.add(new Atom(s.element(), p[0], p[1], p[2], i));
    }
    return UnitCell.coincidentSites(atoms);
  }

  /** How many points of the orbit are distinct (within the merge tolerance, modulo 1). */
  private static int distinctOrbitPoints(WyckoffPosition w, double[] xyz) {
    if (w.isZeroDof()) return w.multiplicity();
    List<double[]> kept = new ArrayList<>();
    for (double[] p : w.orbitOf(xyz)) {
      boolean dup = false;
      for (double[] k : kept)
        if (UnitCell.samePoint(k, p, UnitCell.MERGE_TOLERANCE)) {
          dup = true;
          break;
        }
      if (!dup) kept.add(p);
    }
    return kept.size();
  }

  /** Equal modulo 1 within the coordinate tolerance. */
  static boolean close(double a, double b) {
    return Tolerance.sameCoordinate(a, b);
  }

  /** The six lattice parameters, or null after reporting why there are none. */
  private static Lattice lattice(String source, SpaceGroup g, Sentence s, List<Diagnostic> out) {
    LatticeRule rule = g.latticeRule();
    List<Numeral> ls = s.lattice();
    Span whole = ls.isEmpty() ? s.span() : ls.getFirst().span().to(ls.getLast().span());
    String system = g.crystalSystem().displayName();
    int k = rule.freeCount();
    if (ls.size() != 6 && ls.size() != k) {
      String takes = k == 6 ? "takes 6 parameters (a, b, c, alpha, beta, gamma)"
          : "takes 6 parameters (full form) or " + k + " (compact form: " + rule.freeNames() + ")";
      out.add(Diagnostic.error(source, whole, "the lattice of " + g.displayName() + " (" + system + ") " + takes + ", found " + ls.size()));
      return null;
    }
    boolean full = ls.size() == 6;
    double[] written = new double[ls.size()];
    for (int i = 0; i < written.length; i++) written[i] = ls.get(i).value();
    // the written values where the rule leaves parameters free, the rule's values elsewhere
    double[] six = rule.expand(full ? rule.compact(written) : written);
    int errors = out.size();
    if (full) {
      boolean lengths = true, angles = true;
      for (int i = 0; i < 6; i++) {
        LatticeRule.Param p = rule.params().get(i);
        if (p instanceof LatticeRule.Equal e && Math.abs(written[i] - written[e.to()]) > LENGTH_TOLERANCE) lengths = false;
        if (p instanceof LatticeRule.Fixed f && Math.abs(written[i] - f.degrees()) > ANGLE_TOLERANCE) angles = false;
      }
      if (!lengths)
        out.add(Diagnostic.error(source, ls.get(0).span().to(ls.get(2).span()),
            system + " lattice needs " + rule.lengthRule() + ", found " + ls.get(0) + ", " + ls.get(1) + ", " + ls.get(2)));
      if (!angles)
        out.add(Diagnostic.error(source, ls.get(3).span().to(ls.get(5).span()),
            system + " lattice needs " + rule.angleRule() + ", found " + ls.get(3) + ", " + ls.get(4) + ", " + ls.get(5)));
    }
    for (int i = 0; i < 3; i++) {
      // in the compact form a length the system ties to another was not written: report the source only
      if (!full && !(rule.params().get(i) instanceof LatticeRule.Free)) continue;
      if (!(six[i] >= MIN_LENGTH && six[i] <= MAX_LENGTH)) {
        int at = full ? i : indexOfFree(rule, i);
        String found = at >= 0 ? ls.get(at).text() : Crystal.number(six[i]);
        String must = !Double.isFinite(six[i]) ? " must be a finite number"
            : six[i] <= 0 ? " must be positive"
            : " must lie in " + Crystal.number(MIN_LENGTH) + ".." + Crystal.number(MAX_LENGTH) + " Å";
        out.add(Diagnostic.error(source, at >= 0 ? ls.get(at).span() : whole,
            "lattice length " + LatticeRule.NAMES.get(i) + must + ", found " + found));
      }
    }
    for (int i = 3; i < 6 && out.size() == errors; i++) {
      int at = full ? i : indexOfFree(rule, i);
      if (!Double.isFinite(six[i]))
        out.add(Diagnostic.error(source, at >= 0 ? ls.get(at).span() : whole,
            "lattice angle " + LatticeRule.NAMES.get(i) + " must be a finite number, found " + (at >= 0 ? ls.get(at).text() : six[i])));
    }
    if (out.size() == errors && !Lattice.anglesValid(six[3], six[4], six[5]))
      out.add(Diagnostic.error(source, whole,
          "angles " + Crystal.number(six[3]) + ", " + Crystal.number(six[4]) + ", " + Crystal.number(six[5]) + " do not form a valid cell"));
    return out.size() == errors ? Lattice.of(six) : null;
  }

  /** Where a parameter (0..5) stands among the compact values, following Equal links; -1 if fixed. */
  private static int indexOfFree(LatticeRule rule, int param) {
    while (rule.params().get(param) instanceof LatticeRule.Equal e) param = e.to();
    if (!(rule.params().get(param) instanceof LatticeRule.Free)) return -1;
    int k = 0;
    for (int i = 0; i < param; i++) if (rule.params().get(i) instanceof LatticeRule.Free) k++;
    return k;
  }
}
