package xtal.tests.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.tests.Cli.Result;

/**
 * The CIFs xtal writes are built alike by the common readers — pymatgen, ASE and gemmi (OVITO's
 * reader) — through {@code tools/cif_readers.py}: 200 MP-20 crystals spread over the validation
 * set and 200 sampled by the shipped model with every group allowed; each reader must build the
 * atoms per cell, composition and cell each file states, and gemmi must read its extended H-M and
 * Hall symbols as the same group. The sampled crystals are also written as pymatgen JSON, extended
 * XYZ and primitive POSCAR, which {@code tools/sample_formats.py} loads and compares. Needs Python 3 with those readers (Debian: python3-pymatgen
 * python3-ase python3-gemmi; {@code .ci/run} installs them); without them the test is skipped.
 */
class CifReadersTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DATA = Path.of(System.getProperty("xtal.data", System.getenv().getOrDefault("XTAL_DATA", "../../shared/data")));

  @TempDir Path dir;

  /** A Python 3 that imports all three readers, or null. */
  static String python() throws InterruptedException {
    for (String p : List.of("/usr/bin/python3", "python3")) {
      try {
        Process pr = new ProcessBuilder(p, "-c", "import pymatgen.io.cif, ase.io, gemmi").redirectErrorStream(true).start();
        pr.getInputStream().readAllBytes();
        if (pr.waitFor(2, TimeUnit.MINUTES) && pr.exitValue() == 0) return p;
      } catch (IOException e) {
        // not there: try the next
      }
    }
    return null;
  }

  @Test
  void pymatgenAseAndGemmiBuildWhatXtalWrites() throws Exception {
    String python = python();
    Assumptions.assumeTrue(python != null, "pymatgen, ASE and gemmi are not installed (apt-get install python3-pymatgen python3-ase python3-gemmi)");
    // 200 MP-20 crystals, every 45th of the validation set
    List<String> rows = Files.readAllLines(DATA.resolve("crystals/mp20_val.sentences.csv"), StandardCharsets.UTF_8);
    List<String> picked = new ArrayList<>(List.of(rows.getFirst()));
    for (int i = 1; i < rows.size() && picked.size() <= 200; i += 45) picked.add(rows.get(i));
    Path csv = Files.write(dir.resolve("mp20.csv"), picked, StandardCharsets.UTF_8);
    Result cif = xtalc("cif", csv.toString(), "-o", dir.resolve("mp20").toString());
    assertThat(cif.code()).as(cif.err()).isZero();
    // 200 sampled, any group
    Result sample = xtalc("sample", "?-(?-?-?-?-?)+-X-?", "-n", "200", "--seed", "1", "--format", "cif,poscar-primitive,extxyz,pymatgen,jsonl", "--no-progress",
        "--model", ROOT.resolve("models/mp20").toString(), "-o", dir.resolve("sampled").toString());
    assertThat(sample.code()).as(sample.err()).isZero();

    Process p = new ProcessBuilder(python, ROOT.resolve("tools/cif_readers.py").toString(), dir.resolve("mp20").toString(), dir.resolve("sampled/cif").toString())
        .redirectErrorStream(true).start();
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(report).contains("pymatgen: 400 of 400", "ase: 400 of 400", "gemmi: 400 of 400", "symbol: 400 of 400");
    assertThat(p.exitValue()).as(report).isZero();

    // the same samples as pymatgen JSON, extended XYZ and primitive POSCAR, and samples.jsonl's lattice
    Process f = new ProcessBuilder(python, ROOT.resolve("tools/sample_formats.py").toString(), dir.resolve("sampled").toString())
        .redirectErrorStream(true).start();
    String formats = new String(f.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(f.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(formats).contains("200 of 200 samples agree");
    assertThat(f.exitValue()).as(formats).isZero();
  }
}
