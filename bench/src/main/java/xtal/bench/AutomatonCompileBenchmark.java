package xtal.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import xtal.compiler.CompileException;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.stdlib.spacegroup.SpaceGroups;

/**
 * Compile times, from query text to the minimal compiled automaton (parse, product, minimize,
 * dense tables). The unconstrained grammar runs in a JVM capped at 200 MB of heap
 * ({@code -Xmx200m}), so a result at all shows it fits.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar AutomatonCompileBenchmark -jvmArgs -Dxtal.data=../shared/data
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx200m"})
public class AutomatonCompileBenchmark {

  /** The double-perovskite skeleton: one template, fixed letters and numbers. */
  public static final String TEMPLATE = "225-a-[?]-0-0-0-b-[?]-1/2-1/2-1/2-c-[?]-1/4-1/4-1/4-e-O-?-0-0-X-?";

  /** Charge balance over 10 elements, in the cubic perovskite family of Pm-3m. */
  public static final String CHARGE = """
      query charged {
          structure 221-(?-?-?-?-?)+-X-?
          only Li, Na, K, Mg, Ca, Sr, Ti, Fe, O, F
          charge-balanced
      }
      """;

  @Setup
  public void loadTables() {
    SpaceGroups.all(); // the tables are read once per JVM, not per compile
  }

  @Benchmark
  public CompiledQuery singleTemplate() throws CompileException {
    return QueryCompiler.compileTemplate("bench", TEMPLATE, Limits.DEFAULT);
  }

  /** All 230 groups, ≤ 20 sites, ≤ 20 atoms per primitive cell: the trainer's mask. */
  @Benchmark
  public CompiledQuery unconstrainedAllGroups() {
    return QueryCompiler.unconstrained(Limits.DEFAULT);
  }

  @Benchmark
  public CompiledQuery chargeBalancedTenElements() throws CompileException {
    return QueryCompiler.compileFile("bench.xtal", CHARGE, Limits.DEFAULT).getFirst();
  }
}
