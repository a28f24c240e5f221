package xtal.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads the TensorFlow native libraries without the network: they are taken from the
 * {@code org.tensorflow:tensorflow-core-native} jar on the class path (classifier {@code
 * linux-x86_64}, or {@code linux-x86_64-gpu} through the Maven profile {@code gpu}), unpacked once
 * to a cache directory, and announced to DJL and TF Java through the system property {@code
 * TENSORFLOW_LIBRARY_PATH} before either engine loads.
 *
 * <p>Cache directory: system property {@code xtal.tensorflow.cache}, else env {@code
 * XTAL_TENSORFLOW_CACHE}, else {@code ~/.cache/xtal/tensorflow-1.0.0-<classifier>/}. A {@code
 * TENSORFLOW_LIBRARY_PATH} set by the user (property or env) wins and nothing is unpacked.
 *
 * <p>TensorFlow's own C++ log (an INFO line per model load, the oneDNN and CPU-feature notices)
 * is cut to warnings and errors: {@code TF_CPP_MIN_LOG_LEVEL} is set in the process environment
 * before the libraries load, to {@link #LOG_LEVEL_PROPERTY} if given, else 1 — unless the user
 * already set the variable, which wins. DJL's usage tracking (a call to the EC2 metadata
 * service) is switched off the same way ({@code OPT_OUT_TRACKING}).
 *
 * <p>Call {@link #load()} before touching any {@code org.tensorflow} or DJL TensorFlow class; it is
 * idempotent and thread-safe.
 */
public final class TensorFlowNatives {
  private TensorFlowNatives() {}

  /** Version of the tensorflow-core-native jar this bootstrap expects. */
  public static final String VERSION = "1.0.0";

  static final String[] LIBRARIES = {
    "libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "libjnitensorflow.so"
  };
  private static final String[] CLASSIFIERS = {"linux-x86_64-gpu", "linux-x86_64"};
  private static volatile Path loaded;

  /**
   * System property with TensorFlow's minimum native log level (0 all, 1 warnings and errors, 2
   * errors, 3 none); {@code xtalc --verbose} sets it to 0.
   */
  public static final String LOG_LEVEL_PROPERTY = "xtal.tensorflow.logLevel";

  /**
   * Makes sure the natives are unpacked and the DJL TensorFlow engine is loaded.
   *
   * @return the directory the libraries are loaded from
   * @throws IllegalStateException when no natives are on the class path, or the engine fails
   */
  public static synchronized Path load() {
    if (loaded != null) return loaded;
    Path dir = prepare();
    // Loading the engine through DJL pins the javacpp preload path to dir; TF Java shares it.
    ai.djl.engine.Engine.getEngine("TensorFlow");
    loaded = dir;
    return dir;
  }

  /**
   * Unpacks the natives (first call only) and sets {@code TENSORFLOW_LIBRARY_PATH}; does not load
   * the engine.
   */
  public static synchronized Path prepare() {
    quietNativeLog();
    // DJL asks the EC2 metadata service about the machine on every engine load (its usage
    // tracking): a network call a crystal generator has no reason to make; the user may re-enable it.
    if (System.getProperty("OPT_OUT_TRACKING") == null && System.getenv("OPT_OUT_TRACKING") == null)
      System.setProperty("OPT_OUT_TRACKING", "true");
    String given = System.getProperty("TENSORFLOW_LIBRARY_PATH");
    if (given == null || given.isBlank()) given = System.getenv("TENSORFLOW_LIBRARY_PATH");
    if (given != null && !given.isBlank()) {
      System.setProperty("TENSORFLOW_LIBRARY_PATH", given);
      return Path.of(given);
    }
    ClassLoader cl = TensorFlowNatives.class.getClassLoader();
    for (String classifier : CLASSIFIERS) {
      // the CUDA jar may keep its libraries under either directory name; the CPU jar uses linux-x86_64
      String prefix = "org/tensorflow/internal/c_api/" + classifier + "/";
      if (cl.getResource(prefix + LIBRARIES[1]) == null) continue;
      Path dir = cacheDir(classifier);
      try {
        unpack(cl, prefix, dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack TensorFlow natives to " + dir, e);
      }
      System.setProperty("TENSORFLOW_LIBRARY_PATH", dir.toString());
      return dir;
    }
    throw new IllegalStateException(
        "no TensorFlow natives on the class path: add org.tensorflow:tensorflow-core-native:"
            + VERSION
            + " (classifier linux-x86_64), or set TENSORFLOW_LIBRARY_PATH");
  }

  /**
   * Sets {@code TF_CPP_MIN_LOG_LEVEL} for the native code, which reads it once, at its first log
   * line; so this must run before the libraries load. Java cannot change its own environment, so
   * libc's {@code setenv} is called through the FFM API. Where that is refused (native access
   * denied) or libc has no {@code setenv}, TensorFlow merely stays talkative.
   */
  static void quietNativeLog() {
    if (System.getenv("TF_CPP_MIN_LOG_LEVEL") != null) return;
    String level = System.getProperty(LOG_LEVEL_PROPERTY, "1");
    try {
      Linker linker = Linker.nativeLinker();
      MemorySegment setenv = linker.defaultLookup().find("setenv").orElse(null);
      if (setenv == null) return;
      MethodHandle h = linker.downcallHandle(setenv,
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
      try (Arena arena = Arena.ofConfined()) {
        int ignored = (int) h.invokeExact(arena.allocateFrom("TF_CPP_MIN_LOG_LEVEL"), arena.allocateFrom(level), 1);
      }
    } catch (Throwable e) {
      // IllegalCallerException under --illegal-native-access=deny, or no libc: keep the default log
    }
  }

  static Path cacheDir(String classifier) {
    String dir = System.getProperty("xtal.tensorflow.cache");
    if (dir == null || dir.isBlank()) dir = System.getenv("XTAL_TENSORFLOW_CACHE");
    if (dir != null && !dir.isBlank()) return Path.of(dir);
    return Path.of(System.getProperty("user.home"), ".cache", "xtal", "tensorflow-" + VERSION + "-" + classifier);
  }

  /** Copies each library unless a complete copy is there; writes to a temp file, then renames. */
  private static void unpack(ClassLoader cl, String prefix, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String lib : LIBRARIES) {
      URL url = cl.getResource(prefix + lib);
      if (url == null) throw new IOException("missing " + prefix + lib + " in tensorflow-core-native");
      Path target = dir.resolve(lib);
      long size = url.openConnection().getContentLengthLong();
      if (Files.isRegularFile(target) && (size < 0 || Files.size(target) == size)) continue;
      Path tmp = Files.createTempFile(dir, lib, ".part");
      try (InputStream in = url.openStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
