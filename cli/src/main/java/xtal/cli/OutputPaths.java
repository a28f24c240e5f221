package xtal.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What is wrong with an output path, in words, the same for every command: the file the error is
 * about and why (not a directory, permission denied, disk full), never only the path.
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * The reason an output operation failed, without the path (callers print it): Java's exceptions
   * put the path in the message and the reason in {@link FileSystemException#getReason()}.
   */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied (not writable)";
    if (e instanceof NotDirectoryException) return "not a directory";
    if (e instanceof FileAlreadyExistsException) return "exists and is not a directory";
    if (e instanceof NoSuchFileException n) return "no such directory" + (n.getFile() == null ? "" : ": " + parent(n.getFile()));
    String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    if (why == null) return e.getClass().getSimpleName();
    String lower = why.toLowerCase(Locale.ROOT);
    if (lower.contains("no space left")) return "disk full (no space left on device)";
    if (lower.contains("not a directory")) return "a parent is not a directory";
    if (lower.contains("read-only file system")) return "read-only file system";
    if (lower.contains("permission denied")) return "permission denied (not writable)";
    return why;
  }

  private static String parent(String file) {
    Path p = Path.of(file).getParent();
    return p == null ? file : p.toString();
  }

  /**
   * Checks an output directory named on the command line before any work starts: not empty, not
   * an existing file, creatable and writable.
   *
   * @throws Xtalc.Failure with exit code 64 (an empty name) or 73, naming the path and why
   */
  static Path directory(Path dir, String option) {
    if (dir == null || dir.toString().isBlank())
      throw new Xtalc.Failure(Xtalc.USAGE, option + " needs a directory name, found an empty one");
    if (Files.exists(dir) && !Files.isDirectory(dir))
      throw new Xtalc.Failure(Xtalc.CANT_CREATE, dir + ": cannot create the output directory: exists and is not a directory");
    try {
      Files.createDirectories(dir);
    } catch (IOException | RuntimeException e) {
      String why = e instanceof IOException io ? reason(io) : e.getMessage();
      throw new Xtalc.Failure(Xtalc.CANT_CREATE, dir + ": cannot create the output directory: " + why);
    }
    if (!Files.isWritable(dir)) throw new Xtalc.Failure(Xtalc.CANT_CREATE, dir + ": output directory not writable (permission denied)");
    return dir;
  }
}
