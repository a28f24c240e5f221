package xtal.runtime.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import xtal.runtime.decode.Sample;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.io.CifWriter;
import xtal.stdlib.io.PoscarWriter;

/**
 * Writes samples into an output directory as they come, flushing after each, so a crash loses
 * nothing already sampled: {@code samples.sentences} (one canonical sentence per line, in sampling
 * order), {@code samples.jsonl}, and {@code cif/} and {@code poscar/} with one file per sample.
 */
public final class SampleWriter implements Closeable {

  /** What to write besides samples.sentences, which is always written. */
  public enum Format {
    CIF,
    P1CIF,
    POSCAR,
    JSONL;

    /** Parses {@code cif,poscar,jsonl} (case-insensitive; {@code p1} for P1 CIFs). */
    public static Set<Format> parseList(String text) {
      Set<Format> out = EnumSet.noneOf(Format.class);
      for (String f : text.split("[,\\s]+")) {
        if (f.isBlank()) continue;
        switch (f.toLowerCase(Locale.ROOT)) {
          case "cif" -> out.add(CIF);
          case "p1", "p1cif", "cif-p1" -> out.add(P1CIF);
          case "poscar", "vasp" -> out.add(POSCAR);
          case "jsonl", "json" -> out.add(JSONL);
          case "sentences", "sentence" -> {} // always written
          default -> throw new IllegalArgumentException("unknown format '" + f + "' (known: cif, p1, poscar, jsonl, sentences)");
        }
      }
      return out;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final Set<Format> formats;
  private final BufferedWriter sentences;
  private final BufferedWriter jsonl;
  private int written;

  public SampleWriter(Path dir, Set<Format> formats) throws IOException {
    this.dir = dir;
    this.formats = formats.isEmpty() ? EnumSet.noneOf(Format.class) : EnumSet.copyOf(formats);
    Files.createDirectories(dir);
    if (formats.contains(Format.CIF) || formats.contains(Format.P1CIF)) Files.createDirectories(dir.resolve("cif"));
    if (formats.contains(Format.POSCAR)) Files.createDirectories(dir.resolve("poscar"));
    sentences = open(dir.resolve("samples.sentences"));
    jsonl = formats.contains(Format.JSONL) ? open(dir.resolve("samples.jsonl")) : null;
  }

  private static BufferedWriter open(Path p) throws IOException {
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  /** Writes one sample in every format and flushes. */
  public void write(Sample s) throws IOException {
    String name = String.format(Locale.ROOT, "sample-%05d", s.index() + 1);
    String sentence = s.sentence();
    sentences.write(sentence);
    sentences.newLine();
    sentences.flush();
    if (formats.contains(Format.CIF)) Files.writeString(dir.resolve("cif/" + name + ".cif"), CifWriter.write(name, s.crystal()));
    if (formats.contains(Format.P1CIF)) Files.writeString(dir.resolve("cif/" + name + "-p1.cif"), CifWriter.writeP1(name, s.crystal()));
    if (formats.contains(Format.POSCAR)) Files.writeString(dir.resolve("poscar/" + name + ".vasp"), PoscarWriter.write(name, s.crystal()));
    if (jsonl != null) {
      jsonl.write(JSON.writeValueAsString(record(name, s)));
      jsonl.newLine();
      jsonl.flush();
    }
    written++;
  }

  /** The JSON-lines record of a sample. */
  public static Map<String, Object> record(String name, Sample s) {
    UnitCell cell = s.crystal().expand();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", name);
    m.put("sentence", s.sentence());
    m.put("spacegroup", s.crystal().group().number());
    m.put("formula", cell.reducedFormula());
    m.put("cell_formula", cell.formula());
    m.put("atoms", cell.count());
    m.put("volume", round(cell.volume(), 4));
    m.put("density", round(cell.density(), 4));
    m.put("min_distance", round(cell.minDistance(), 4));
    m.put("log_likelihood", round(s.logLikelihood(), 4));
    m.put("resampled", s.resampled());
    return m;
  }

  private static double round(double v, int digits) {
    if (!Double.isFinite(v)) return v;
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  public int written() {
    return written;
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    sentences.close();
    if (jsonl != null) jsonl.close();
  }
}
