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
      "Exit status: 0 all scored, 2 usage, 65 some sentence could not be scored (reported as FILE:LINE:COL)."
    })
public final class ScoreCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Sentence files; - reads standard input.")
  List<String> files;

  @Option(names = "--model", paramLabel = "DIR", description = "Model directory (SavedModel + model.json); default models/mp20, or $XTAL_MODEL.")
  Path model;

  @Option(
      names = "--baseline",
      paramLabel = "TRAIN",
      description = "Score with the sequence-blind baseline fitted on TRAIN instead of the model: per-group letter and element frequencies, uniform coordinates, a Gaussian per lattice parameter and crystal system.")
  Path baseline;

  @Option(names = {"-k", "--by-kind"}, description = "Also print the NLL split into letter, element, coordinate and lattice terms.")
  boolean byKind;

  @Spec CommandSpec spec;

  /** Where {@code -} reads from; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    Path dir = model != null ? model : defaultModel();
    Encoder encoder = new Encoder(AutomatonMasks.unconstrained());
    List<Dataset> sets = new ArrayList<>();
    boolean bad = false;
    for (String arg : files) {
      String text;
      try {
        text = InputLines.read(arg, stdin);
      } catch (InputLines.CannotRead e) {
        err.println("xtalc score: " + InputLines.name(arg) + ": " + e.getMessage());
        bad = true;
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
        return Xtalc.USAGE;
      }
      Dataset train = Dataset.read(baseline, encoder);
      for (String p : train.problems()) err.println(p);
      base = Baseline.fit(train.encoded());
    }
    try (XtalModel m = base != null ? null : load(dir, err)) {
      if (m == null && base == null) return Xtalc.DATA_ERROR;
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
      return bad ? Xtalc.DATA_ERROR : Xtalc.USAGE;
    }
    out.printf(Locale.ROOT, "mean NLL: %.4f nats/crystal over %d crystals%n", sum / n, n);
    out.flush();
    return bad ? Xtalc.DATA_ERROR : Xtalc.OK;
  }

  private static XtalModel load(Path dir, PrintWriter err) {
    try {
      return XtalModel.load(dir);
    } catch (java.io.IOException e) {
      err.println("xtalc score: " + e.getMessage());
      return null;
    }
  }

  /** {@code models/mp20} under the working directory, else beside the installed jar's checkout. */
  static Path defaultModel() {
    Path p = XtalModel.defaultDirectory();
    if (Files.isDirectory(p) || p.isAbsolute()) return p;
    try {
      Path jar = Path.of(ScoreCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent() == null ? null : jar.getParent().getParent();
      if (root != null && root.getParent() != null && Files.isDirectory(root.getParent().resolve(p))) return root.getParent().resolve(p);
    } catch (Exception e) {
      // fall through to the relative path, reported when missing
    }
    return p;
  }
}
