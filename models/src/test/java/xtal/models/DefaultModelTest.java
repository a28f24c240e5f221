package xtal.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default model is found without the working directory: the installation, else the jar's copy. */
class DefaultModelTest {
  static final Path SHIPPED = ShippedModelTest.SHIPPED;
  private final String home = System.getProperty("user.home");

  @AfterEach
  void restore() {
    System.setProperty("user.home", home);
    System.clearProperty("xtal.home");
  }

  @Test
  void thePackagedListIsTheShippedModel() throws Exception {
    List<String> shipped;
    try (Stream<Path> s = Files.walk(SHIPPED)) {
      shipped = s.filter(Files::isRegularFile).map(p -> SHIPPED.relativize(p).toString()).filter(p -> !p.equals("train.json")).sorted().toList();
    }
    assertThat(DefaultModel.FILES).containsExactlyInAnyOrderElementsOf(shipped);
  }

  @Test
  void thePackagedModelIsUnpackedOnceToTheCache(@TempDir Path tmp) throws Exception {
    System.setProperty("user.home", tmp.toString());
    Path dir = DefaultModel.unpacked();
    assertThat(dir).isNotNull().startsWith(tmp.resolve(".cache/xtal/models"));
    for (String f : DefaultModel.FILES) assertThat(Files.mismatch(dir.resolve(f), SHIPPED.resolve(f))).as(f).isEqualTo(-1L);
    long written = Files.getLastModifiedTime(dir.resolve("saved_model.pb")).toMillis();
    Thread.sleep(20);
    assertThat(DefaultModel.unpacked()).isEqualTo(dir);
    assertThat(Files.getLastModifiedTime(dir.resolve("saved_model.pb")).toMillis()).isEqualTo(written);
    try (Stream<Path> s = Files.list(dir.getParent())) {
      assertThat(s.toList()).containsExactly(dir); // no half-written copies left behind
    }
    // loaded with the real home: TensorFlow's natives and JavaCPP's cache stay there (JavaCPP keeps
    // the cache directory of its first load for the whole JVM, and this one is deleted after the test)
    System.setProperty("user.home", home);
    try (XtalModel m = XtalModel.load(dir)) {
      assertThat(m.config()).isNotNull();
    }
  }

  @Test
  void theInstallationWinsOverThePackagedCopy(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("models/mp20"));
    System.setProperty("xtal.home", tmp.toString());
    if (System.getenv("XTAL_MODEL") == null && System.getProperty("xtal.model") == null)
      assertThat(DefaultModel.directory()).isEqualTo(tmp.resolve("models/mp20"));
    System.setProperty("xtal.home", tmp.resolve("elsewhere").toString()); // no models/mp20 there
    System.setProperty("user.home", tmp.toString());
    if (System.getenv("XTAL_MODEL") == null && System.getProperty("xtal.model") == null)
      assertThat(DefaultModel.directory()).startsWith(tmp.resolve(".cache/xtal/models"));
  }
}
