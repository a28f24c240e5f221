package xtal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xtal.models.train.TrainConfig;
import xtal.models.train.Trainer;
import xtal.models.train.TrainingRun;

/**
 * {@code xtalc train --config FILE}: trains the model a config describes and exports it; {@code
 * xtalc train --config models/mp20/train.json} reproduces the shipped model. Progress goes to
 * standard error, the final metrics to standard output. A run interrupted after a checkpoint
 * resumes when started again with the same config.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the transformer on crystal sentences (TensorFlow graph mode, CPU or GPU) and export",
      "a SavedModel with model.json. 'xtalc train --config models/mp20/train.json' reproduces the",
      "shipped model. Re-running the same config resumes from its last checkpoint.",
      "A bad config or data file is bad input (exit 65)."
    })
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Training config (JSON), e.g. models/mp20/train.json.")
  Path config;

  @Option(names = "--output", paramLabel = "DIR", description = "Export here instead of the config's output.")
  String output;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Checkpoints here instead of the config's workDir.")
  String workDir;

  @Option(names = "--max-minutes", paramLabel = "M", description = "Override the config's time limit.")
  Double maxMinutes;

  @Option(names = "--epochs", paramLabel = "E", description = "Override the config's number of epochs.")
  Double epochs;

  @Mixin Verbosity verbosity;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (!Files.isRegularFile(config)) {
      err.println("xtalc train: " + config + ": no such file");
      return Xtalc.NO_INPUT;
    }
    TrainConfig cfg;
    try {
      cfg = TrainConfig.read(config).with(output, workDir, maxMinutes, epochs);
    } catch (IllegalArgumentException e) {
      err.println("xtalc train: " + e.getMessage());
      return Xtalc.DATA_ERROR;
    }
    Trainer.Outcome o;
    try {
      o = TrainingRun.execute(cfg, err);
    } catch (IllegalArgumentException e) {
      err.println("xtalc train: " + e.getMessage());
      return Xtalc.DATA_ERROR;
    }
    out.printf(Locale.ROOT, "steps: %d  time: %.1f min  throughput: %.1f crystals/s%n", o.steps(), o.seconds() / 60, o.crystalsPerSecond());
    out.println("train NLL: " + o.train().format() + " nats/crystal");
    if (o.validation() != null) out.println("validation NLL: " + o.validation().format() + " nats/crystal");
    out.println("model: " + cfg.output());
    out.flush();
    return Xtalc.OK;
  }

}
