package xtal.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the shipped MP-20 model is, so that neither the command line nor a library user depends on
 * the working directory. The first of:
 *
 * <ol>
 *   <li>system property {@code xtal.model}, then environment variable {@code XTAL_MODEL};
 *   <li>{@code models/mp20} of the installation: system property {@code xtal.home}, which the
 *       launchers ({@code bin/xtalc} of a checkout or of a distribution) set to their root;
 *   <li>the copy packaged in the {@code xtal-model-contract} jar under {@value #RESOURCE}, unpacked once to
 *       {@code ~/.cache/xtal/models/mp20-HASH/} (HASH: of its bytes, so a changed model gets a new
 *       directory and a stale copy is never used).
 * </ol>
 *
 * Where none applies (a build without the packaged model), {@code models/mp20} relative to the
 * working directory, so the error names the path that was looked for.
 */
public final class DefaultModel {
  private DefaultModel() {}

  /** Class-path folder of the packaged model. */
  public static final String RESOURCE = "xtal/models/mp20/";

  /** The files of the SavedModel layout, as packaged (models/pom.xml copies exactly these). */
  static final List<String> FILES =
      List.of("model.json", "saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001", "MODEL_CARD.md");

  /**
   * The default model directory, by the order above.
   *
   * @throws UncheckedIOException when the packaged model cannot be unpacked (naming the directory)
   */
  public static Path directory() {
    String p = System.getProperty("xtal.model");
    if (p == null || p.isBlank()) p = System.getenv("XTAL_MODEL");
    if (p != null && !p.isBlank()) return Path.of(p);
    String home = System.getProperty("xtal.home");
    if (home != null && !home.isBlank() && Files.isDirectory(Path.of(home, "models", "mp20"))) return Path.of(home, "models", "mp20");
    Path packaged = unpacked();
    return packaged != null ? packaged : Path.of("models", "mp20");
  }

  /** The packaged model unpacked to the cache, or null when this class path has none. */
  static Path unpacked() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
    ClassLoader cl = DefaultModel.class.getClassLoader();
    for (String f : FILES) {
      try (InputStream in = cl.getResourceAsStream(RESOURCE + f)) {
        if (in == null) return null;
        byte[] b = in.readAllBytes();
        sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(b);
        files.put(f, b);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the packaged model (" + RESOURCE + f + ")", e);
      }
    }
    String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    Path dir = cacheRoot().resolve("models").resolve("mp20-" + hash);
    if (Files.isRegularFile(dir.resolve(".complete"))) return dir;
    try {
      Files.createDirectories(dir.getParent());
      // written beside the target, then renamed: a concurrent or interrupted run never sees half a model
      Path tmp = Files.createTempDirectory(dir.getParent(), "mp20-" + hash + ".part");
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Path t = tmp.resolve(e.getKey());
        Files.createDirectories(t.getParent());
        Files.write(t, e.getValue());
      }
      Files.createFile(tmp.resolve(".complete"));
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
        deleteTree(tmp); // another process was first, or the directory is left from a broken copy
        if (!Files.isRegularFile(dir.resolve(".complete"))) throw new IOException(dir + " exists but is incomplete; delete it", e);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the packaged model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@code ~/.cache/xtal}, where the TensorFlow natives are unpacked too. */
  static Path cacheRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "xtal");
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
