package xtal.property;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Test helper: the shared data, and slices of its CSVs (header kept, quoted CIF fields intact). */
public final class Slices {
  private Slices() {}

  public static Path data(String name) {
    return Path.of(System.getProperty("xtal.data", "../../shared/data")).resolve(name);
  }

  /** Writes the header and the data rows whose 0-based index passes {@code keep}; returns {@code to}. */
  public static Path slice(Path from, Path to, IntPredicate keep) throws IOException {
    try (Reader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(in, CSVFormat.RFC4180);
        Writer w = Files.newBufferedWriter(to, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180)) {
      int i = -1;
      for (CSVRecord r : p) {
        if (i < 0 || keep.test(i)) out.printRecord(r.toList());
        i++;
      }
    }
    return to;
  }
}
