package dev.cogalign.launcher.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.YIntervalRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import tools.jackson.databind.JsonNode;

/**
 * The report's charts: {@code accuracy.png} (mean held-out accuracy per arm with its 95% interval)
 * and {@code curves.png} (the SFT arms' loss and the preference arms' {@code rewards/margins} per
 * mini-task, every seed).
 */
public final class ReportCharts {

  static final int WIDTH = 900;
  static final int HEIGHT = 500;
  private static final List<String> MINI_TASKS = List.of("ALIGN", "CALIBRATE", "CORRECT");

  private ReportCharts() {}

  /** Bars of mean accuracy per arm with their 95% intervals. */
  public static void accuracy(JsonNode report, Path file) {
    List<String> names = new ArrayList<>();
    XYSeries means = new XYSeries("mean accuracy");
    YIntervalSeries intervals = new YIntervalSeries("95% CI");
    int x = 0;
    for (Map.Entry<String, JsonNode> e : report.path("arms").properties()) {
      JsonNode arm = e.getValue();
      double mean = arm.path("mean").asDouble();
      names.add(e.getKey());
      means.add(x, mean);
      intervals.add(
          x,
          mean,
          arm.path("ci95").path(0).asDouble(mean),
          arm.path("ci95").path(1).asDouble(mean));
      x++;
    }
    XYPlot plot = new XYPlot();
    SymbolAxis axis = new SymbolAxis("arm", names.toArray(String[]::new));
    plot.setDomainAxis(axis);
    NumberAxis accuracy = new NumberAxis("held-out accuracy");
    accuracy.setRange(0, 1);
    plot.setRangeAxis(accuracy);
    YIntervalRenderer whiskers = new YIntervalRenderer();
    whiskers.setSeriesPaint(0, Color.BLACK);
    whiskers.setSeriesStroke(0, new BasicStroke(2f));
    plot.setDataset(0, new YIntervalSeriesCollection());
    ((YIntervalSeriesCollection) plot.getDataset(0)).addSeries(intervals);
    plot.setRenderer(0, whiskers);
    XYBarRenderer bars = new XYBarRenderer(0.3);
    bars.setShadowVisible(false);
    bars.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
    bars.setSeriesPaint(0, new Color(0x4C72B0));
    XYSeriesCollection barData = new XYSeriesCollection(means);
    barData.setIntervalWidth(0.6);
    plot.setDataset(1, barData);
    plot.setRenderer(1, bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            "Held-out accuracy per arm (mean over seeds, 95% bootstrap interval)",
            JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    save(chart, WIDTH, HEIGHT, file);
  }

  /**
   * Left: the SFT arms' loss per step (the control drawn after sft_crv's steps, which it
   * continues); right: the preference arms' reward margin per mini-task.
   *
   * @param metrics each training job's metric points ({@code [{"step", "metrics"}]}) by job id
   */
  public static void curves(JsonNode report, Map<Long, JsonNode> metrics, Path file) {
    XYSeriesCollection loss = new XYSeriesCollection();
    XYSeriesCollection margins = new XYSeriesCollection();
    List<Long> seeds = new ArrayList<>();
    report.path("seeds").forEach(s -> seeds.add(s.asLong()));
    for (Map.Entry<String, JsonNode> e : report.path("arms").properties()) {
      String arm = e.getKey();
      JsonNode jobs = e.getValue().path("jobs");
      for (int i = 0; i < jobs.size(); i++) {
        JsonNode points = metrics.get(jobs.get(i).asLong());
        if (points == null) {
          continue;
        }
        String seed = i < seeds.size() ? " seed " + seeds.get(i) : "";
        if (arm.equals("dpo") || arm.equals("cogpo")) {
          for (String task : MINI_TASKS) {
            XYSeries s = series(points, "rewards/margins/" + task, arm + " " + task + seed, 0);
            if (s.getItemCount() > 0) {
              margins.addSeries(s);
            }
          }
        } else if (arm.startsWith("sft")) {
          // the control continues sft_crv: drawn after its steps
          int offset =
              arm.equals("sft_crv_continued")
                  ? report.path("arms").path("sft_crv").path("steps").asInt(0)
                  : 0;
          loss.addSeries(series(points, "loss", arm + seed, offset));
        }
      }
    }
    BufferedImage image = new BufferedImage(2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      lineChart("SFT loss per step", "loss", loss)
          .draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
      lineChart("rewards/margins per mini-task (DPO, CogPO)", "reward margin", margins)
          .draw(g, new Rectangle2D.Double(WIDTH, 0, WIDTH, HEIGHT));
    } finally {
      g.dispose();
    }
    try (java.io.OutputStream png = java.nio.file.Files.newOutputStream(file)) {
      ChartUtils.writeBufferedImageAsPNG(png, image);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file, ex);
    }
  }

  private static XYSeries series(JsonNode points, String name, String label, int offset) {
    XYSeries s = new XYSeries(label, true, true);
    for (JsonNode p : points) {
      JsonNode v = p.path("metrics").path(name);
      if (v.isNumber() && Double.isFinite(v.asDouble())) {
        s.add(offset + p.path("step").asInt(), v.asDouble());
      }
    }
    return s;
  }

  private static JFreeChart lineChart(String title, String yLabel, XYSeriesCollection data) {
    XYPlot plot =
        new XYPlot(
            data,
            new NumberAxis("step"),
            new NumberAxis(yLabel),
            new XYLineAndShapeRenderer(true, false));
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static void save(JFreeChart chart, int width, int height, Path file) {
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
