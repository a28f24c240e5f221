package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.eval.Evaluation;
import xtal.eval.ModelNll;
import xtal.eval.Report;
import xtal.eval.Samples;
import xtal.eval.StructureMatcher;
import xtal.eval.Validity;
import xtal.stdlib.data.DataFiles;
import xtal.stdlib.symmetry.SymmetryFinder;

/**
 * {@code xtalc eval SAMPLES [--train FILE] [--reference FILE] [--model DIR] [-o DIR]}: the metrics
 * the generative-crystal literature reports, as a table on standard output and, with {@code -o},
 * a {@code report.md} with PNG figures.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate generated crystals: structural and compositional (SMACT) validity,",
      "P1 share and space-group recovery by the symmetry finder, uniqueness and",
      "novelty (structure matcher and exact skeleton), Wasserstein distances of",
      "density and number of elements, space-group histogram distance, element",
      "frequencies; with --model, the model's NLL of the reference set.",
      "SAMPLES: a sentences file, a directory written by 'xtalc sample', a CSV with",
      "a 'sentence' or 'cif' column, a CIF file or a directory of CIF files.",
      "--reference and --train default to MP-20's val and train splits in the",
      "shared data directory (-Dxtal.data, $XTAL_DATA, else ../shared/data);",
      "'none' turns either off. Invalid samples are measured, not errors."
    })
public final class EvalCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SAMPLES", description = "The samples to evaluate.")
  Path samples;

  @Option(names = "--train", paramLabel = "FILE", description = "Training set for novelty (sentences or CIFs); 'none' to skip.")
  String train;

  @Option(names = "--reference", paramLabel = "FILE", description = "Reference set for the distributions (and --model's NLL); 'none' to skip.")
  String reference;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write report.md and the figures here.")
  Path output;

  @Option(names = "--model", paramLabel = "DIR", description = "Also report this model's NLL of the reference set (per crystal and per token kind).")
  Path model;

  @Option(names = "--nll-limit", paramLabel = "N", description = "Score only the first N reference crystals with --model (default: all).")
  int nllLimit;

  @Option(names = "--symprec", paramLabel = "Å", description = "Symmetry finder tolerance in Å (default ${DEFAULT-VALUE}).")
  double symprec = SymmetryFinder.DEFAULT_SYMPREC;

  @Option(names = "--oxidation-states", paramLabel = "TABLE", description = "Compositional test: smact (SMACT 2.2.1's own test and data, as the papers report it; default),"
      + " or the older variant on the shared element table with icsd (ICSD else common), common or union states.")
  String states = "smact";

  @Mixin Verbosity verbosity;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    Validity.OxidationStates table =
        switch (states.toLowerCase(Locale.ROOT)) {
          case "smact" -> Validity.OxidationStates.SMACT;
          case "icsd" -> Validity.OxidationStates.ICSD_ELSE_COMMON;
          case "common" -> Validity.OxidationStates.COMMON;
          case "union" -> Validity.OxidationStates.UNION;
          default -> null;
        };
    if (table == null) {
      err.println("xtalc eval: --oxidation-states: unknown table '" + states + "' (smact, icsd, common, union)");
      return Xtalc.USAGE;
    }
    if (!(symprec > 0)) {
      err.println("xtalc eval: --symprec must be positive");
      return Xtalc.USAGE;
    }
    if (output != null) OutputPaths.directory(output, "--output");
    if (!Files.exists(samples)) {
      err.println("xtalc eval: " + samples + ": no such file or directory");
      return Xtalc.NO_INPUT;
    }
    Path trainFile = resolve(train, "mp20_train.sentences.csv", "--train", err);
    Path refFile = resolve(reference, "mp20_val.sentences.csv", "--reference", err);
    if ((train != null && !train.equals("none") && trainFile == null) || (reference != null && !reference.equals("none") && refFile == null))
      return Xtalc.NO_INPUT;
    List<Samples.Entry> set, trainSet = null, refSet = null;
    try {
      set = Samples.read(samples);
      if (trainFile != null) trainSet = Samples.read(trainFile);
      if (refFile != null) refSet = Samples.read(refFile);
    } catch (IOException | RuntimeException e) {
      err.println("xtalc eval: " + e.getMessage());
      return Xtalc.DATA_ERROR;
    }
    if (trainSet != null && trainSet.stream().noneMatch(Samples.Entry::built)) {
      err.println("xtalc eval: --train " + trainFile + ": no training crystal could be read (novelty would be meaningless)");
      return Xtalc.DATA_ERROR;
    }
    if (refSet != null && refSet.stream().noneMatch(Samples.Entry::built)) {
      err.println("xtalc eval: --reference " + refFile + ": no reference crystal could be read");
      return Xtalc.DATA_ERROR;
    }
    if (set.isEmpty()) {
      err.println("xtalc eval: " + samples + ": no samples");
      return Xtalc.DATA_ERROR;
    }
    set.stream().filter(e -> !e.built()).limit(10).forEach(e -> err.println(e.problem()));
    long unbuilt = set.stream().filter(e -> !e.built()).count();
    if (unbuilt > 10) err.println("xtalc eval: … " + (unbuilt - 10) + " more samples did not build (listed in report.md)");
    Evaluation.Result r = Evaluation.run(set, trainSet, refSet, new Evaluation.Options(symprec, StructureMatcher.Tolerances.DEFAULT, table));
    if (model != null) {
      if (refFile == null) {
        err.println("xtalc eval: --model needs a reference set");
        return Xtalc.USAGE;
      }
      try {
        r = r.withNll(ModelNll.of(model, refFile, nllLimit));
      } catch (IOException | RuntimeException e) {
        // a missing or unloadable model (native library, bad SavedModel): the documented 66, not a crash
        err.println("xtalc eval: " + e.getMessage());
        return Xtalc.NO_INPUT;
      }
    }
    out.print(Report.table(r));
    if (output != null) {
      try {
        Path md = Report.write(output, r, samples.toString(), refFile == null ? null : refFile.toString(),
            trainFile == null ? null : trainFile.toString());
        out.println("report: " + md);
      } catch (IOException e) {
        err.println("xtalc eval: cannot write the report into " + output + ": " + OutputPaths.reason(e));
        return Xtalc.CANT_CREATE;
      }
    }
    out.flush();
    return Xtalc.OK;
  }

  /** The file given, or the shared default; null for 'none' or a missing default (with a note). */
  private static Path resolve(String given, String defaultName, String option, PrintWriter err) {
    if ("none".equals(given)) return null;
    if (given != null) {
      Path p = Path.of(given);
      if (Files.exists(p)) return p;
      err.println("xtalc eval: " + option + " " + given + ": no such file");
      return null;
    }
    Path dir = DataFiles.overrideDirectory();
    Path p = (dir != null ? dir : Path.of("..", "shared", "data")).resolve("crystals").resolve(defaultName);
    if (Files.isRegularFile(p)) return p;
    err.println("xtalc eval: no " + option.substring(2) + " set (" + p + " not found; give " + option + " FILE or set XTAL_DATA)");
    return null;
  }
}
