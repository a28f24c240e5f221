package xtal.stdlib.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the shared tables are read from. By default from the copies the build packaged under
 * {@code xtal/stdlib/data/}; if the system property {@code xtal.data} or the environment variable
 * {@code XTAL_DATA} names a directory, from there instead ({@code spacegroups/*.csv} and
 * {@code elements.csv}, the layout of {@code ../shared/data}). The property wins over the variable.
 */
public final class DataFiles {
  private DataFiles() {}

  /** The override directory, or null to read the packaged resources. */
  public static Path overrideDirectory() {
    String dir = System.getProperty("xtal.data");
    if (dir == null || dir.isBlank()) dir = System.getenv("XTAL_DATA");
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  /**
   * The lines of a table: {@code name} is {@code spacegroups/wyckoff_list.csv} or {@code
   * elements.csv}.
   *
   * @throws IllegalStateException naming where it looked if the table is missing
   */
  public static List<String> lines(String name) {
    Path dir = overrideDirectory();
    try {
      if (dir != null) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file))
          throw new IllegalStateException("xtal: data table " + file + " not found (set -Dxtal.data or XTAL_DATA to the shared data directory)");
        return Files.readAllLines(file, StandardCharsets.UTF_8);
      }
      String resource = "/xtal/stdlib/data/" + name.substring(name.lastIndexOf('/') + 1);
      InputStream in = DataFiles.class.getResourceAsStream(resource);
      if (in == null)
        throw new IllegalStateException("xtal: data table " + resource + " is not packaged in the stdlib jar; rebuild with -Dxtal.data=DIR or set XTAL_DATA=DIR");
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return r.lines().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("xtal: cannot read data table " + name, e);
    }
  }
}
