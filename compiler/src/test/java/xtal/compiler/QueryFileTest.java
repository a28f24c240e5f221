package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .xtalc format round-trips exactly and rejects foreign or damaged files with a clear message. */
class QueryFileTest {

  @Test
  void roundTripKeepsEverything(@TempDir Path dir) throws Exception {
    CompiledQuery q = QueryCompiler.compileFile("t.xtal", """
        query dp {
          structure 225-a-$B=[transition-metal]-0-0-0-b-$C=[transition-metal]-1/2-1/2-1/2-c-$A=[alkaline-earth]-1/4-1/4-1/4-e-O-[0.2..0.3]-0-0-X-?
          sample { count 10 temperature 0.8 }
        }
        """, Limits.DEFAULT).getFirst();
    Path f = dir.resolve("q.xtalc");
    QueryFile.write(q, f);
    CompiledQuery r = QueryFile.read(f);
    assertThat(r.name()).isEqualTo("dp");
    assertThat(r.source()).isEqualTo(q.source());
    assertThat(r.limits()).isEqualTo(q.limits());
    assertThat(r.sampling()).containsEntry("count", "10").containsEntry("temperature", "0.8");
    assertThat(r.numStates()).isEqualTo(q.numStates());
    assertThat(r.skeletonCount()).isEqualTo(q.skeletonCount());
    for (int s = 0; s < q.numStates(); s++) {
      assertThat(r.automaton().annotation(s)).isEqualTo(q.automaton().annotation(s));
      assertThat(r.automaton().isAccept(s)).isEqualTo(q.automaton().isAccept(s));
      for (int t = 0; t < Vocabulary.SIZE; t++) assertThat(r.automaton().step(s, t)).isEqualTo(q.automaton().step(s, t));
    }
    assertThat(QueryFile.toBytes(r)).isEqualTo(QueryFile.toBytes(q));
  }

  @Test
  void corruptFilesAreReportedClearly(@TempDir Path dir) throws IOException {
    byte[] good = QueryFile.toBytes(QueryCompiler.unconstrained(Limits.DEFAULT.withAtoms(1, 4, Limits.Unit.PRIMITIVE)));
    Path notOurs = dir.resolve("a.xtalc");
    Files.writeString(notOurs, "query q { }");
    assertThatThrownBy(() -> QueryFile.read(notOurs)).isInstanceOf(IOException.class).hasMessageContaining("bad header");
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x40;
    assertThatThrownBy(() -> QueryFile.fromBytes(flipped, "f")).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 100);
    assertThatThrownBy(() -> QueryFile.fromBytes(cut, "f")).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    byte[] version = good.clone();
    version[9] = 9;
    assertThatThrownBy(() -> QueryFile.fromBytes(version, "f")).isInstanceOf(IOException.class).hasMessageContaining("version");
  }
}
