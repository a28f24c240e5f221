package xtal.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import xtal.eval.Evaluation.Result;
import xtal.stdlib.element.Elements;

/**
 * The results as a table (for the terminal) and as {@code report.md} with its figures.
 *
 * <p>The "published" column holds CrystalFormer's MP-20 figures as the WyFormer paper's evaluation
 * reports them, for the four metrics it gives (structural and compositional validity, P1 share,
 * novelty); they were measured with pymatgen/SMACT/spglib on CrystalFormer's own samples, so they
 * are a reference point, not the same experiment. The compositional figure is set beside
 * CrystalFormer's only when it was measured with SMACT's own definition (the default); the older
 * ICSD-table variant gets a row of its own name and no published figure.
 */
public final class Report {
  private Report() {}

  /** One line of the table: metric, value, what it is a fraction of, published figure (or ""). */
  public record Row(String metric, String value, String of, String published) {}

  /** The metric rows, in report order. */
  public static List<Row> rows(Result r) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("samples", Integer.toString(r.samples()), "", ""));
    rows.add(new Row("built (sentence checks / CIF reads)", pct(r.built(), r.samples()), "samples", ""));
    rows.add(new Row("structural validity", pct(r.structural(), r.samples()), "samples", "87.4 %"));
    if (r.composition() == Validity.OxidationStates.SMACT)
      rows.add(new Row("compositional validity (SMACT)", pct(r.compositional(), r.samples()), "samples", "82.4 %"));
    else
      rows.add(new Row("compositional validity (" + r.composition().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + " states, not SMACT's)", pct(r.compositional(), r.samples()), "samples", ""));
    rows.add(new Row("valid (both)", pct(r.valid(), r.samples()), "samples", ""));
    rows.add(new Row("in P1 (found by the symmetry finder)", pct(r.p1Found(), r.built()), "built samples", "0.86 %"));
    rows.add(new Row("in P1 (asked)", pct(r.p1Asked(), r.asked()), "built samples asking a group", ""));
    rows.add(new Row("group recovered by the symmetry finder", pct(r.recovered(), r.asked()), "built samples asking a group", ""));
    rows.add(new Row("symmetry finder failed", pct(r.finderFailed(), r.built()), "built samples", ""));
    rows.add(new Row("unique (structure matcher)", pct(r.uniqueStructures(), r.built()), "built samples", ""));
    rows.add(new Row("unique (exact skeleton)", pct(r.uniqueSkeletons(), r.built()), "built samples", ""));
    if (r.trainSize() >= 0) {
      rows.add(new Row("novel (structure matcher)", pct(r.novelStructures(), r.built()), "built samples, vs " + r.trainSize() + " training crystals", "80.5 %"));
      rows.add(new Row("novel (exact skeleton)", pct(r.novelSkeletons(), r.built()), "built samples", ""));
      rows.add(new Row("valid, unique and novel", pct(r.novelUniqueValid(), r.samples()), "samples", ""));
    }
    if (r.reference() != null) {
      rows.add(new Row("density W1 (g/cm³)", num(r.densityW1(), 4), "valid samples vs " + r.reference().n() + " reference", ""));
      rows.add(new Row("number of elements W1", num(r.elementsW1(), 4), "valid samples vs reference", ""));
      rows.add(new Row("space-group total variation", num(r.groupTv(), 4), "valid samples vs reference", ""));
    }
    if (r.nll() != null) {
      Evaluation.Nll n = r.nll();
      rows.add(new Row("reference NLL (nats/crystal)", num(n.perCrystal(), 3), n.crystals() + " reference crystals", ""));
      for (int k = 0; k < n.kinds().size(); k++)
        rows.add(new Row("  of which " + n.kinds().get(k), num(n.perKind()[k], 3), "nats/crystal", ""));
    }
    return rows;
  }

  /** The rows as an aligned text table. */
  public static String table(Result r) {
    List<Row> rows = rows(r);
    int w0 = "metric".length(), w1 = "value".length();
    for (Row x : rows) {
      w0 = Math.max(w0, x.metric().length());
      w1 = Math.max(w1, x.value().length());
    }
    StringBuilder sb = new StringBuilder();
    String fmt = "%-" + w0 + "s  %" + w1 + "s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "metric", "value", "of"));
    for (Row x : rows) {
      String of = x.of() + (x.published().isEmpty() ? "" : (x.of().isEmpty() ? "" : "; ") + "CrystalFormer " + x.published());
      sb.append(String.format(Locale.ROOT, fmt, x.metric(), x.value(), of));
    }
    return sb.toString();
  }

  /**
   * Writes {@code report.md} and its PNG figures into {@code dir} (created if needed).
   *
   * @param samples how the samples were given (shown in the report)
   * @param reference the reference file, or null
   * @param train the training file, or null
   */
  public static Path write(Path dir, Result r, String samples, String reference, String train) throws IOException {
    Files.createDirectories(dir);
    List<String> figures = Plots.write(dir, r.generated(), r.allBuilt(), r.reference());
    StringBuilder md = new StringBuilder();
    md.append("# Evaluation of ").append(samples).append("\n\n");
    md.append("Reference set: ").append(reference == null ? "none" : "`" + reference + "`").append("  \n");
    md.append("Training set (novelty): ").append(train == null ? "none" : "`" + train + "`").append("\n\n");
    md.append("| metric | value | of | CrystalFormer, MP-20 (WyFormer's evaluation) |\n|---|---:|---|---:|\n");
    for (Row x : rows(r)) md.append("| ").append(x.metric().strip()).append(" | ").append(x.value()).append(" | ").append(x.of())
        .append(" | ").append(x.published()).append(" |\n");
    md.append("\n").append(DEFINITIONS).append(r.composition() == Validity.OxidationStates.SMACT ? SMACT : OLD_COMPOSITIONAL).append("\n");
    if (r.reference() != null) {
      md.append("## Elements\n\nShare of crystals containing each element (every built sample, valid or not; reference), the 30 most\n"
          + "frequent in either set.\n\n");
      md.append("| element | generated | reference |\n|---|---:|---:|\n");
      double[] g = shares(r.allBuilt().elementCrystals(), r.allBuilt().n()), f = shares(r.reference().elementCrystals(), r.reference().n());
      IntStream.rangeClosed(1, 118).boxed().sorted(Comparator.comparingDouble((Integer z) -> -Math.max(g[z], f[z]))).limit(30)
          .filter(z -> g[z] > 0 || f[z] > 0)
          .forEach(z -> md.append("| ").append(Elements.byZ(z).symbol()).append(" | ").append(num(100 * g[z], 1)).append(" % | ")
              .append(num(100 * f[z], 1)).append(" % |\n"));
      md.append("\n");
    }
    md.append("## Figures\n\n");
    for (String f : figures) md.append("![").append(f.replace(".png", "")).append("](").append(f).append(")\n\n");
    List<String> problems = r.findings().stream().filter(x -> !x.entry().built()).map(x -> x.entry().problem()).toList();
    if (!problems.isEmpty()) {
      md.append("## Samples that did not build (").append(problems.size()).append(")\n\n");
      problems.stream().limit(50).forEach(p -> md.append("- `").append(p).append("`\n"));
      if (problems.size() > 50) md.append("- … ").append(problems.size() - 50).append(" more\n");
    }
    Path file = dir.resolve("report.md");
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    return file;
  }

  static final String DEFINITIONS = """
      Definitions. *Structural validity*: the cell builds, volume ≥ 0.1 Å³, every interatomic \
      distance ≥ 0.5 Å, periodic images included. *P1 (found)*: the symmetry finder \
      finds group 1 in the sample's cell (the literature's figure); *P1 (asked)*: the sample's \
      sentence asks for group 1. *Group recovered*: the symmetry \
      finder (symprec as given) finds, in the expanded P1 cell, the group the sample asks for. \
      *Unique / novel (structure matcher)*: pymatgen-style matching (ltol 0.2, stol 0.3, angle_tol \
      5°, primitive cells, volumes scaled) against earlier samples / the training set; *exact \
      skeleton*: the same group, Wyckoff letters and elements. *W1*: Wasserstein-1 distance \
      between the valid samples' and the reference crystals' values; *space-group total \
      variation*: ½ Σ |p − q| over the 230 groups' shares. """;

  static final String SMACT = """
      *Compositional validity (SMACT)*: SMACT %s's `smact_validity` as CDVAE, DiffCSP and \
      CrystalFormer run it — one element, or only SMACT metals, or one oxidation state per element \
      from SMACT's default list that makes the reduced formula neutral and passes SMACT's Pauling \
      test.""".formatted(xtal.stdlib.element.Smact.VERSION);

  static final String OLD_COMPOSITIONAL = """
      *Compositional validity (not SMACT's)*: SMACT's rules on the shared element table (pymatgen's \
      ICSD or common oxidation states and metal flags): lower than SMACT's own figure and not \
      comparable with the papers'.""";

  private static double[] shares(int[] counts, int n) {
    double[] s = new double[counts.length];
    if (n > 0) for (int i = 0; i < counts.length; i++) s[i] = (double) counts[i] / n;
    return s;
  }

  static String pct(int a, int b) {
    double p = Evaluation.percent(a, b);
    return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, "%.2f %% (%d/%d)", p, a, b);
  }

  static String num(double v, int digits) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }
}
