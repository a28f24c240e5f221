package xtal.bench;

import java.util.Random;
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
import xtal.compiler.QueryCompiler;
import xtal.compiler.automaton.CompiledAutomaton;

/**
 * One decoding step of the constraint automaton: copy the allowed-token mask of the current state
 * (six longs, what the decoder ANDs into the logits) and take the transition of the chosen token.
 * Runs along 4,096 pre-recorded random walks through the unconstrained all-groups automaton, so
 * the states visited (and the cache misses) are those of real decoding; one operation is one step.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar AutomatonStepBenchmark -jvmArgs -Dxtal.data=../shared/data
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AutomatonStepBenchmark {
  CompiledAutomaton automaton;
  int[] tokens; // walks concatenated; each walk starts at state 0
  long[] mask = new long[CompiledAutomaton.WORDS];
  int position, state;

  @Setup
  public void setUp() {
    automaton = QueryCompiler.unconstrained().automaton();
    Random rnd = new Random(1);
    int[] buf = new int[1 << 20];
    int n = 0;
    for (int w = 0; w < 4096; w++) {
      int s = 0;
      while (true) {
        int[] allowed = automaton.allowedTokens(s);
        if (allowed.length == 0) break;
        int t = allowed[rnd.nextInt(allowed.length)];
        buf[n++] = t;
        s = automaton.step(s, t);
      }
    }
    tokens = java.util.Arrays.copyOf(buf, n);
  }

  /** Mask copy + step: one decoding step. */
  @Benchmark
  public int maskAndStep() {
    automaton.mask(state, mask, 0);
    int next = automaton.step(state, tokens[position]);
    position = position + 1 == tokens.length ? 0 : position + 1;
    // the walks are valid token strings, so next >= 0; after END the next walk starts at 0
    state = automaton.isAccept(next) ? 0 : next;
    return state + (int) mask[0];
  }
}
