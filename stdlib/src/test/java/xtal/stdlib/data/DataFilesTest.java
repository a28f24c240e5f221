package xtal.stdlib.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

  @Test
  void overrideDirectoryIsReadAndAMissingTableIsNamed(@TempDir Path dir) throws Exception {
    String old = System.getProperty("xtal.data");
    try {
      Files.writeString(dir.resolve("elements.csv"), "Z,symbol\n1,H\n");
      System.setProperty("xtal.data", dir.toString());
      assertThat(DataFiles.lines("elements.csv")).containsExactly("Z,symbol", "1,H");
      assertThatThrownBy(() -> DataFiles.lines("spacegroups/wyckoff_list.csv"))
          .hasMessageContaining(dir.resolve("spacegroups/wyckoff_list.csv").toString())
          .hasMessageContaining("xtal.data");
    } finally {
      if (old == null) System.clearProperty("xtal.data");
      else System.setProperty("xtal.data", old);
    }
  }

  @Test
  void packagedTablesAreInTheJar() {
    String old = System.getProperty("xtal.data");
    try {
      System.clearProperty("xtal.data");
      if (System.getenv("XTAL_DATA") == null) assertThat(DataFiles.lines("spacegroups/spacegroups.csv")).hasSize(231);
    } finally {
      if (old != null) System.setProperty("xtal.data", old);
    }
  }

  @Test
  void pythonLiteralsAndCsv() {
    assertThat(PyLiteral.stringListList("[['x, y, z', '-x, -y, -z'], ['0, 0, 0']]"))
        .containsExactly(List.of("x, y, z", "-x, -y, -z"), List.of("0, 0, 0"));
    assertThatThrownBy(() -> PyLiteral.parse("[['x'")).hasMessageContaining("offset");
    assertThat(Csv.split("1,\"[['a, b']]\",\"R 3 2\"\"\"")).containsExactly("1", "[['a, b']]", "R 3 2\"");
  }
}
