package xtal.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.model.Layout;
import xtal.models.Baseline;
import xtal.models.XtalModel;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Encoder;
import xtal.models.train.Dataset;

/**
 * {@code xtalc score FILE…|- [--model DIR]}: the negative log-likelihood of each sentence under the
 * model, normalised over what the unconstrained automaton allows (the sampler's masks), and last
 * {@code mean NLL: <value> nats/crystal over <n> crystals}.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Print the negative log-likelihood (nats) of each crystal sentence under the model, given its",
      "space group, with the masks the sampler uses; last 'mean NLL: <v> nats/crystal over <n> crystals'.",
      "Input: one sentence per line, or a CSV with a 'sentence' column; - reads standard input.",
      "Coordinates count as densities on [0,1), lattice lengths in Å and angles in degrees.",
      "A sentence that cannot be scored is reported as FILE:LINE:COL (exit 65)."
    })
public final class ScoreCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Sentence files; - reads standard input.")
  List<String> files;

  @Option(names = "--model", paramLabel = "DIR", description = "Model directory (SavedModel + model.json); default XTAL_MODEL, else the installation's models/mp20.")
  Path model;

  @Option(
      names = "--baseline",
      paramLabel = "TRAIN",
      description = "Score with the sequence-blind baseline fitted on TRAIN instead of the model: per-group letter and element frequencies, uniform coordinates, a Gaussian per lattice parameter and crystal system.")
  Path baseline;

  @Option(names = {"-k", "--by-kind"}, description = "Also print the NLL split into letter, element, coordinate and lattice terms.")
  boolean byKind;

  @Mixin Verbosity verbosity;

  @Spec CommandSpec spec;

  /** Where {@code -} reads from; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    Path dir = model != null ? model : defaultModel();
    Encoder encoder = new Encoder(AutomatonMasks.unconstrained());
    List<Dataset> sets = new ArrayList<>();
    boolean bad = false, unreadable = false;
    for (String arg : files) {
      String text;
      try {
        text = InputLines.read(arg, stdin);
      } catch (InputLines.CannotRead e) {
        err.println("xtalc score: " + InputLines.name(arg) + ": " + e.getMessage());
        unreadable = true;
        continue;
      }
      Dataset d = Dataset.parse(InputLines.name(arg), List.of(text.split("\r\n|\n|\r", -1)), encoder);
      for (String p : d.problems()) err.println(p);
      bad |= !d.problems().isEmpty();
      sets.add(d);
    }
    int n = 0;
    double sum = 0;
    Baseline base = null;
    if (baseline != null) {
      if (!Files.isRegularFile(baseline)) {
        err.println("xtalc score: " + baseline + ": no such file");
        return Xtalc.NO_INPUT;
      }
      String trainText;
      try {
        trainText = InputLines.read(baseline.toString(), stdin);
      } catch (InputLines.CannotRead e) {
        err.println("xtalc score: --baseline " + baseline + ": " + e.getMessage());
        return Xtalc.NO_INPUT;
      }
      Dataset train = Dataset.parse(baseline.toString(), List.of(trainText.split("\r\n|\n|\r", -1)), encoder);
      for (String p : train.problems()) err.println(p);
      if (train.size() == 0) {
        err.println("xtalc score: --baseline " + baseline + ": no training crystal to fit the baseline on");
        return Xtalc.DATA_ERROR;
      }
      base = Baseline.fit(train.encoded());
    }
    try (XtalModel m = base != null ? null : load(dir, err)) {
      if (m == null && base == null) return Xtalc.NO_INPUT;
      for (Dataset d : sets) {
        double[][] nll;
        if (base != null) {
          nll = new double[d.size()][];
          for (int i = 0; i < nll.length; i++) nll[i] = base.nll(d.encoded().get(i));
        } else {
          nll = m.nll(d.encoded());
        }
        for (int i = 0; i < nll.length; i++) {
          double total = 0;
          for (double v : nll[i]) total += v;
          if (!Double.isFinite(total)) {
            // a NaN or infinite score is no score: say so for this sentence, never print NaN with exit 0
            err.println(d.source() + ":" + d.lines().get(i) + ": the " + (base != null ? "baseline" : "model") + " gives this crystal a "
                + (Double.isNaN(total) ? "undefined (NaN)" : "infinite") + " negative log-likelihood"
                + (base != null ? " (the training set " + baseline + " lacks what it needs: a crystal system, group or element)" : ""));
            bad = true;
            continue;
          }
          StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.4f  %s:%d", total, d.source(), d.lines().get(i)));
          if (byKind)
            for (int k = 0; k < nll[i].length; k++) line.append(String.format(Locale.ROOT, "  %s %.4f", Layout.KINDS.get(k), nll[i][k]));
          out.println(line);
          sum += total;
          n++;
        }
      }
    }
    if (n == 0) {
      err.println("xtalc score: no sentence to score");
      out.flush();
      return unreadable ? Xtalc.NO_INPUT : Xtalc.DATA_ERROR;
    }
    out.printf(Locale.ROOT, "mean NLL: %.4f nats/crystal over %d crystals%n", sum / n, n);
    out.flush();
    return unreadable ? Xtalc.NO_INPUT : bad ? Xtalc.DATA_ERROR : Xtalc.OK;
  }

  private static XtalModel load(Path dir, PrintWriter err) {
    try {
      xtal.runtime.ModelFiles.check(dir);
      return XtalModel.load(dir);
    } catch (java.io.IOException e) {
      err.println("xtalc score: " + e.getMessage());
      return null;
    } catch (RuntimeException e) {
      // TensorFlow's text for a damaged graph or checkpoint: its first line is enough
      err.println("xtalc score: " + dir + ": the model cannot be loaded (damaged saved_model.pb or variables/?): "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return null;
    }
  }

  /** The shipped model, wherever xtalc runs from ({@link XtalModel#defaultDirectory()}). */
  static Path defaultModel() {
    return XtalModel.defaultDirectory();
  }
}
