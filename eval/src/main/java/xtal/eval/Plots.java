package xtal.eval;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import xtal.eval.Evaluation.SetStats;
import xtal.stdlib.element.Elements;

/**
 * The report's figures, drawn with XChart (headless): generated against reference for the space
 * groups, the element frequencies, the density and the six lattice parameters. Distributions are
 * shown as normalized histograms (fraction of crystals per bin) so sets of any size compare.
 */
public final class Plots {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  static final String GENERATED = "generated", REFERENCE = "reference";

  /**
   * Writes every figure into {@code dir}; returns the file names written, in report order. The
   * element frequencies are drawn from {@code all} (every built sample), the rest from {@code gen}.
   */
  public static List<String> write(Path dir, SetStats gen, SetStats all, SetStats ref) throws IOException {
    List<String> files = new ArrayList<>();
    save(spaceGroups(gen, ref, 30), dir.resolve("spacegroups.png"), files);
    save(elements(all, ref, 40), dir.resolve("elements.png"), files);
    save(histogram("Density", "g/cm³", gen.density(), ref == null ? null : ref.density(), 50, 900, 450), dir.resolve("density.png"), files);
    String[] names = {"a", "b", "c", "α", "β", "γ"};
    String[] units = {"Å", "Å", "Å", "°", "°", "°"};
    List<Chart<?, ?>> panels = new ArrayList<>();
    for (int k = 0; k < 6; k++)
      panels.add(histogram("Lattice " + names[k], units[k], gen.lattice()[k], ref == null ? null : ref.lattice()[k], 40, 450, 320));
    BufferedImage grid = new BufferedImage(3 * 450, 2 * 320, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int k = 0; k < 6; k++) {
      Graphics2D cell = (Graphics2D) g.create((k % 3) * 450, (k / 3) * 320, 450, 320);
      panels.get(k).paint(cell, 450, 320);
      cell.dispose();
    }
    g.dispose();
    ImageIO.write(grid, "png", dir.resolve("lattice.png").toFile());
    files.add("lattice.png");
    return files;
  }

  private static void save(Chart<?, ?> chart, Path file, List<String> files) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    files.add(file.getFileName().toString());
  }

  /** Share of crystals per space group for the {@code top} groups most frequent in either set, by number. */
  static CategoryChart spaceGroups(SetStats gen, SetStats ref, int top) {
    double[] pg = shares(gen.groups(), gen.n()), pr = ref == null ? new double[231] : shares(ref.groups(), ref.n());
    List<Integer> groups = IntStream.rangeClosed(1, 230).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -Math.max(pg[i], pr[i]))).limit(top)
        .filter(i -> pg[i] > 0 || pr[i] > 0).sorted().toList();
    CategoryChart c = bars("Space groups (the " + groups.size() + " most frequent)", "space group", "% of crystals", 1200, 500);
    List<String> x = groups.stream().map(String::valueOf).toList();
    c.addSeries(GENERATED, x, groups.stream().map(i -> (Number) (100 * pg[i])).toList());
    if (ref != null) c.addSeries(REFERENCE, x, groups.stream().map(i -> (Number) (100 * pr[i])).toList());
    return c;
  }

  /** Share of crystals containing each element, for the {@code top} elements most frequent in either set. */
  static CategoryChart elements(SetStats gen, SetStats ref, int top) {
    double[] pg = shares(gen.elementCrystals(), gen.n()), pr = ref == null ? new double[119] : shares(ref.elementCrystals(), ref.n());
    List<Integer> zs = IntStream.rangeClosed(1, 118).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -Math.max(pg[i], pr[i]))).limit(top)
        .filter(i -> pg[i] > 0 || pr[i] > 0).toList();
    CategoryChart c = bars("Element frequencies (the " + zs.size() + " most frequent)", "element", "% of crystals containing it", 1200, 500);
    List<String> x = zs.stream().map(z -> Elements.byZ(z).symbol()).toList();
    c.addSeries(GENERATED, x, zs.stream().map(i -> (Number) (100 * pg[i])).toList());
    if (ref != null) c.addSeries(REFERENCE, x, zs.stream().map(i -> (Number) (100 * pr[i])).toList());
    return c;
  }

  private static CategoryChart bars(String title, String xTitle, String yTitle, int w, int h) {
    CategoryChart c = new CategoryChartBuilder().width(w).height(h).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setXAxisLabelRotation(90);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setAvailableSpaceFill(0.8);
    return c;
  }

  /** Normalized histograms of two samples over common bins (1st–99th percentile of both, padded). */
  static XYChart histogram(String title, String unit, double[] gen, double[] ref, int bins, int w, int h) {
    XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(title.replace("Lattice ", "") + " (" + unit + ")")
        .yAxisTitle("fraction per bin").build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setXAxisDecimalPattern("#0.#");
    c.getStyler().setYAxisDecimalPattern("#0.###");
    double[] all = concat(gen, ref == null ? new double[0] : ref);
    if (all.length == 0) {
      c.addSeries(GENERATED, new double[] {0, 1}, new double[] {0, 0}).setMarker(SeriesMarkers.NONE);
      return c;
    }
    double[] sorted = all.clone();
    java.util.Arrays.sort(sorted);
    double lo = sorted[(int) (0.005 * (sorted.length - 1))], hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
    if (hi <= lo) {
      lo -= 1;
      hi += 1;
    }
    double pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
    addHistogram(c, GENERATED, gen, lo, hi, bins);
    if (ref != null) addHistogram(c, REFERENCE, ref, lo, hi, bins);
    return c;
  }

  private static void addHistogram(XYChart c, String name, double[] v, double lo, double hi, int bins) {
    double[] x = new double[bins], y = new double[bins];
    double width = (hi - lo) / bins;
    for (int i = 0; i < bins; i++) x[i] = lo + (i + 0.5) * width;
    for (double d : v) {
      int b = (int) Math.floor((d - lo) / width);
      if (b >= 0 && b < bins) y[b]++;
    }
    if (v.length > 0) for (int i = 0; i < bins; i++) y[i] /= v.length;
    c.addSeries(name + " (" + v.length + ")", x, y).setMarker(SeriesMarkers.NONE);
  }

  private static double[] shares(int[] counts, int n) {
    double[] s = new double[counts.length];
    if (n > 0) for (int i = 0; i < counts.length; i++) s[i] = (double) counts[i] / n;
    return s;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] r = new double[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
