package org.smoothplayer.app.session.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.smoothplayer.app.session.report.SessionSeries.Interval;
import org.smoothplayer.app.session.report.SessionSeries.Point;

/**
 * Draws the charts of a {@link SessionSeries} with Java2D into {@link BufferedImage}s (no display
 * needed): bitrate chosen and shown vs throughput, buffer level, dropped frames; each over session
 * time, with stalls shaded red and visible switches marked by dashed violet lines. The report
 * writes them as PNG; the Session window shows the same pictures.
 */
public final class SessionCharts {

  /** The charts, one panel each. */
  public enum Panel {
    /** Bitrate chosen and shown, throughput estimate and measured throughput, Mbit/s. */
    BITRATE("bitrate", "Bitrate and throughput (Mbit/s)"),
    /** Video buffered ahead of the position, seconds. */
    BUFFER("buffer", "Buffer level (s)"),
    /** Dropped frames since the start. */
    DROPS("drops", "Dropped frames (total)");

    private final String fileStem;
    private final String title;

    Panel(String fileStem, String title) {
      this.fileStem = fileStem;
      this.title = title;
    }

    /** The report's file name of this chart, e.g. {@code bitrate.png}. */
    public String fileName() {
      return fileStem + ".png";
    }

    /** The chart's title. */
    public String title() {
      return title;
    }
  }

  /** Width of a report chart, pixels. */
  public static final int DEFAULT_WIDTH_PX = 1000;

  /** Height of one report chart, pixels. */
  public static final int DEFAULT_HEIGHT_PX = 320;

  /** Smallest size drawn; smaller requests are enlarged to it. */
  static final int MIN_WIDTH_PX = 200;

  static final int MIN_HEIGHT_PX = 100;

  static final Color CHOSEN = new Color(31, 119, 180);
  static final Color SHOWN = new Color(44, 160, 44);
  static final Color ESTIMATE = new Color(255, 127, 14);
  static final Color MEASURED = new Color(110, 110, 110);
  static final Color BUFFER = new Color(23, 150, 170);
  static final Color DROPPED = new Color(160, 40, 40);
  static final Color STALL = new Color(214, 39, 40, 56);
  static final Color SWITCH = new Color(148, 103, 189);
  private static final Color GRID = new Color(225, 225, 225);
  private static final Color AXIS = new Color(90, 90, 90);

  private static final int MARGIN_LEFT = 64;
  private static final int MARGIN_RIGHT = 18;
  private static final int MARGIN_TOP = 34;
  private static final int MARGIN_BOTTOM = 36;
  private static final int TICKS = 5;

  /**
   * The bitrate chart's scale reaches at most this many times the highest bitrate of the ladder;
   * throughput above it (a fast LAN, loopback) is drawn at the top edge, and the chart says so, so
   * the levels stay readable.
   */
  static final double BITRATE_SCALE_OVER_TOP_LEVEL = 5;

  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Stroke DASHED =
      new BasicStroke(
          1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0);

  private SessionCharts() {}

  /** One chart of {@code series}, {@code widthPx × heightPx} (at least 200 × 100). */
  public static BufferedImage render(SessionSeries series, Panel panel, int widthPx, int heightPx) {
    int w = Math.max(MIN_WIDTH_PX, widthPx);
    int h = Math.max(MIN_HEIGHT_PX, heightPx);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      prepare(g, w, h);
      draw(g, series, panel, new Rectangle(0, 0, w, h));
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The three charts stacked, sharing the time axis, in {@code widthPx × heightPx}. */
  public static BufferedImage overview(SessionSeries series, int widthPx, int heightPx) {
    int w = Math.max(MIN_WIDTH_PX, widthPx);
    int h = Math.max(MIN_HEIGHT_PX * 3, heightPx);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      prepare(g, w, h);
      Panel[] panels = Panel.values();
      int top = 0;
      for (int i = 0; i < panels.length; i++) {
        int bottom = (int) Math.round((double) h * (i + 1) / panels.length);
        draw(g, series, panels[i], new Rectangle(0, top, w, bottom - top));
        top = bottom;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Writes {@code image} as a PNG file.
   *
   * @throws IOException when the file cannot be written
   */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException(file + ": no PNG writer in this Java runtime");
    }
  }

  private static void prepare(Graphics2D g, int w, int h) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
  }

  /** Draws one panel into {@code area}. */
  private static void draw(Graphics2D g, SessionSeries s, Panel panel, Rectangle area) {
    Rectangle plot =
        new Rectangle(
            area.x + MARGIN_LEFT,
            area.y + MARGIN_TOP,
            Math.max(1, area.width - MARGIN_LEFT - MARGIN_RIGHT),
            Math.max(1, area.height - MARGIN_TOP - MARGIN_BOTTOM));
    double xData = Math.max(1, s.endS());
    double yData = yDataMax(s, panel);
    double xStep = axisStep(xData);
    double yStep = axisStep(yData);
    double xMax = stepsOver(xData, xStep);
    Axes axes = new Axes(plot, xMax, stepsOver(yData, yStep), xStep, yStep);

    g.setFont(TITLE_FONT);
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), area.x + 8, area.y + 18);
    drawLegend(g, s, panel, area);

    drawGrid(g, axes);
    Rectangle2D oldClip = g.getClipBounds();
    g.clip(plot);
    g.setColor(STALL);
    for (Interval stall : s.stalls()) {
      double x0 = axes.x(stall.startS());
      double x1 = Math.max(x0 + 2, axes.x(stall.endS()));
      g.fill(new Rectangle2D.Double(x0, plot.y, x1 - x0, plot.height));
    }
    g.setColor(SWITCH);
    g.setStroke(DASHED);
    for (double t : s.switchesS()) {
      double x = axes.x(t);
      g.draw(new Line2D.Double(x, plot.y, x, plot.y + plot.height));
    }
    switch (panel) {
      case BITRATE -> {
        drawPoints(g, axes, s.measuredThroughputBps(), 1e-6, MEASURED);
        drawLine(g, axes, s.throughputEstimateBps(), 1e-6, ESTIMATE, 1.6f);
        drawSteps(g, axes, s.shownBitrateBps(), 1e-6, SHOWN, 1.6f, xMax, s.endS());
        drawSteps(g, axes, s.chosenBitrateBps(), 1e-6, CHOSEN, 2.2f, xMax, s.endS());
      }
      case BUFFER -> drawLine(g, axes, s.bufferS(), 1, BUFFER, 1.8f);
      case DROPS -> drawSteps(g, axes, s.droppedFrames(), 1, DROPPED, 1.8f, xMax, s.endS());
    }
    if (panel == Panel.BITRATE && s.maxBitrateBps() > bitrateScaleBps(s)) {
      g.setFont(FONT);
      g.setColor(AXIS);
      double maxMbps = s.maxBitrateBps() * 1e-6;
      String digits = maxMbps >= 10 ? "%.0f" : maxMbps >= 1 ? "%.1f" : "%.2f";
      g.drawString(
          String.format(
              Locale.ROOT,
              "throughput up to " + digits + " Mbit/s, drawn at the top edge",
              maxMbps),
          plot.x + 6,
          plot.y + 14);
    }
    g.setClip(oldClip);
    g.setStroke(new BasicStroke(1));
    g.setColor(AXIS);
    g.draw(plot);
    if (s.isEmpty()) {
      g.setFont(FONT);
      String text = "no events yet";
      int tw = g.getFontMetrics().stringWidth(text);
      g.drawString(text, plot.x + (plot.width - tw) / 2, plot.y + plot.height / 2);
    }
  }

  private static double yDataMax(SessionSeries s, Panel panel) {
    return switch (panel) {
      case BITRATE -> Math.max(0.1, bitrateScaleBps(s) * 1e-6 * 1.05);
      case BUFFER -> Math.max(1, max(s.bufferS()) * 1.05);
      case DROPS -> Math.max(5, max(s.droppedFrames()) * 1.05);
    };
  }

  /** The highest value the bitrate chart must show: everything, up to the cap over the ladder. */
  static double bitrateScaleBps(SessionSeries s) {
    double levelsBps = s.maxLevelBitrateBps();
    double allBps = s.maxBitrateBps();
    return levelsBps > 0 ? Math.min(allBps, levelsBps * BITRATE_SCALE_OVER_TOP_LEVEL) : allBps;
  }

  private static double max(List<Point> points) {
    double max = 0;
    for (Point p : points) {
      max = Math.max(max, p.value());
    }
    return max;
  }

  private static void drawLegend(Graphics2D g, SessionSeries series, Panel panel, Rectangle area) {
    List<LegendItem> items =
        switch (panel) {
          case BITRATE ->
              List.of(
                  new LegendItem("chosen", CHOSEN, false),
                  new LegendItem("shown", SHOWN, false),
                  new LegendItem("estimate", ESTIMATE, false),
                  new LegendItem("measured", MEASURED, true),
                  new LegendItem("stall", STALL, true),
                  new LegendItem("switch", SWITCH, false));
          case BUFFER ->
              List.of(
                  new LegendItem(series.leadStream() + " buffer", BUFFER, false),
                  new LegendItem("stall", STALL, true),
                  new LegendItem("switch", SWITCH, false));
          case DROPS ->
              List.of(
                  new LegendItem("dropped", DROPPED, false),
                  new LegendItem("stall", STALL, true),
                  new LegendItem("switch", SWITCH, false));
        };
    g.setFont(FONT);
    FontMetrics fm = g.getFontMetrics();
    int width = 0;
    for (LegendItem item : items) {
      width += 22 + fm.stringWidth(item.name()) + 14;
    }
    int x = Math.max(area.x + 260, area.x + area.width - MARGIN_RIGHT - width);
    int y = area.y + 18;
    for (LegendItem item : items) {
      g.setColor(item.color());
      if (item.filled()) {
        g.fillRect(x, y - 9, 16, 10);
      } else {
        g.setStroke(item.color() == SWITCH ? DASHED : new BasicStroke(2.2f));
        g.drawLine(x, y - 4, x + 16, y - 4);
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString(item.name(), x + 22, y);
      x += 22 + fm.stringWidth(item.name()) + 14;
    }
  }

  private record LegendItem(String name, Color color, boolean filled) {}

  private static void drawGrid(Graphics2D g, Axes axes) {
    Rectangle plot = axes.plot();
    g.setFont(FONT);
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1));
    double yStep = axes.yStep();
    int yTicks = (int) Math.round(axes.yMax() / yStep);
    for (int i = 0; i <= yTicks; i++) {
      double v = yStep * i;
      double y = axes.y(v);
      g.setColor(GRID);
      g.draw(new Line2D.Double(plot.x, y, plot.x + plot.width, y));
      g.setColor(AXIS);
      String label = tickLabel(v, yStep);
      g.drawString(
          label, plot.x - 6 - fm.stringWidth(label), (float) (y + fm.getAscent() / 2.0 - 1));
    }
    double xStep = axes.xStep();
    int xTicks = (int) Math.round(axes.xMax() / xStep);
    for (int i = 0; i <= xTicks; i++) {
      double v = xStep * i;
      double x = axes.x(v);
      g.setColor(GRID);
      g.draw(new Line2D.Double(x, plot.y, x, plot.y + plot.height));
      g.setColor(AXIS);
      String label = tickLabel(v, xStep);
      g.drawString(label, (float) (x - fm.stringWidth(label) / 2.0), plot.y + plot.height + 16);
    }
    String unit = "session time (s)";
    g.drawString(unit, plot.x + plot.width - fm.stringWidth(unit), plot.y + plot.height + 31);
  }

  private static void drawLine(
      Graphics2D g, Axes axes, List<Point> points, double scale, Color color, float width) {
    if (points.isEmpty()) {
      return;
    }
    Path2D.Double path = new Path2D.Double();
    boolean first = true;
    for (Point p : points) {
      double x = axes.x(p.tS());
      double y = axes.y(p.value() * scale);
      if (first) {
        path.moveTo(x, y);
        first = false;
      } else {
        path.lineTo(x, y);
      }
    }
    g.setColor(color);
    g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path);
    if (points.size() == 1) {
      drawPoints(g, axes, points, scale, color);
    }
  }

  private static void drawSteps(
      Graphics2D g,
      Axes axes,
      List<Point> points,
      double scale,
      Color color,
      float width,
      double xMax,
      double endS) {
    if (points.isEmpty()) {
      return;
    }
    Path2D.Double path = new Path2D.Double();
    double previousY = 0;
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double x = axes.x(p.tS());
      double y = axes.y(p.value() * scale);
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, previousY);
        path.lineTo(x, y);
      }
      previousY = y;
    }
    path.lineTo(
        axes.x(Math.min(xMax, Math.max(endS, points.get(points.size() - 1).tS()))), previousY);
    g.setColor(color);
    g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
    g.draw(path);
  }

  private static void drawPoints(
      Graphics2D g, Axes axes, List<Point> points, double scale, Color color) {
    g.setColor(color);
    for (Point p : points) {
      double x = axes.x(p.tS());
      double y = axes.y(p.value() * scale);
      g.fill(new Rectangle2D.Double(x - 2, y - 2, 4, 4));
    }
  }

  /**
   * Maps data to pixels inside {@code plot}: x from 0 to {@code xMax}, y from 0 to {@code yMax}.
   */
  private record Axes(Rectangle plot, double xMax, double yMax, double xStep, double yStep) {
    double x(double v) {
      return plot.x + plot.width * (v / xMax);
    }

    double y(double v) {
      double clamped = Math.max(0, Math.min(yMax, v));
      return plot.y + plot.height - plot.height * (clamped / yMax);
    }
  }

  /** The smallest whole number (at least one) of {@code step}s covering {@code max}. */
  static double stepsOver(double max, double step) {
    return step * Math.max(1, Math.ceil(max / step - 1e-9));
  }

  /**
   * The tick step of an axis covering {@code max}: the nice step for about {@link #TICKS} ticks;
   * or, when that leaves more than a fifth of the axis past the data, the next smaller nice step if
   * it ends the axis closer with at most twice as many ticks (a 60.5-s session gets an axis to 70 s
   * in steps of 10, not to 80 s in steps of 20).
   */
  static double axisStep(double max) {
    double step = niceStep(max / TICKS);
    if (stepsOver(max, step) <= AXIS_SLACK * max) {
      return step;
    }
    double smaller = smallerNiceStep(step);
    boolean fewEnough = stepsOver(max, smaller) / smaller <= 2 * TICKS + 1e-9;
    return fewEnough && stepsOver(max, smaller) < stepsOver(max, step) - 1e-9 ? smaller : step;
  }

  /** An axis may reach this much past its data before a finer step is tried. */
  private static final double AXIS_SLACK = 1.2;

  /** The nice step just below {@code step} (1 → 0.5, 2 → 1, 5 → 2, × 10ⁿ). */
  private static double smallerNiceStep(double step) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
    double leading = Math.round(step / magnitude);
    return leading == 1 ? magnitude / 2 : leading == 2 ? magnitude : 2 * magnitude;
  }

  /** The smallest of 1, 2, 5 × 10ⁿ at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0) || !Double.isFinite(raw)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double normalised = raw / magnitude;
    double nice = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static String tickLabel(double value, double step) {
    if (step >= 1 && value == Math.rint(value)) {
      return Long.toString(Math.round(value));
    }
    int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step)));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
