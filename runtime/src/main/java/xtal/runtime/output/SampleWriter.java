package xtal.runtime.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
 * order), {@code samples.jsonl}, {@code cif/} and {@code poscar/} with one file per sample, and
 * {@code manifest.json} (how the run was made).
 *
 * <p>One run per directory: the writer holds an exclusive lock on {@code DIR/.xtal-lock} while it
 * is open, so a second writer (another process or thread) is refused instead of interleaving its
 * lines with the first; and a directory that holds another run's output is refused unless {@code
 * overwrite}, which first deletes that output (and only that: {@code samples.*}, {@code
 * manifest.json}, {@code cif/sample-*}, {@code poscar/sample-*}), so no stale file survives.
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
  private final FileChannel lockChannel;
  private final FileLock lock;
  private int written;

  /** The output directory is in use by another writer (another run into the same directory). */
  public static final class InUse extends IOException {
    public InUse(Path dir) {
      super(dir + ": the output directory is in use by another run");
    }
  }

  /** The output directory holds another run's output and overwriting was not asked for. */
  public static final class NotEmpty extends IOException {
    public NotEmpty(Path dir, Path example) {
      super(dir + ": the output directory holds another run's output (" + dir.relativize(example)
          + "); choose another directory, or overwrite it with --force");
    }
  }

  /** A writer into {@code dir} that refuses a directory holding earlier output. */
  public SampleWriter(Path dir, Set<Format> formats) throws IOException {
    this(dir, formats, false);
  }

  /**
   * @param overwrite delete an earlier run's output in {@code dir} instead of refusing it
   * @throws InUse when another writer holds the directory
   * @throws NotEmpty when it holds earlier output and {@code overwrite} is false
   */
  public SampleWriter(Path dir, Set<Format> formats, boolean overwrite) throws IOException {
    this.dir = dir;
    this.formats = formats.isEmpty() ? EnumSet.noneOf(Format.class) : EnumSet.copyOf(formats);
    Files.createDirectories(dir);
    lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null; // held by this JVM
    }
    if (l == null) {
      lockChannel.close();
      throw new InUse(dir);
    }
    lock = l;
    try {
      List<Path> earlier = earlierOutput(dir);
      if (!earlier.isEmpty() && !overwrite) throw new NotEmpty(dir, earlier.getFirst());
      for (Path p : earlier) Files.delete(p);
      if (formats.contains(Format.CIF) || formats.contains(Format.P1CIF)) Files.createDirectories(dir.resolve("cif"));
      if (formats.contains(Format.POSCAR)) Files.createDirectories(dir.resolve("poscar"));
      sentences = open(dir.resolve("samples.sentences"));
      jsonl = formats.contains(Format.JSONL) ? open(dir.resolve("samples.jsonl")) : null;
    } catch (IOException | RuntimeException e) {
      releaseLock();
      throw e;
    }
  }

  static final String LOCK_FILE = ".xtal-lock";

  /** The files an earlier run wrote into {@code dir}: what a new run must not mix with. */
  private static List<Path> earlierOutput(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String f : List.of("samples.sentences", "samples.jsonl", MANIFEST)) if (Files.exists(dir.resolve(f))) out.add(dir.resolve(f));
    for (String sub : List.of("cif", "poscar")) {
      Path d = dir.resolve(sub);
      if (!Files.isDirectory(d)) continue;
      try (Stream<Path> files = Files.list(d)) {
        files.filter(p -> p.getFileName().toString().startsWith("sample-")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  /** The run's description, written beside the samples. */
  public static final String MANIFEST = "manifest.json";

  /** Writes {@code manifest.json} (pretty JSON of {@code fields}, in their order). */
  public void writeManifest(Map<String, Object> fields) throws IOException {
    Files.writeString(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields) + "\n", StandardCharsets.UTF_8);
  }

  private void releaseLock() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
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

  /** {@code v} to {@code digits} decimals; exact for any magnitude (Math.round would overflow a long past 9.2e14). */
  static double round(double v, int digits) {
    if (!Double.isFinite(v)) return v;
    return new java.math.BigDecimal(v).setScale(digits, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  public int written() {
    return written;
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    try {
      sentences.close();
      if (jsonl != null) jsonl.close();
    } finally {
      releaseLock();
    }
  }
}
