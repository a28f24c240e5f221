package xtal.property.train;

import java.util.Locale;
import java.util.Map;

/** The MODEL_CARD.md of a trained property model: what it is, how it was made, and its numbers beside both baselines. */
final class ModelCard {
  private ModelCard() {}

  @SuppressWarnings("unchecked")
  static String markdown(PropertyTraining.Request req, PropertyTraining.Report r) {
    Map<String, Object> d = r.description();
    Map<String, Object> t = (Map<String, Object>) d.get("training");
    StringBuilder sb = new StringBuilder();
    String dir = req.out().getFileName().toString();
    sb.append("# ").append(dir).append(": property model for `").append(req.column()).append("`\n\n");
    sb.append("Predicts column `").append(req.column()).append("` of `").append(req.data().getFileName())
        .append("` from a crystal (sentence, or CIF through the importer). Load it with `PropertyModel.load(dir)` or run\n`xtalc property predict ")
        .append(dir).append(" FILE…`.\n\n");
    sb.append("**Architecture.** ").append(d.get("architecture")).append(". Inputs per symmetry-distinct site: a learned embedding of Z plus ")
        .append("element properties (mass, electronegativity, radius, metal flag, oxidation-state range, period), ln multiplicity, nearest-neighbour ")
        .append("distance and shell, and ").append(xtal.property.features.Featurizer.RBF).append(" Gaussian radial sums of all neighbours within ")
        .append(xtal.property.features.Featurizer.CUTOFF).append(" Å (periodic images included); pair filters from the same radial basis between sites; ")
        .append("cell features: volume per atom, density, shortest distance, crystal system, space group, reduced cell shape, composition statistics, charge balance with common and with ICSD oxidation states. ")
        .append("Loss: ").append(t.get("loss")).append(" on the standardised target; Adam with cosine decay; the epoch is chosen on a seeded hold-out of the training file.\n\n");
    if (r.evaluation() != null) {
      sb.append("## ").append(req.evaluation().getFileName()).append(" (").append(r.evaluation().model().n()).append(" crystals, never seen in training)\n\n");
      table(sb, r.evaluation());
      sb.append(String.format(Locale.ROOT, "%nThe model's MAE is %.1f %% of the mean baseline's and %.1f %% of the linear baseline's.%n%n",
          100 * r.evaluation().model().mae() / r.evaluation().mean().mae(), 100 * r.evaluation().model().mae() / r.evaluation().linear().mae()));
    }
    sb.append("## ").append(req.data().getFileName()).append(" (training part, ").append(r.training().model().n()).append(" crystals)\n\n");
    table(sb, r.training());
    sb.append(String.format(Locale.ROOT, "%nHold-out (%d crystals of the training file, used to choose the epoch): MAE %.4f, R² %.3f.%n%n",
        r.holdout().n(), r.holdout().mae(), r.holdout().r2()));
    sb.append("## Training\n\n");
    sb.append(String.format(Locale.ROOT,
        "- %s crystals read from `%s` (%s rows skipped: they failed to import or check)%n- width %s, %s interactions, batch %s, peak learning rate %s, loss %s, "
            + "seed %s; %s of %s epochs run, best epoch %s (%s steps)%n- wall time %s s (training %s s) on %s CPUs, load average %.2f before and %.2f after "
            + "(the shipped models were trained under `nice -n 15` by models/properties/train.sh)%n",
        t.get("crystals"), req.data().getFileName(), t.get("skipped_rows"), t.get("hidden"), t.get("interactions"), t.get("batch"), t.get("learning_rate"), t.get("loss"),
        t.get("seed"), t.get("epochs_run"), t.get("epochs"), t.get("best_epoch"), t.get("steps"), t.get("wall_seconds"), t.get("training_seconds"),
        t.get("cpus"), (Double) t.get("load_before"), (Double) t.get("load_after")));
    sb.append(String.format(Locale.ROOT, "- command: `xtalc property train --data %s --column %s%s --epochs %s --loss %s --seed %s -o %s`%n",
        req.data().getFileName(), req.column(), req.evaluation() == null ? "" : " --val " + req.evaluation().getFileName(), t.get("epochs"), t.get("loss"),
        t.get("seed"), dir));
    sb.append("\nMAE and RMSE are in the unit of the column; R² is 1 − SS_res/SS_tot on the set itself. ")
        .append("Baselines are fitted on the same training crystals as the model in the same run: the training mean, and least squares ")
        .append("(ridge 1e-4·n) on the atomic fractions of the elements seen in training. The training median is listed as a reference: ")
        .append("it is the best constant for MAE, and on a mostly-zero target (band gaps) it predicts 0.\n");
    return sb.toString();
  }

  private static void table(StringBuilder sb, PropertyTraining.Comparison c) {
    sb.append("| predictor | MAE | RMSE | R² |\n|---|---|---|---|\n");
    row(sb, "this model", c.model());
    row(sb, "training mean", c.mean());
    row(sb, "linear on element fractions", c.linear());
    row(sb, "(reference) training median", c.median());
  }

  private static void row(StringBuilder sb, String name, Scores s) {
    sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.3f |%n", name, s.mae(), s.rmse(), s.r2()));
  }
}
