package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws one route's simulation: the CVM and SCF weights over time, with each backend's verdict and
 * real health as bands underneath, so that a reader sees at once when the policy moved and why.
 */
final class SimulationChart {
  private SimulationChart() {}

  /**
   * Writes the chart as SVG or PNG, chosen by the file's extension.
   *
   * @throws IllegalArgumentException for any other extension
   */
  static void write(Path file, String title, List<Tick> ticks) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    XYChart chart = build(title, ticks);
    if (name.endsWith(".svg")) {
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, stripExtension(file), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } else if (name.endsWith(".png")) {
      BitmapEncoder.saveBitmap(chart, stripExtension(file), BitmapEncoder.BitmapFormat.PNG);
    } else {
      throw new IllegalArgumentException("--chart: must end in .svg or .png, got '" + file + "'");
    }
  }

  static XYChart build(String title, List<Tick> ticks) {
    XYChart chart =
        new XYChartBuilder()
            .width(1200)
            .height(500)
            .title(title)
            .xAxisTitle("time (s)")
            .yAxisTitle("weight (%)")
            .build();
    chart.getStyler().setYAxisMin(-45.0).setYAxisMax(105.0).setMarkerSize(0);
    double[] t = ticks.stream().mapToDouble(k -> k.at().toMillis() / 1000.0).toArray();
    for (Backend b : Backend.values()) {
      double[] w = ticks.stream().mapToDouble(k -> k.split().weight(b)).toArray();
      line(chart, b.id() + " weight", t, w);
    }
    band(chart, "cvm verdict", t, ticks, Backend.CVM, -10, true);
    band(chart, "cvm really up", t, ticks, Backend.CVM, -20, false);
    band(chart, "scf verdict", t, ticks, Backend.SCF, -30, true);
    band(chart, "scf really up", t, ticks, Backend.SCF, -40, false);
    return chart;
  }

  /** A step line at {@code base} that rises 8 points while the backend is up. */
  private static void band(
      XYChart chart,
      String name,
      double[] t,
      List<Tick> ticks,
      Backend b,
      int base,
      boolean verdict) {
    double[] y =
        ticks.stream()
            .mapToDouble(
                k -> {
                  boolean up =
                      verdict ? (b == Backend.CVM ? k.cvm() : k.scf()) == Verdict.UP : k.healthy(b);
                  return base + (up ? 8 : 0);
                })
            .toArray();
    line(chart, name, t, y);
  }

  private static void line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
  }

  private static String stripExtension(Path file) {
    String s = file.toString();
    return s.substring(0, s.lastIndexOf('.'));
  }
}
