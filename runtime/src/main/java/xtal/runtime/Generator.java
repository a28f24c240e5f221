package xtal.runtime;

import java.io.IOException;
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
 * try (Generator g = Generator.load(Generator.defaultModel())) {
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
  private volatile boolean closed;

  private Generator(ModelDescription description, DjlStepModel model) {
    this.directory = description.directory();
    this.model = model;
    this.decoder = new Decoder(model, description.groupPrior(), description.config().maxLength());
  }

  /**
   * Loads the model in {@code directory} through DJL's TensorFlow engine, with the incremental
   * (key/value-cached) step.
   *
   * @throws IOException naming the file when the directory holds no loadable model: a missing or
   *     empty file, a model.json field that is wrong, or a graph or variables the engine cannot
   *     load (all checked here, not at the first step)
   */
  public static Generator load(Path directory) throws IOException {
    return load(directory, true);
  }

  /**
   * @param cached false re-runs the whole prefix at every step instead of using the cache (the
   *     samples are the same up to float rounding; only for measuring what the cache saves)
   */
  public static Generator load(Path directory, boolean cached) throws IOException {
    ModelFiles.check(directory);
    ModelFiles.checkPrior(directory.resolve("model.json"), ModelFiles.json(directory));
    ModelDescription description = ModelDescription.read(directory);
    DjlStepModel model;
    try {
      model = DjlStepModel.load(description, cached);
    } catch (IOException e) {
      throw new IOException(directory + ": the model cannot be loaded (damaged saved_model.pb or variables/?): " + firstLine(e), e);
    } catch (RuntimeException e) {
      // TensorFlow reports a damaged graph or checkpoint as an unchecked exception with pages of text
      throw new IOException(directory + ": the model cannot be loaded (damaged saved_model.pb or variables/?): " + firstLine(e), e);
    }
    return new Generator(description, model);
  }

  private static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() != null && t.getMessage().contains(t.getCause().toString())) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.lines().filter(l -> !l.isBlank()).findFirst().orElse(m).strip();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  /**
   * The shipped model's directory: {@code -Dxtal.model}, {@code XTAL_MODEL}, the installation's
   * {@code models/mp20}, else the copy packaged in the xtal-models jar (see {@link
   * xtal.model.DefaultModel}); independent of the working directory.
   */
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

  /**
   * Refuses, before any sampling, a query whose crystals can be longer than the model's sequences.
   *
   * @throws IllegalArgumentException naming the query and both lengths
   */
  public void requireFits(CompiledQuery query) {
    int longest = query.maxSequenceLength();
    if (longest > maxSequenceLength()) {
      throw new IllegalArgumentException("query '" + query.name() + "' accepts crystals of up to " + longest
          + " sequence positions, but the model takes at most " + maxSequenceLength() + "; lower its atom or site limits");
    }
  }

  /** The longest sequence the model takes, in positions; see {@link CompiledQuery#maxSequenceLength()}. */
  public int maxSequenceLength() {
    return model.config().maxLength();
  }

  /**
   * As {@link #sample(CompiledQuery, SampleOptions)}, adding where the time goes to {@code timing}.
   *
   * @throws IllegalArgumentException before sampling, if the query accepts crystals longer than
   *     the model's sequences
   */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options, Decoder.Timing timing) {
    return sample(query, options, SampleProcessor.NONE, timing);
  }

  /**
   * As {@link #sample(CompiledQuery, SampleOptions)}, each draw going through {@code processor}
   * (which can narrow or reshape what the query allows, never widen it), reporting to {@code
   * listener}.
   *
   * @throws IllegalArgumentException before sampling, if the query accepts crystals longer than
   *     the model's sequences
   */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options, SampleProcessor processor, DecodeListener listener) {
    requireOpen();
    requireFits(query);
    int n = options.count(), b = options.batchSize();
    // in long: n + b - 1 overflows an int for a batch size near Integer.MAX_VALUE
    int batches = (int) ((n + (long) b - 1) / b);
    return IntStream.range(0, batches)
        .mapToObj(k -> {
          if (closed) throw new IllegalStateException("this Generator was closed while sampling");
          int start = (int) ((long) k * b);
          return decoder.decode(query.tokenAutomaton(), start, Math.min(b, n - start), options, processor, listener);
        })
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
    requireOpen();
    List<Completion> out = new ArrayList<>(prefixes.size());
    int b = options.batchSize();
    for (int k = 0; k < prefixes.size(); k += b) {
      out.addAll(decoder.complete(query.tokenAutomaton(), prefixes.subList(k, Math.min(prefixes.size(), k + b)), k, options, processor, DecodeListener.NONE));
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
    requireOpen();
    List<Scoring> out = new ArrayList<>(splits.size());
    int b = options.batchSize();
    for (int k = 0; k < splits.size(); k += b) {
      out.addAll(decoder.score(query.tokenAutomaton(), splits.subList(k, Math.min(splits.size(), k + b)), k, options, processor, DecodeListener.NONE));
    }
    return out;
  }

  private void requireOpen() {
    if (closed) throw new IllegalStateException("this Generator is closed: load the model again to sample");
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    model.close();
  }
}
