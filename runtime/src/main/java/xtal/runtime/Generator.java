package xtal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import xtal.compiler.CompiledQuery;
import xtal.model.ModelDescription;
import xtal.runtime.decode.Completion;
import xtal.runtime.decode.DecodeListener;
import xtal.runtime.decode.Decoder;
import xtal.runtime.decode.Prefix;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.runtime.decode.SampleProcessor;
import xtal.runtime.decode.Scoring;
import xtal.runtime.engine.DjlStepModel;
import xtal.stdlib.crystal.Crystal;

/**
 * The library entry point: load a model, sample crystals that satisfy a compiled query, complete
 * a kept part of a crystal, score crystals.
 *
 * <pre>{@code
 * CompiledQuery q = QueryCompiler.compileTemplate("<mine>", "225-a-[alkali]-0-0-0-b-[halogen]-1/2-1/2-1/2-X-?", Limits.DEFAULT);
 * try (Generator g = Generator.load(Path.of("models/mp20"))) {
 *   g.sample(q, SampleOptions.DEFAULTS.withCount(10).withSeed(42))
 *    .forEach(s -> System.out.println(s.sentence()));
 * }
 * }</pre>
 *
 * <p>For Metropolis–Hastings over crystals: {@link #complete} proposes X′ from a {@link Prefix} of
 * X and reports log q(X′ | prefix); {@link #score} with the same prefix length gives log q(X |
 * prefix) and the model's log-likelihood of X.
 *
 * <p>Thread-safe: concurrent calls each decode their own batches (their own key/value caches and
 * predictors) over the one loaded model.
 */
public final class Generator implements AutoCloseable {
  private final Path directory;
  private final DjlStepModel model;
  private final Decoder decoder;

  private Generator(ModelDescription description, DjlStepModel model) {
    this.directory = description.directory();
    this.model = model;
    this.decoder = new Decoder(model, description.groupPrior(), description.config().maxLength());
  }

  /**
   * Loads the model in {@code directory} through DJL's TensorFlow engine, with the incremental
   * (key/value-cached) step.
   *
   * @throws IOException naming the directory when it holds no loadable model
   */
  public static Generator load(Path directory) throws IOException {
    return load(directory, true);
  }

  /**
   * @param cached false re-runs the whole prefix at every step instead of using the cache (the
   *     samples are the same up to float rounding; only for measuring what the cache saves)
   */
  public static Generator load(Path directory, boolean cached) throws IOException {
    if (!Files.isDirectory(directory)) throw new IOException(directory + ": no such model directory");
    ModelDescription description = ModelDescription.read(directory); // model.json, read once
    return new Generator(description, DjlStepModel.load(description, cached));
  }

  /** The shipped model's directory ({@code -Dxtal.model}, {@code XTAL_MODEL}, else models/mp20). */
  public static Path defaultModel() {
    return ModelDescription.defaultDirectory();
  }

  public Path directory() {
    return directory;
  }

  /** Where the model runs, e.g. {@code cpu()} or {@code gpu(0)}. */
  public String device() {
    return DjlStepModel.device().toString();
  }

  /**
   * Samples {@code options.count()} crystals lazily, in batches of {@code options.batchSize()}.
   * Every crystal is accepted by {@code query}'s automaton by construction.
   */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options) {
    return sample(query, options, SampleProcessor.NONE, DecodeListener.NONE);
  }

  /** As {@link #sample(CompiledQuery, SampleOptions)}, adding where the time goes to {@code timing}. */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options, Decoder.Timing timing) {
    return sample(query, options, SampleProcessor.NONE, timing);
  }

  /**
   * As {@link #sample(CompiledQuery, SampleOptions)}, each draw going through {@code processor}
   * (which can narrow or reshape what the query allows, never widen it), reporting to {@code
   * listener}.
   */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options, SampleProcessor processor, DecodeListener listener) {
    int n = options.count(), b = options.batchSize();
    return IntStream.range(0, (n + b - 1) / b)
        .mapToObj(k -> decoder.decode(query.automaton(), k * b, Math.min(b, n - k * b), options, processor, listener))
        .flatMap(List::stream);
  }

  /**
   * Completes each prefix: its slots teacher-forced through the model, the rest drawn under
   * {@code query} with {@code options} (temperature, top-p, minimum distance; {@code count} is
   * ignored, {@code seed} and the prefix's index fix the draws). In batches of {@code
   * options.batchSize()}, in input order.
   */
  public List<Completion> complete(CompiledQuery query, List<Prefix> prefixes, SampleOptions options) {
    return complete(query, prefixes, options, SampleProcessor.NONE);
  }

  /** As {@link #complete(CompiledQuery, List, SampleOptions)}, drawing through {@code processor}. */
  public List<Completion> complete(CompiledQuery query, List<Prefix> prefixes, SampleOptions options, SampleProcessor processor) {
    List<Completion> out = new ArrayList<>(prefixes.size());
    int b = options.batchSize();
    for (int k = 0; k < prefixes.size(); k += b) {
      out.addAll(decoder.complete(query.automaton(), prefixes.subList(k, Math.min(prefixes.size(), k + b)), k, options, processor, DecodeListener.NONE));
    }
    return out;
  }

  /**
   * The model's log-likelihood of each crystal under {@code query}'s masks (teacher forcing, in
   * batches of the default size): what {@link Sample#logLikelihood} reports for a sampled crystal.
   * A crystal the query does not accept is {@link xtal.runtime.decode.Rejected}.
   */
  public List<Scoring> score(CompiledQuery query, List<Crystal> crystals) {
    return score(query, crystals.stream().map(Prefix::group).toList(), SampleOptions.DEFAULTS, SampleProcessor.NONE);
  }

  /**
   * Scores each crystal of {@code splits} whole, and the slots after its prefix as a proposal:
   * {@link xtal.runtime.decode.Score#logProposal} is what {@link #complete} with that prefix,
   * {@code options} and {@code processor} would have reported had it drawn this crystal.
   */
  public List<Scoring> score(CompiledQuery query, List<Prefix> splits, SampleOptions options, SampleProcessor processor) {
    List<Scoring> out = new ArrayList<>(splits.size());
    int b = options.batchSize();
    for (int k = 0; k < splits.size(); k += b) {
      out.addAll(decoder.score(query.automaton(), splits.subList(k, Math.min(splits.size(), k + b)), k, options, processor, DecodeListener.NONE));
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }
}
