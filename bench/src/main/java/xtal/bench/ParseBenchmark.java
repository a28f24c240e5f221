package xtal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import xtal.grammar.CrystalParser;
import xtal.grammar.ParseResult;
import xtal.grammar.Printer;
import xtal.grammar.ast.Sentence;

/**
 * Parsing throughput on the MP-20 validation sentences: one operation is one sentence, so the
 * score is sentences per second. {@code parseSentence} is the path every training crystal takes;
 * {@code parseAndPrint} adds the canonical printer ({@code xtalc parse}).
 *
 * <pre>
 * java -Dxtal.data=../shared/data -jar bench/target/benchmarks.jar ParseBenchmark -wi 2 -i 3 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ParseBenchmark {

  /** Sentences per invocation: the MP-20 validation split. */
  static final int SENTENCES = 9047;

  List<String> sentences;

  @Setup
  public void load() throws IOException {
    String dir = System.getProperty("xtal.data", System.getenv().getOrDefault("XTAL_DATA", "../shared/data"));
    Path csv = Path.of(dir, "crystals", "mp20_val.sentences.csv");
    sentences = new ArrayList<>();
    for (String row : Files.readAllLines(csv)) {
      if (!row.startsWith("material_id")) sentences.add(row.substring(row.lastIndexOf(',') + 1).strip());
    }
    if (sentences.size() != SENTENCES) {
      throw new IllegalStateException("expected " + SENTENCES + " sentences in " + csv + ", found " + sentences.size());
    }
  }

  @Benchmark
  @OperationsPerInvocation(SENTENCES)
  public void parseSentence(Blackhole bh) {
    for (String s : sentences) {
      ParseResult<Sentence> r = CrystalParser.parseSentence("mp20_val", s);
      if (!r.ok()) throw new IllegalStateException(r.diagnostics().toString());
      bh.consume(r.value());
    }
  }

  @Benchmark
  @OperationsPerInvocation(SENTENCES)
  public void parseAndPrint(Blackhole bh) {
    for (String s : sentences) bh.consume(Printer.print(CrystalParser.parseSentence("mp20_val", s).value()));
  }
}
