package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.grammar.Diagnostic;
import xtal.property.PropertyModel;
import xtal.property.data.CrystalSource;
import xtal.property.nn.NetConfig;
import xtal.property.train.PropertyTraining;
import xtal.property.train.TrainOptions;

/** {@code xtalc property train|predict}: property models from labelled crystals, and their predictions. */
@Command(
    name = "property",
    mixinStandardHelpOptions = true,
    description = {"Train a property model on labelled crystals, or predict a property for crystals."},
    subcommands = {PropertyCommand.Train.class, PropertyCommand.Predict.class})
public final class PropertyCommand implements Runnable {
  /** sysexits: an input file or model directory that does not exist. */
  static final int NO_INPUT = 66;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Train a regressor from crystals to a numeric CSV column (TensorFlow Java), export it (SavedModel,",
        "model.json, MODEL_CARD.md) and report MAE/R² beside the training mean and a linear model on",
        "element fractions, all measured in this run. Crystals come from a 'sentence' column, or a 'cif'",
        "column read through the importer; rows that fail are reported and skipped.",
        "Exit status: 0 trained, 64 usage, 65 bad data, 66 missing input."
      })
  static final class Train implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Training crystals with labels.")
    Path data;

    @Option(names = "--column", required = true, paramLabel = "NAME", description = "The numeric column to learn (e.g. heat_ref, ind_gap, energy_per_atom).")
    String column;

    @Option(names = "--val", paramLabel = "CSV", description = "Crystals to report on (never trained on, nor used to choose the epoch).")
    Path val;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The model directory to write.")
    Path output;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training crystals (default ${DEFAULT-VALUE}).")
    int epochs = TrainOptions.DEFAULT.epochs();

    @Option(names = "--batch", paramLabel = "N", description = "Crystals per step (default ${DEFAULT-VALUE}).")
    int batch = TrainOptions.DEFAULT.batchSize();

    @Option(names = "--learning-rate", paramLabel = "R", description = "Peak Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate = TrainOptions.DEFAULT.learningRate();

    @Option(names = "--hidden", paramLabel = "N", description = "Width (default ${DEFAULT-VALUE}).")
    int hidden = NetConfig.DEFAULT.hidden();

    @Option(names = "--interactions", paramLabel = "N", description = "Message-passing rounds (default ${DEFAULT-VALUE}).")
    int interactions = NetConfig.DEFAULT.interactions();

    @Option(names = "--holdout", paramLabel = "F", description = "Fraction of --data kept aside to choose the epoch (default ${DEFAULT-VALUE}).")
    double holdout = TrainOptions.DEFAULT.holdout();

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, split and shuffles (default ${DEFAULT-VALUE}).")
    long seed = TrainOptions.DEFAULT.seed();

    @Option(names = "--loss", paramLabel = "KIND", description = "huber (default), mse (the conditional mean: mostly-zero targets such as band gaps) or l1.")
    String loss = "huber";

    @Option(names = "--max-minutes", paramLabel = "M", description = "Stop training after this long (default ${DEFAULT-VALUE}).")
    double maxMinutes = TrainOptions.DEFAULT.maxMinutes();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
      TrainOptions options;
      try {
        TrainOptions.Loss kind = switch (loss.toLowerCase(Locale.ROOT)) {
          case "huber" -> TrainOptions.Loss.HUBER;
          case "mse" -> TrainOptions.Loss.MSE;
          case "l1" -> TrainOptions.Loss.L1;
          default -> throw new IllegalArgumentException("--loss is huber, mse or l1, not '" + loss + "'");
        };
        options = new TrainOptions(new NetConfig(hidden, interactions), epochs, batch, learningRate, holdout, seed, maxMinutes, kind);
      } catch (IllegalArgumentException e) {
        err.println("xtalc property train: " + e.getMessage());
        return Xtalc.USAGE;
      }
      for (Path p : val == null ? List.of(data) : List.of(data, val))
        if (!Files.isRegularFile(p)) {
          err.println("xtalc property train: " + p + ": no such file");
          return NO_INPUT;
        }
      try {
        PropertyTraining.Report r = PropertyTraining.run(new PropertyTraining.Request(data, column, val, output, options), err);
        PropertyTraining.Comparison c = r.evaluation() != null ? r.evaluation() : r.training();
        String set = r.evaluation() != null ? val.getFileName().toString() : "training";
        out.printf(Locale.ROOT, "%s: %s on %s (%d crystals): MAE %.4f R² %.3f; mean baseline MAE %.4f R² %.3f; linear baseline MAE %.4f R² %.3f%n",
            output, column, set, c.model().n(), c.model().mae(), c.model().r2(), c.mean().mae(), c.mean().r2(), c.linear().mae(), c.linear().r2());
        return Xtalc.OK;
      } catch (PropertyTraining.BadData e) {
        for (Diagnostic d : e.diagnostics()) err.println(d.format());
        err.println("xtalc property train: nothing to train on");
        return Xtalc.DATA_ERROR;
      } catch (IOException e) {
        err.println("xtalc property train: " + e.getMessage());
        return Xtalc.DATA_ERROR;
      }
    }
  }

  @Command(
      name = "predict",
      mixinStandardHelpOptions = true,
      description = {
        "Predict a property: one line per input crystal, the value, a tab, the canonical sentence.",
        "Inputs: sentence files (one per line), CSV files with a 'sentence' or 'cif' column, CIF files.",
        "Problems are reported as FILE:LINE:COL: message on stderr; the other crystals go on.",
        "Exit status: 0 all predicted, 64 usage, 65 some input or the model is bad, 66 missing input."
      })
  static final class Predict implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A property model directory (e.g. models/properties/perov5-heat_ref).")
    Path dir;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Sentence, CSV or CIF files.")
    List<Path> files;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
      if (!Files.isDirectory(dir)) {
        err.println("xtalc property predict: " + dir + ": no such model directory");
        return NO_INPUT;
      }
      int status = Xtalc.OK;
      try (PropertyModel model = PropertyModel.load(dir)) {
        for (Path file : files) {
          CrystalSource.Read r;
          try {
            r = CrystalSource.read(file, null);
          } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            status = Math.max(status, NO_INPUT);
            continue;
          } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            status = Math.max(status, Xtalc.DATA_ERROR);
            continue;
          }
          for (Diagnostic d : r.errors()) err.println(d.format());
          if (!r.ok()) status = Math.max(status, Xtalc.DATA_ERROR);
          double[] v = model.predict(r.entries().stream().map(CrystalSource.Entry::crystal).toList());
          for (int i = 0; i < v.length; i++)
            out.printf(Locale.ROOT, "%.6f\t%s%n", v[i], r.entries().get(i).crystal().canonicalSentence());
        }
      } catch (IOException e) {
        err.println("xtalc property predict: " + e.getMessage());
        return Xtalc.DATA_ERROR;
      }
      out.flush();
      return status;
    }
  }
}
