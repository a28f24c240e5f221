package xtal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import xtal.compiler.CompiledQuery;
import xtal.runtime.decode.SampleOptions;

/**
 * {@code manifest.json}: what a run was made from, so that its output can be reproduced and
 * compared — the command line, the query, the settings, the model with a hash of its files, the
 * xtal version and the date.
 */
final class Manifest {
  private Manifest() {}

  static Map<String, Object> of(CommandSpec spec, String queryArgument, CompiledQuery q, SampleOptions o, Path model) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    // the top-level parse result's arguments: the subcommand's name and everything after it
    CommandLine root = spec.commandLine();
    while (root.getParent() != null) root = root.getParent();
    List<String> args = root.getParseResult() == null ? List.of(spec.name()) : root.getParseResult().originalArgs();
    m.put("command", "xtalc " + String.join(" ", args));
    m.put("query", queryArgument);
    m.put("query_name", q.name());
    m.put("automaton_states", q.numStates());
    m.put("count", o.count());
    m.put("seed", o.seed());
    m.put("temperature", o.temperature());
    m.put("top_p", o.topP());
    m.put("batch_size", o.batchSize());
    m.put("min_distance", o.minDistance());
    m.put("model", model.toAbsolutePath().normalize().toString());
    m.put("model_sha256", hash(model));
    String v = Xtalc.class.getPackage().getImplementationVersion();
    m.put("version", v == null ? "dev" : v);
    m.put("java", Runtime.version().toString());
    m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return m;
  }

  /**
   * SHA-256 over the model directory's files in path order (each file's relative path, then its
   * bytes): two runs with the same hash used the same model.
   */
  static String hash(Path dir) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    byte[] buffer = new byte[1 << 16];
    for (Path f : files) {
      sha.update(dir.relativize(f).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update((byte) 0);
      try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
        while (in.read(buffer) >= 0) {
          // the digest stream hashes what is read
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
