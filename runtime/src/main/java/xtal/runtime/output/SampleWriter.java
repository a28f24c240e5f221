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
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.io.CifWriter;
import xtal.stdlib.io.PoscarWriter;
import xtal.stdlib.io.StructureJsonWriter;
import xtal.stdlib.symmetry.Structure;
import xtal.stdlib.symmetry.SymmetryFinder;

/**
 * Writes samples into an output directory as they come, flushing after each, so a crash loses
 * nothing already sampled: {@code samples.sentences} (one canonical sentence per line, in sampling
 * order), {@code samples.jsonl}, {@code cif/}, {@code poscar/}, {@code xyz/} and {@code
 * pymatgen/} with one file per sample, and {@code manifest.json} (how the run was made).
 *
 * <p>One run per directory: the writer holds an exclusive lock on {@code DIR/.xtal-lock} while it
 * is open, so a second writer (another process or thread) is refused instead of interleaving its
 * lines with the first; and a directory that holds another run's output is refused unless {@code
 * overwrite}, which first deletes that output (and only that: {@code samples.*}, {@code
 * manifest.json}, and the {@code sample-*} files of the format directories), so no stale file survives.
 */
public final class SampleWriter implements Closeable {

  /** What to write besides samples.sentences, which is always written. */
  public enum Format {
    CIF,
    P1CIF,
    POSCAR,
    PRIMITIVE_POSCAR,
    EXTXYZ,
    PYMATGEN_JSON,
    JSONL;

    /** The names {@link #parseList} knows, as help texts list them. */
    public static final String NAMES = "cif, p1, poscar, poscar-primitive, extxyz, pymatgen, jsonl";

    /**
     * Parses {@code cif,poscar,jsonl} (case-insensitive): {@code p1} for P1 CIFs, {@code
     * poscar-primitive} for primitive-cell POSCARs, {@code extxyz} for extended XYZ, {@code
     * pymatgen} for pymatgen {@code Structure} JSON.
     */
    public static Set<Format> parseList(String text) {
      Set<Format> out = EnumSet.noneOf(Format.class);
      for (String f : text.split("[,\\s]+")) {
        if (f.isBlank()) continue;
        switch (f.toLowerCase(Locale.ROOT)) {
          case "cif" -> out.add(CIF);
          case "p1", "p1cif", "cif-p1" -> out.add(P1CIF);
          case "poscar", "vasp" -> out.add(POSCAR);
          case "poscar-primitive", "primitive" -> out.add(PRIMITIVE_POSCAR);
          case "extxyz", "xyz" -> out.add(EXTXYZ);
          case "pymatgen", "structure-json" -> out.add(PYMATGEN_JSON);
          case "jsonl", "json" -> out.add(JSONL);
          case "sentences", "sentence" -> {} // always written
          default -> throw new IllegalArgumentException("unknown format '" + f + "' (known: " + NAMES + ", sentences)");
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
      if (formats.contains(Format.POSCAR) || formats.contains(Format.PRIMITIVE_POSCAR)) Files.createDirectories(dir.resolve("poscar"));
      if (formats.contains(Format.EXTXYZ)) Files.createDirectories(dir.resolve("xyz"));
      if (formats.contains(Format.PYMATGEN_JSON)) Files.createDirectories(dir.resolve("pymatgen"));
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
    for (String sub : List.of("cif", "poscar", "xyz", "pymatgen")) {
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
    if (formats.contains(Format.PRIMITIVE_POSCAR))
      Files.writeString(dir.resolve("poscar/" + name + "-primitive.vasp"), PoscarWriter.writePrimitive(name, s.crystal()));
    if (formats.contains(Format.EXTXYZ)) Files.writeString(dir.resolve("xyz/" + name + ".xyz"), StructureJsonWriter.writeExtendedXyz(name, s.crystal()));
    if (formats.contains(Format.PYMATGEN_JSON)) Files.writeString(dir.resolve("pymatgen/" + name + ".json"), StructureJsonWriter.writePymatgen(s.crystal()));
    if (jsonl != null) {
      jsonl.write(JSON.writeValueAsString(record(name, s)));
      jsonl.newLine();
      jsonl.flush();
    }
    written++;
  }

  /**
   * The JSON-lines record of a sample. {@code atoms} (= {@code atoms_conventional}) counts the
   * conventional cell, {@code atoms_primitive} the primitive one, which query limits speak of;
   * {@code spacegroup_found} is the group the stdlib's symmetry finder sees in the expanded cell at
   * symprec 0.01 Å (it may be a supergroup of the sampled {@code spacegroup}; null when it fails).
   */
  public static Map<String, Object> record(String name, Sample s) {
    UnitCell cell = s.crystal().expand();
    Lattice l = s.crystal().lattice();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", name);
    m.put("sentence", s.sentence());
    m.put("spacegroup", s.crystal().group().number());
    m.put("spacegroup_found", foundGroup(cell));
    m.put("formula", cell.reducedFormula());
    m.put("cell_formula", cell.formula());
    m.put("atoms", cell.count());
    m.put("atoms_conventional", cell.count());
    m.put("atoms_primitive", cell.count() / s.crystal().group().centring().latticePoints());
    Map<String, Object> lattice = new LinkedHashMap<>();
    lattice.put("a", round(l.a(), 6));
    lattice.put("b", round(l.b(), 6));
    lattice.put("c", round(l.c(), 6));
    lattice.put("alpha", round(l.alpha(), 6));
    lattice.put("beta", round(l.beta(), 6));
    lattice.put("gamma", round(l.gamma(), 6));
    m.put("lattice", lattice);
    m.put("volume", round(cell.volume(), 4));
    m.put("density", round(cell.density(), 4));
    m.put("min_distance", round(cell.minDistance(), 4));
    m.put("log_likelihood", round(s.logLikelihood(), 4));
    m.put("resampled", s.resampled());
    return m;
  }

  /** The space group the symmetry finder sees, or null when the structure defeats it. */
  private static Integer foundGroup(UnitCell cell) {
    try {
      return SymmetryFinder.standardize(Structure.of(cell), SymmetryFinder.DEFAULT_SYMPREC).group();
    } catch (SymmetryFinder.SymmetryException e) {
      return null;
    }
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
