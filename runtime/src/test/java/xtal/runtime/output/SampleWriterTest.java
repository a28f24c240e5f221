package xtal.runtime.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleWriterTest {
  @TempDir Path dir;

  @Test
  void roundingIsExactAtAnyMagnitude() {
    // a 10,000 Å cubic cell (the largest the checker accepts): Math.round(v * 1e4) would overflow a long
    assertThat(SampleWriter.round(1e12, 4)).isEqualTo(1e12);
    assertThat(SampleWriter.round(999_999_999_999.99999, 4)).isEqualTo(1e12);
    assertThat(SampleWriter.round(123.456789, 4)).isEqualTo(123.4568);
    assertThat(SampleWriter.round(Double.NaN, 4)).isNaN();
  }

  @Test
  void oneWriterPerDirectoryAndNoMixing() throws Exception {
    try (SampleWriter first = new SampleWriter(dir, Set.of(SampleWriter.Format.CIF))) {
      assertThatThrownBy(() -> new SampleWriter(dir, Set.of(), true)).isInstanceOf(SampleWriter.InUse.class);
    }
    // the first left samples.sentences behind: a second run is refused, or cleans with overwrite
    assertThatThrownBy(() -> new SampleWriter(dir, Set.of())).isInstanceOf(SampleWriter.NotEmpty.class)
        .hasMessageContaining("samples.sentences");
    Files.writeString(dir.resolve("cif/sample-00007.cif"), "stale");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    try (SampleWriter again = new SampleWriter(dir, Set.of(), true)) {
      assertThat(dir.resolve("cif/sample-00007.cif")).doesNotExist();
      assertThat(dir.resolve("notes.txt")).as("only a run's own files are deleted").exists();
    }
  }
}
