package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.grammar.Diagnostic;
import xtal.runtime.Generator;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.runtime.output.SampleWriter;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.SentenceChecker;

/**
 * {@code xtalc sample QUERY}: compiles the query, decodes the model with the query's automaton as
 * its mask, writes every crystal as it is produced and re-checks each one independently.
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Sample crystals that satisfy a query with the model. QUERY is a .xtal file (its sample",
      "settings are read; options given here win), an inline template, or a .xtalc file.",
      "Writes DIR/samples.sentences (one canonical sentence per line, in sampling order) and, per",
      "--format, DIR/samples.jsonl, DIR/cif/, DIR/poscar/ — each sample as soon as it is made."
    })
public final class SampleCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "QUERY", description = "A .xtal file, an inline template, or a .xtalc file.")
  String query;

  @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Number of crystals (query file's 'count', else 10).")
  Integer count;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed gives byte-identical output (query's 'seed', else 0).")
  Long seed;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature > 0 (query's, else 1).")
  Double temperature;

  @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling of letters and elements, in (0, 1] (query's, else 1).")
  Double topP;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (query's 'output', else out/<query name>).")
  Path output;

  @Option(names = "--format", paramLabel = "LIST", description = "Any of " + SampleWriter.Format.NAMES + " (query's 'format', else cif,poscar,jsonl).")
  String format;

  @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: XTAL_MODEL or -Dxtal.model, else the installation's models/mp20, wherever xtalc runs from).")
  Path model;

  @Option(names = "--batch-size", paramLabel = "B", description = "Crystals decoded together (default: ${DEFAULT-VALUE}).")
  int batchSize = SampleOptions.DEFAULT_BATCH_SIZE;

  @Option(names = "--min-distance", paramLabel = "Å", description = "Redraw a new site's last free coordinate (at most 10 times) while its atoms come closer than this to others; 0 = off (default: ${DEFAULT-VALUE}).")
  double minDistance = SampleOptions.DEFAULT_MIN_DISTANCE;

  @Option(names = "--no-cache", description = "Recompute the whole prefix at every step instead of using the key/value cache (slow; for comparison).")
  boolean noCache;

  @Option(names = {"--force", "--overwrite"}, description = "Write into an output directory that holds an earlier run's output, deleting that output first (never mixing two runs).")
  boolean force;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error (default: when standard error is a terminal, wherever standard output goes).")
  Boolean progress;

  @Mixin QueryArgs args;

  @Mixin Verbosity verbosity;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (!args.valid(err, "sample")) return Xtalc.USAGE;
    CompiledQuery q = args.load(query, err, "sample");
    if (q == null) {
      err.flush();
      return args.failure;
    }
    Settings s;
    try {
      s = settings(q.sampling(), q.name());
    } catch (IllegalArgumentException e) {
      err.println("xtalc sample: " + e.getMessage());
      return Xtalc.USAGE;
    }
    OutputPaths.directory(s.output, "--output");
    Path dir = model != null ? model : Generator.defaultModel();
    long started = System.nanoTime();
    SamplingRun run = SamplingRun.open(dir, !noCache, q, s.output, s.formats, force);
    try (Generator g = run.generator();
        SampleWriter w = run.writer()) {
      w.writeManifest(Manifest.of(spec, query, q, s.options, dir));
      err.printf(Locale.ROOT, "xtalc sample: query %s (%d automaton states), model %s on %s; writing to %s%n",
          q.name(), q.numStates(), dir, g.device(), s.output);
      err.flush();
      int bad = 0, resampled = 0, crowded = 0;
      // Ctrl-C: say what is on disk (every sample is flushed as it is written)
      Thread interrupted = new Thread(() -> {
        err.printf(Locale.ROOT, "%nxtalc sample: interrupted; %d crystals written to %s%n", w.written(), s.output);
        err.flush();
      });
      Runtime.getRuntime().addShutdownHook(interrupted);
      try (ProgressBar bar = progressBar(s.options.count())) {
        for (Sample smp : (Iterable<Sample>) g.sample(q, s.options)::iterator) {
          w.write(smp);
          bad += verify(q, smp, err);
          resampled += smp.resampled();
          crowded += smp.tooClose();
          if (bar != null) bar.step();
        }
      } finally {
        Runtime.getRuntime().removeShutdownHook(interrupted);
      }
      double secs = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "sampled %d crystals in %.1f s (%.2f crystals/s); %d of %d satisfy the query (re-checked)%n",
          w.written(), secs, w.written() / secs, w.written() - bad, w.written());
      if (s.options.minDistance() > 0) {
        out.printf(Locale.ROOT, "minimum distance %.2f Å: %d coordinates redrawn; %d sites still closer after %d tries%n",
            s.options.minDistance(), resampled, crowded, SampleOptions.MAX_RESAMPLES);
      }
      out.printf(Locale.ROOT, "wrote %s%n", w.directory().resolve("samples.sentences"));
      out.flush();
      return bad == 0 ? Xtalc.OK : Xtalc.INTERNAL;
    } catch (IOException e) {
      err.println("xtalc sample: " + s.output + ": cannot write: " + OutputPaths.reason(e));
      return Xtalc.CANT_CREATE;
    }
  }

  /**
   * Re-checks a sample on a path independent of the decoder and of the automaton: the stdlib
   * checker reads the sentence as written, and the query's meaning decides the crystal it gives
   * (the structure by the stdlib's TemplateMatcher). Only a .xtalc query whose source cannot be
   * recompiled falls back to the compiled automaton.
   */
  private static int verify(CompiledQuery q, Sample s, PrintWriter err) {
    CheckResult r = SentenceChecker.check("sample " + (s.index() + 1), s.sentence());
    List<String> broken = r.crystal()
        .map(c -> q.meaning() != null ? q.meaning().violations(c) : CrystalMatcher.accepts(q, c) ? List.<String>of() : List.of("the compiled query"))
        .orElse(List.of("the sentence rules"));
    if (broken.isEmpty()) return 0;
    err.println("xtalc sample: internal error: sample " + (s.index() + 1) + " violates " + String.join("; ", broken) + ": " + s.sentence());
    for (Diagnostic d : r.errors()) err.println("  " + d.format());
    return 1;
  }

  private ProgressBar progressBar(int n) {
    boolean show = progress != null ? progress : HelpTexts.stderrIsTerminal();
    if (!show) return null;
    return new ProgressBarBuilder()
        .setTaskName("sampling")
        .setInitialMax(n)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUnit(" crystals", 1)
        .showSpeed()
        .build();
  }

  private record Settings(SampleOptions options, Path output, Set<SampleWriter.Format> formats) {}

  /** The query file's sample settings, overridden by the options given on the command line. */
  private Settings settings(Map<String, String> q, String name) {
    int n = count != null ? count : (int) integer(q, "count", 10, Integer.MAX_VALUE);
    long sd = seed != null ? seed : integer(q, "seed", 0, Long.MAX_VALUE);
    double t = temperature != null ? temperature : number(q, "temperature", 1);
    double p = topP != null ? topP : number(q, "top-p", 1);
    String fmt = format != null ? format : q.getOrDefault("format", "cif,poscar,jsonl");
    Path dir = output != null ? output : Path.of(q.getOrDefault("output", "out/" + safeName(name)));
    if (n < 0) throw new IllegalArgumentException("count must be >= 0, found " + n);
    if (!(t > 0 && t < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("temperature must be a finite number > 0, found " + t);
    if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], found " + p);
    if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1");
    if (!(minDistance >= 0 && minDistance < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("--min-distance must be a finite number >= 0, found " + minDistance);
    return new Settings(new SampleOptions(n, sd, t, p, batchSize, minDistance), dir, SampleWriter.Format.parseList(fmt));
  }

  /** A directory name from the query's name ({@code <template>} for inline templates). */
  private static String safeName(String queryName) {
    String n = queryName.replaceAll("[^A-Za-z0-9._-]", "");
    return n.isEmpty() ? "samples" : n;
  }

  /** A whole-number sample setting in 0..max; too large or fractional is an error, never a wrapped value. */
  private static long integer(Map<String, String> q, String key, long dflt, long max) {
    String v = q.get(key);
    if (v == null) return dflt;
    try {
      long n = Long.parseLong(v.strip());
      if (n < 0 || n > max) throw new IllegalArgumentException("sample setting '" + key + "' must be in 0.." + max + ", found " + v);
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sample setting '" + key + "' must be a whole number in 0.." + max + ", found " + v);
    }
  }

  private static double number(Map<String, String> q, String key, double dflt) {
    String v = q.get(key);
    if (v == null) return dflt;
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sample setting '" + key + "': not a number: " + v);
    }
  }
}
