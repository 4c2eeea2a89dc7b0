package org.smoothplayer.app.ui.session;

import java.io.File;
import java.nio.file.Path;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.session.report.SessionCharts;
import org.smoothplayer.app.session.report.SessionSeries;
import org.smoothplayer.app.ui.FileWork;

/**
 * The Session window's content: the three charts of {@link SessionCharts} (bitrate chosen and shown
 * vs throughput, buffer, dropped frames; stalls shaded, switches marked) drawn at the window's
 * size, the summary beside them, a "Current session" button, "Open log…" and "Export report…" (the
 * report of what is shown, as the {@code report} command writes it). It only lays out and binds to
 * the {@link SessionViewModel}; while shown, a timeline asks the view model for new events every
 * {@value #REFRESH_MS} ms.
 *
 * <p>Node ids: {@code #sessionSource}, {@code #showLive}, {@code #openLog}, {@code #exportReport},
 * {@code #sessionCharts}, {@code #sessionSummary}, {@code #sessionError}, {@code #sessionExported}.
 * Thread ownership: FX application thread only (log files are read, and reports written, on a
 * daemon thread and handed back with {@link Platform#runLater}).
 */
public final class SessionView extends BorderPane {

  /** How often the live session is looked at, milliseconds. */
  public static final long REFRESH_MS = 500;

  /** Size of the Session window, logical pixels. */
  public static final double WIDTH = 1100;

  public static final double HEIGHT = 720;

  private final SessionViewModel viewModel;
  private final ImageView charts = new ImageView();
  private final Pane chartArea = new Pane(charts);
  private final Timeline timeline;
  private SessionSeries drawnSeries = SessionSeries.EMPTY;
  private int drawnWidth;
  private int drawnHeight;

  /** A view of {@code viewModel}; call {@link #start()} once shown. */
  public SessionView(SessionViewModel viewModel) {
    this.viewModel = viewModel;
    ChartImages.init();
    setId("sessionView");

    Label source = new Label();
    source.setId("sessionSource");
    source.textProperty().bind(viewModel.sourceTextProperty());
    Button live = new Button("Current session");
    live.setId("showLive");
    live.disableProperty().bind(viewModel.liveProperty());
    live.setOnAction(e -> viewModel.showLive());
    Button open = new Button("Open log\u2026");
    open.setId("openLog");
    open.setOnAction(e -> chooseLog());
    Button export = new Button("Export report\u2026");
    export.setId("exportReport");
    export.disableProperty().bind(viewModel.exportableProperty().not());
    export.setOnAction(e -> chooseReportFolder());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, source, spacer, live, open, export);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(8, 10, 8, 10));
    setTop(bar);

    charts.setId("sessionCharts");
    chartArea.setMinSize(0, 0);
    chartArea.widthProperty().addListener((obs, was, is) -> redraw());
    chartArea.heightProperty().addListener((obs, was, is) -> redraw());
    setCenter(chartArea);

    TextArea summary = new TextArea();
    summary.setId("sessionSummary");
    summary.setEditable(false);
    summary.setWrapText(true);
    summary.setPrefWidth(340);
    summary.setStyle("-fx-font-family: monospace;");
    summary.textProperty().bind(viewModel.summaryTextProperty());
    setRight(summary);

    Label error = new Label();
    error.setId("sessionError");
    error.setStyle("-fx-text-fill: #b00020; -fx-padding: 4 10 6 10;");
    error.textProperty().bind(viewModel.errorTextProperty());
    error.visibleProperty().bind(viewModel.errorTextProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    Label exported = new Label();
    exported.setId("sessionExported");
    exported.setStyle("-fx-padding: 4 10 6 10;");
    exported.textProperty().bind(viewModel.exportedTextProperty());
    exported.visibleProperty().bind(viewModel.exportedTextProperty().isNotEmpty());
    exported.managedProperty().bind(exported.visibleProperty());
    setBottom(new VBox(error, exported));

    viewModel.seriesProperty().addListener((obs, was, is) -> redraw());
    timeline = new Timeline(new KeyFrame(Duration.millis(REFRESH_MS), e -> viewModel.refresh()));
    timeline.setCycleCount(Animation.INDEFINITE);
  }

  /** A scene holding this view at the window's size. */
  public Scene scene() {
    return new Scene(this, WIDTH, HEIGHT);
  }

  /** The view model this view shows. */
  public SessionViewModel viewModel() {
    return viewModel;
  }

  /** The chart picture shown. */
  public ImageView charts() {
    return charts;
  }

  /** Starts looking for new events of the live session. */
  public void start() {
    viewModel.refresh();
    timeline.play();
  }

  /** Stops looking (the window is hidden). */
  public void stop() {
    timeline.stop();
  }

  /** Reads {@code file} on a background thread and shows it (or why it could not be read). */
  public void openLog(Path file) {
    FileWork.inBackground(
        "session-log-reader",
        () -> SessionViewModel.readLog(file),
        log -> viewModel.showLog(file, log),
        "Cannot read " + file,
        viewModel::showError);
  }

  /**
   * Writes the report of what is shown into a new folder inside {@code parent} on a background
   * thread, then says where (or why it could not).
   */
  public void exportReport(Path parent) {
    var shown = viewModel.shown();
    if (shown.isPresent()) {
      FileWork.inBackground(
          "session-report-writer",
          () -> SessionViewModel.exportReport(shown.get(), parent),
          viewModel::showExported,
          "Cannot write the report into " + parent,
          viewModel::showError);
    }
  }

  private void chooseReportFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Export the report into a folder");
    File folder = chooser.showDialog(window());
    if (folder != null) {
      exportReport(folder.toPath());
    }
  }

  private void chooseLog() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open session log");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Session logs", "*.jsonl", "*.json"),
            new FileChooser.ExtensionFilter("All files", "*"));
    File file = chooser.showOpenDialog(window());
    if (file != null) {
      openLog(file.toPath());
    }
  }

  /** Draws the charts again when their data or the area's size changed. */
  private void redraw() {
    int width = (int) Math.floor(chartArea.getWidth());
    int height = (int) Math.floor(chartArea.getHeight());
    SessionSeries series = viewModel.seriesProperty().get();
    if (width <= 0 || height <= 0) {
      return;
    }
    if (series == drawnSeries && width == drawnWidth && height == drawnHeight) {
      return;
    }
    drawnSeries = series;
    drawnWidth = width;
    drawnHeight = height;
    charts.setImage(ChartImages.toFx(SessionCharts.overview(series, width, height)));
    // Below the charts' smallest size the picture is scaled down to the area.
    charts.setFitWidth(width);
    charts.setFitHeight(height);
  }

  private @Nullable Window window() {
    Scene scene = getScene();
    return scene != null ? scene.getWindow() : null;
  }
}
