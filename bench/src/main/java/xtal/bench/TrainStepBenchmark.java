package xtal.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Batch;
import xtal.models.seq.Encoded;
import xtal.models.seq.Encoder;
import xtal.models.train.Dataset;
import xtal.models.train.TrainConfig;
import xtal.models.train.Trainer;

/**
 * Training throughput of the shipped configuration ({@code models/mp20/train.json}: the network
 * shape and batch size): one Adam step (forward, backward, clipping, update, dropout on) on
 * MP-20 training batches of similar length, as the trainer forms them. One operation is one
 * crystal, so the score is crystals per second. {@code evaluate} is the forward pass with the
 * likelihood only (validation, {@code xtalc score}).
 *
 * <pre>
 * java -Dxtal.data=../shared/data -jar bench/target/benchmarks.jar TrainStepBenchmark -wi 2 -i 3 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class TrainStepBenchmark {
  static final int BATCH = 64;

  @Param({"models/mp20/train.json"})
  public String config;

  Trainer trainer;
  List<Batch> batches;
  int next;
  long step;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    TrainConfig cfg = TrainConfig.read(Path.of(config));
    if (cfg.batchSize() != BATCH) throw new IllegalStateException("the benchmark counts " + BATCH + " crystals per step; config has " + cfg.batchSize());
    Dataset train = Dataset.read(TrainConfig.resolve(cfg.train()), new Encoder(AutomatonMasks.unconstrained()));
    List<List<Encoded>> groups = Trainer.batches(train.encoded(), BATCH, cfg.seed());
    batches = groups.stream().limit(200).map(Batch::of).toList();
    trainer = new Trainer(cfg.with(null, "target/bench-train", null, null), new PrintWriter(new StringWriter()));
    trainer.initialize();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float[] trainStep() {
    Batch b = batches.get(next++ % batches.size());
    return trainer.trainStep(b, 1e-4f, ++step);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float[] evaluate() {
    return trainer.evaluateBatch(batches.get(next++ % batches.size()));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    trainer.close();
  }
}
