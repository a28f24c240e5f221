package xtal.tests.property;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.cli.Xtalc;
import xtal.tests.Cli.Result;

/**
 * {@code xtalc property predict} with the shipped heat-of-formation model on every kind of input,
 * and every kind of bad input to predict and train: a positioned message and the documented exit
 * code, the good crystals still predicted, never a stack trace.
 */
class PropertyCommandTest {
  static final Path HEAT = Path.of("..", "models", "properties", "perov5-heat_ref");
  static final String CUBIC = "221-a-Sr-0-0-0-b-Ti-1/2-1/2-1/2-c-O-0-1/2-1/2-X-3.905";
  @TempDir Path tmp;

  @Test
  void predictsOneLinePerCrystalFromSentenceCsvAndCifFiles() throws Exception {
    Path sentences = Files.writeString(tmp.resolve("a.txt"), "# two perovskites\n" + CUBIC + "\n\n221-a-Ba-0-0-0-b-Ti-1/2-1/2-1/2-c-O-0-1/2-1/2-X-4.01\n");
    Path csv = Files.writeString(tmp.resolve("b.csv"), "material_id,sentence\nx1," + CUBIC + "\n");
    Path cif = Files.writeString(tmp.resolve("c.cif"), """
        data_SrTiO3
        _cell_length_a 3.905
        _cell_length_b 3.905
        _cell_length_c 3.905
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _symmetry_space_group_name_H-M 'P 1'
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        Sr1 Sr 0 0 0
        Ti1 Ti 0.5 0.5 0.5
        O1 O 0 0.5 0.5
        O2 O 0.5 0 0.5
        O3 O 0.5 0.5 0
        """);
    Result r = xtalc("property", "predict", HEAT.toString(), sentences.toString(), csv.toString(), cif.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(4);
    for (String line : lines) assertThat(line).matches("-?\\d+\\.\\d{6}\t\\d+-.*-X-.*");
    String srTiO3 = lines[0].split("\t")[0];
    // the same crystal from a sentence, a CSV row and a CIF through the importer: the same value
    assertThat(lines[2].split("\t")[0]).isEqualTo(srTiO3);
    assertThat(lines[3].split("\t")[0]).isEqualTo(srTiO3);
    assertThat(lines[0].split("\t")[1]).isEqualTo("221-a-Sr-0-0-0-b-Ti-0.5-0.5-0.5-c-O-0-0.5-0.5-X-3.905-3.905-3.905-90-90-90");
  }

  @Test
  void badLinesArePositionedAndTheOthersStillPredicted() throws Exception {
    Path f = Files.writeString(tmp.resolve("bad.txt"), CUBIC + "\n221-z-Sr-0-0-0-X-3.9\n" + CUBIC + "\n");
    Result r = xtalc("property", "predict", HEAT.toString(), f.toString());
    assertThat(r.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(r.out().strip().split("\n")).hasSize(2);
    assertThat(r.err()).contains(f + ":2:").contains("letter 'z'");
  }

  @Test
  void missingModelOrFileIsExit66AndNotAModelIs65() throws Exception {
    Path f = Files.writeString(tmp.resolve("ok.txt"), CUBIC + "\n");
    Result noModel = xtalc("property", "predict", tmp.resolve("nowhere").toString(), f.toString());
    assertThat(noModel.code()).isEqualTo(66);
    assertThat(noModel.err()).contains("nowhere").contains("no such model directory");
    Result noFile = xtalc("property", "predict", HEAT.toString(), tmp.resolve("missing.txt").toString(), f.toString());
    assertThat(noFile.code()).isEqualTo(66);
    assertThat(noFile.err()).contains("missing.txt: no such file");
    assertThat(noFile.out().strip().split("\n")).hasSize(1);
    Result notModel = xtalc("property", "predict", tmp.toString(), f.toString());
    assertThat(notModel.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(notModel.err()).contains("not a model directory");
  }

  @Test
  void trainRejectsAMissingColumnAMissingFileAndBadOptions() throws Exception {
    Path csv = Files.writeString(tmp.resolve("t.csv"), "material_id,sentence,gap\nx1," + CUBIC + ",1.0\n");
    Result column = xtalc("property", "train", "--data", csv.toString(), "--column", "heat_ref", "-o", tmp.resolve("m").toString());
    assertThat(column.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(column.err()).contains(csv + ":1").contains("no column 'heat_ref'");
    Result file = xtalc("property", "train", "--data", tmp.resolve("none.csv").toString(), "--column", "gap", "-o", tmp.resolve("m").toString());
    assertThat(file.code()).isEqualTo(66);
    assertThat(file.err()).contains("none.csv: no such file");
    Result epochs = xtalc("property", "train", "--data", csv.toString(), "--column", "gap", "--epochs", "0", "-o", tmp.resolve("m").toString());
    assertThat(epochs.code()).isEqualTo(Xtalc.USAGE);
    assertThat(epochs.err()).contains("epochs must be at least 1");
    Result tiny = xtalc("property", "train", "--data", csv.toString(), "--column", "gap", "-o", tmp.resolve("m").toString());
    assertThat(tiny.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(tiny.err()).contains("too few crystals");
    assertThat(xtalc("property", "train", "--column", "gap").code()).isEqualTo(Xtalc.USAGE);
  }
}
