package org.smoothplayer.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.app.config.AppSettings;
import org.smoothplayer.app.config.CurrentSettings;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.manifest.LanguageTags;
import org.smoothplayer.app.text.CaptionTrack;
import org.smoothplayer.app.ui.session.SessionRecordings;
import org.smoothplayer.app.ui.session.SessionView;
import org.smoothplayer.app.ui.session.SessionViewModel;
import org.smoothplayer.app.ui.settings.SettingsView;
import org.smoothplayer.app.ui.settings.SettingsViewModel;

/**
 * The player window's content: menu bar, video surface with its overlays (stats, error banner, busy
 * indicator, notice) and the controls bar. It only lays out, binds to the {@link PlayerViewModel}
 * and forwards user input to its actions; an {@link AnimationTimer} shows the due frame and folds
 * in the latest snapshot once per pulse.
 *
 * <p>Thread ownership: FX application thread only.
 */
public final class PlayerView extends BorderPane {

  private static final Logger LOG = LoggerFactory.getLogger(PlayerView.class);

  /** Narrowest the seek area and the volume slider get when the window is narrow, in pixels. */
  static final double MIN_SLIDER_WIDTH = 40;

  /**
   * A control bar narrower than this hides the volume slider, so the seek bar keeps room to aim at;
   * the volume stays on the Mute button, the ↑/↓ keys and the wheel.
   */
  static final double VOLUME_SLIDER_HIDDEN_BELOW_PX = 640;

  /** Pointer events that show the controls again in full screen. */
  private static final List<EventType<MouseEvent>> ACTIVITY =
      List.of(MouseEvent.MOUSE_MOVED, MouseEvent.MOUSE_DRAGGED, MouseEvent.MOUSE_PRESSED);

  /**
   * The controls bar's background while it lies over the picture: the window's grey, nearly opaque.
   */
  private static final String OVERLAID_CONTROLS_STYLE =
      "-fx-background-color: rgba(244,244,244,0.92);";

  /** A wheel notch in {@code ScrollEvent.deltaY} when the event gives no multiplier (JavaFX's). */
  private static final double DEFAULT_NOTCH_DELTA = 40;

  private final PlayerViewModel viewModel;
  private final VideoSurface surface = new VideoSurface();
  private final MenuBar menuBar;
  private final StackPane videoArea;
  private final HBox controls;
  // The pointer is on the bars or a menu is open; kept here, its dependencies hold it weakly.
  private final BooleanBinding controlsHeld;
  private final OpenMenu openMenu;
  private final List<KeyShortcut> keyShortcuts;
  // Scrolling over the picture not yet turned into volume steps, in notches; FX thread only.
  private double scrolledNotches;
  private final RadioChoiceMenu qualityMenu = new RadioChoiceMenu("Quality", "qualityMenu");
  private final RadioChoiceMenu audioMenu = new RadioChoiceMenu("Audio", "audioMenu");
  private final RadioChoiceMenu captionsMenu = new RadioChoiceMenu("Captions", "captionsMenu");
  private final Slider seekBar = new Slider(0, 1, 0);
  private final SeekHint seekHint;
  private final Slider volumeSlider = new Slider(0, 1, PlayerViewModel.DEFAULT_VOLUME);
  // True while the view itself moves a slider (so the move is not taken for the user's).
  private boolean settingSeekBar;
  private boolean settingVolume;
  private boolean renderFailureLogged;
  private final AnimationTimer timer =
      new AnimationTimer() {
        @Override
        public void handle(long nowNs) {
          pulse();
        }
      };

  private final CurrentSettings settings;
  private final SessionRecordings recordings;
  // The Settings and Session windows while they are open.
  private @Nullable Stage settingsStage;
  private @Nullable Stage sessionStage;
  private @Nullable SessionView sessionView;

  /**
   * A view of {@code viewModel} whose Settings window edits settings kept in memory only; call
   * {@link #start()} once it is on screen.
   */
  public PlayerView(PlayerViewModel viewModel) {
    this(viewModel, CurrentSettings.inMemory(AppSettings.DEFAULTS), new SessionRecordings());
  }

  /**
   * A view of {@code viewModel}; call {@link #start()} once it is on screen.
   *
   * @param settings the settings in force, shown and changed by File ▸ Settings…
   * @param recordings where View ▸ Session… finds the current session's events
   */
  public PlayerView(
      PlayerViewModel viewModel, CurrentSettings settings, SessionRecordings recordings) {
    this.viewModel = viewModel;
    this.settings = settings;
    this.recordings = recordings;
    setId("playerView");
    openMenu = new OpenMenu(viewModel, this::window);
    keyShortcuts = keyShortcuts();
    seekHint = SeekHint.attach(seekBar, viewModel::timeAtFraction);
    menuBar = menuBar();
    videoArea = videoArea();
    controls = controlsBar();
    videoArea.getChildren().add(1, CaptionOverlay.create(viewModel, videoArea, controls));
    setTop(menuBar);
    setCenter(videoArea);
    setBottom(controls);
    // In full screen the bars lie over the picture and hide while it plays untouched.
    menuBar.visibleProperty().bind(viewModel.controlsShownProperty());
    controls.visibleProperty().bind(viewModel.controlsShownProperty());
    videoArea
        .cursorProperty()
        .bind(
            Bindings.when(viewModel.controlsShownProperty())
                .then(Cursor.DEFAULT)
                .otherwise(Cursor.NONE));
    List<Observable> holding = new ArrayList<>();
    holding.add(controls.hoverProperty());
    holding.add(menuBar.hoverProperty());
    menuBar.getMenus().forEach(m -> holding.add(m.showingProperty()));
    controlsHeld =
        Bindings.createBooleanBinding(
            () ->
                controls.isHover()
                    || menuBar.isHover()
                    || menuBar.getMenus().stream().anyMatch(Menu::isShowing),
            holding.toArray(Observable[]::new));
    controlsHeld.addListener((obs, was, is) -> viewModel.holdControls(is));
    surface.setViewportListener(viewModel::setViewport);
    viewModel
        .playerProperty()
        .addListener(
            (obs, before, after) -> {
              surface.clear();
              renderFailureLogged = false;
              SessionView session = sessionView;
              if (session != null) {
                session.viewModel().follow(after);
              }
            });
    EventHandler<KeyEvent> keys = this::onKeyPressed;
    EventHandler<MouseEvent> pointer = e -> viewModel.userActivity();
    ChangeListener<Boolean> fullScreen = (obs, was, is) -> applyFullscreen(is);
    ChangeListener<@Nullable Window> windowChanged =
        (obs, before, after) -> {
          if (before instanceof Stage stage) {
            stage.fullScreenProperty().removeListener(fullScreen);
          }
          if (after instanceof Stage stage) {
            stage.fullScreenProperty().addListener(fullScreen);
            applyFullscreen(stage.isFullScreen());
          }
        };
    sceneProperty()
        .addListener(
            (obs, before, after) -> {
              if (before != null) {
                before.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
                for (EventType<MouseEvent> type : ACTIVITY) {
                  before.removeEventFilter(type, pointer);
                }
                before.windowProperty().removeListener(windowChanged);
              }
              if (after != null) {
                after.addEventFilter(KeyEvent.KEY_PRESSED, keys);
                for (EventType<MouseEvent> type : ACTIVITY) {
                  after.addEventFilter(type, pointer);
                }
                after.windowProperty().addListener(windowChanged);
                windowChanged.changed(after.windowProperty(), null, after.getWindow());
              }
            });
    setOnDragOver(this::onDragOver);
    setOnDragDropped(this::onDragDropped);
  }

  /** Starts showing frames and snapshots, once per pulse. */
  public void start() {
    timer.start();
  }

  /** Stops the pulse work and closes the Settings and Session windows (the window is closing). */
  public void stop() {
    timer.stop();
    for (Stage stage : new Stage[] {settingsStage, sessionStage}) {
      if (stage != null) {
        stage.hide();
      }
    }
  }

  /**
   * Opens the Settings window (or brings it to the front): the form of the settings in force; Apply
   * sends them to the current session.
   */
  public Stage showSettings() {
    Stage stage = settingsStage;
    if (stage == null) {
      SettingsView view = new SettingsView(new SettingsViewModel(settings, viewModel::player));
      stage = ownedStage("Settings \u2014 " + PlayerViewModel.APP_NAME, view.scene());
      stage.setOnHidden(e -> settingsStage = null);
      settingsStage = stage;
    }
    stage.show();
    stage.toFront();
    return stage;
  }

  /**
   * Opens the Session window (or brings it to the front): live charts and summary of the current
   * session, or of a log file opened there.
   */
  public Stage showSession() {
    Stage stage = sessionStage;
    if (stage == null) {
      SessionViewModel model = new SessionViewModel(recordings);
      model.follow(viewModel.player());
      SessionView view = new SessionView(model);
      stage = ownedStage("Session \u2014 " + PlayerViewModel.APP_NAME, view.scene());
      stage.setOnHidden(
          e -> {
            view.stop();
            sessionView = null;
            sessionStage = null;
          });
      sessionView = view;
      sessionStage = stage;
      stage.show();
      view.start();
    } else {
      stage.show();
    }
    stage.toFront();
    return stage;
  }

  /** Escape or Shortcut+W closes the Settings and Session windows (after their controls). */
  private static final KeyCombination CLOSE_WINDOW = KeyCombination.keyCombination("Shortcut+W");

  private Stage ownedStage(String title, Scene scene) {
    Stage stage = new Stage();
    stage.setTitle(title);
    stage.setScene(scene);
    // A handler, not a filter: a control that uses Escape itself (an open popup, an edit) consumes
    // it first. Unapplied settings are dropped, as a dialog's Cancel does.
    scene.addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ESCAPE || CLOSE_WINDOW.match(e)) {
            e.consume();
            stage.hide();
          }
        });
    Window owner = window();
    if (owner != null) {
      stage.initOwner(owner);
    }
    return stage;
  }

  /** The video surface. */
  public VideoSurface surface() {
    return surface;
  }

  /** The view model this view shows. */
  public PlayerViewModel viewModel() {
    return viewModel;
  }

  /** One pulse: shows the frame due (if any) and folds in the latest snapshot. */
  void pulse() {
    Player player = viewModel.player();
    if (player != null) {
      try {
        surface.showDue(player.frames());
      } catch (RuntimeException e) {
        if (!renderFailureLogged) {
          renderFailureLogged = true;
          LOG.warn("showing a frame failed", e);
        }
      }
    }
    viewModel.refresh();
  }

  /** File ▸ Open URL…: asks for a URL or folder (offering the recent inputs) and opens it. */
  public void showOpenDialog() {
    openMenu.showOpenDialog();
  }

  /** File ▸ Open File…: asks for a manifest file on disk and opens it by its file URL. */
  public void showOpenFileDialog() {
    openMenu.showOpenFileDialog();
  }

  /** Replaces the file chooser of File ▸ Open File… (tests; the native dialog cannot be driven). */
  void setManifestChooser(Function<@Nullable Window, @Nullable File> chooser) {
    openMenu.setManifestChooser(chooser);
  }

  /** Enters or leaves full screen. */
  public void toggleFullscreen() {
    if (window() instanceof Stage stage) {
      stage.setFullScreen(!stage.isFullScreen());
    }
  }

  /**
   * In full screen the menu bar and the controls move over the picture (top and bottom of the video
   * area), so the picture keeps the whole screen when they hide; out of it they go back above and
   * below it.
   */
  private void applyFullscreen(boolean on) {
    boolean overlaid = videoArea.getChildren().contains(controls);
    if (on && !overlaid) {
      setTop(null);
      setBottom(null);
      StackPane.setAlignment(menuBar, Pos.TOP_CENTER);
      StackPane.setAlignment(controls, Pos.BOTTOM_CENTER);
      controls.setStyle(OVERLAID_CONTROLS_STYLE);
      videoArea.getChildren().addAll(menuBar, controls);
    } else if (!on && overlaid) {
      videoArea.getChildren().removeAll(menuBar, controls);
      controls.setStyle("");
      setTop(menuBar);
      setBottom(controls);
    }
    viewModel.setFullscreen(on);
  }

  // ---------------------------------------------------------------- layout

  private MenuBar menuBar() {
    MenuItem quit = new MenuItem("Quit");
    quit.setId("quitItem");
    quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
    quit.setOnAction(
        e -> {
          Window window = window();
          if (window != null) {
            window.hide();
          }
        });
    MenuItem settingsItem = new MenuItem("Settings\u2026");
    settingsItem.setId("settingsItem");
    settingsItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
    settingsItem.setOnAction(e -> showSettings());
    Menu file = new Menu("File");
    file.getItems().addAll(openMenu.items());
    file.getItems().addAll(settingsItem, new SeparatorMenuItem(), quit);
    file.setId("fileMenu");

    CheckMenuItem stats = new CheckMenuItem("Stats overlay (I)");
    stats.setId("statsItem");
    stats.setSelected(viewModel.statsVisibleProperty().get());
    stats.setOnAction(
        e -> {
          if (stats.isSelected() != viewModel.statsVisibleProperty().get()) {
            viewModel.toggleStats();
          }
        });
    viewModel.statsVisibleProperty().addListener((obs, was, is) -> stats.setSelected(is));
    MenuItem fullscreen = new MenuItem("Fullscreen (F)");
    fullscreen.setId("fullscreenItem");
    fullscreen.setOnAction(e -> toggleFullscreen());
    MenuItem session = new MenuItem("Session\u2026");
    session.setId("sessionItem");
    session.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
    session.setOnAction(e -> showSession());
    MenuItem saveFrame = new MenuItem("Save Frame (S)");
    saveFrame.setId("saveFrameItem");
    saveFrame.setOnAction(e -> saveFrame(FrameShot.userFolder()));
    Menu view =
        new Menu("View", null, stats, fullscreen, saveFrame, new SeparatorMenuItem(), session);
    view.setId("viewMenu");

    viewModel.qualityItems().addListener((ListChangeListener<String>) c -> rebuildQualityMenu());
    viewModel
        .selectedQualityProperty()
        .addListener((obs, was, is) -> qualityMenu.select(is.intValue()));
    rebuildQualityMenu();

    viewModel.audioLanguages().addListener((ListChangeListener<String>) c -> rebuildAudioMenu());
    viewModel.selectedAudioProperty().addListener((obs, was, is) -> audioMenu.select(is));
    rebuildAudioMenu();

    viewModel
        .captionTracks()
        .addListener((ListChangeListener<CaptionTrack>) c -> rebuildCaptionsMenu());
    viewModel.selectedCaptionsProperty().addListener((obs, was, is) -> captionsMenu.select(is));
    rebuildCaptionsMenu();

    HelpMenu help = new HelpMenu(keyShortcuts, () -> menuBar, this::window);
    MenuBar bar =
        new MenuBar(
            file, view, qualityMenu.menu(), audioMenu.menu(), captionsMenu.menu(), help.menu());
    bar.setId("menuBar");
    bar.setMaxHeight(Region.USE_PREF_SIZE);
    return bar;
  }

  private StackPane videoArea() {
    Label stats = new Label();
    stats.setId("statsOverlay");
    stats
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> String.join("\n", viewModel.statsLines()), viewModel.statsLines()));
    stats.setStyle(
        "-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white;"
            + " -fx-font-family: monospace; -fx-padding: 6 10 6 10;");
    stats.visibleProperty().bind(viewModel.statsVisibleProperty());
    stats.setMouseTransparent(true);
    stats.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    StackPane.setAlignment(stats, Pos.TOP_LEFT);
    StackPane.setMargin(stats, new Insets(8));

    Label busyText = new Label();
    busyText.setId("bufferingLabel");
    busyText.textProperty().bind(viewModel.stateTextProperty());
    busyText.setStyle("-fx-text-fill: white;");
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setMaxSize(32, 32);
    HBox busy = new HBox(8, spinner, busyText);
    busy.setId("buffering");
    busy.setAlignment(Pos.CENTER);
    busy.setStyle("-fx-background-color: rgba(0,0,0,0.5); -fx-padding: 8 14 8 14;");
    busy.visibleProperty().bind(viewModel.busyProperty());
    busy.setMouseTransparent(true);
    busy.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);

    HBox errorBanner = ErrorBanner.create(viewModel);

    Label notice = new Label();
    notice.setId("notice");
    notice.textProperty().bind(viewModel.noticeTextProperty());
    notice.setStyle(
        "-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white; -fx-padding: 4 10 4 10;");
    notice.visibleProperty().bind(viewModel.noticeTextProperty().isNotEmpty());
    notice.setMouseTransparent(true);
    notice.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    StackPane.setAlignment(notice, Pos.BOTTOM_CENTER);
    StackPane.setMargin(notice, new Insets(8));

    // An audio-only presentation shows nothing: the surface says why, under the other overlays.
    Label audioOnly = new Label();
    audioOnly.textProperty().bind(viewModel.audioOnlyTextProperty());
    audioOnly.setId("audioOnly");
    audioOnly.setStyle("-fx-text-fill: #c8c8c8; -fx-font-size: 16px;");
    audioOnly.visibleProperty().bind(viewModel.audioOnlyProperty());
    audioOnly.setMouseTransparent(true);

    StackPane area = new StackPane(surface, audioOnly, stats, busy, notice, errorBanner);
    area.setId("videoArea");
    area.setStyle("-fx-background-color: black;");
    area.setOnMouseClicked(
        e -> {
          if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            toggleFullscreen();
          }
        });
    area.setOnScroll(this::onScroll);
    area.setMinSize(0, 0);
    return area;
  }

  private HBox controlsBar() {
    Button playPause = new Button();
    playPause.setId("playPause");
    playPause
        .textProperty()
        .bind(Bindings.when(viewModel.playingProperty()).then("Pause").otherwise("Play"));
    playPause.setFocusTraversable(false);
    playPause.setOnAction(e -> viewModel.togglePlay());

    ProgressBar buffered = new ProgressBar();
    buffered.setId("bufferedBar");
    buffered.progressProperty().bind(viewModel.bufferedFractionProperty());
    buffered.setMaxWidth(Double.MAX_VALUE);
    buffered.setMouseTransparent(true);
    buffered.setOpacity(0.5);
    seekBar.setId("seekBar");
    seekBar.setFocusTraversable(false);
    seekBar.setMaxWidth(Double.MAX_VALUE);
    seekBar.disableProperty().bind(viewModel.seekableProperty().not());
    viewModel
        .positionFractionProperty()
        .addListener(
            (obs, was, is) -> {
              if (!seekBar.isValueChanging()) {
                settingSeekBar = true;
                seekBar.setValue(is.doubleValue());
                settingSeekBar = false;
              }
            });
    // A click on the track moves the value without "changing"; a drag seeks when released.
    seekBar
        .valueProperty()
        .addListener(
            (obs, was, is) -> {
              if (!settingSeekBar && !seekBar.isValueChanging()) {
                viewModel.seekToFraction(is.doubleValue());
              }
            });
    seekBar
        .valueChangingProperty()
        .addListener(
            (obs, was, is) -> {
              if (!is) {
                viewModel.seekToFraction(seekBar.getValue());
              }
            });
    StackPane seek = new StackPane(buffered, seekBar);
    seek.setId("seekArea");
    HBox.setHgrow(seek, Priority.ALWAYS);

    Label time = new Label();
    time.setId("timeLabel");
    time.textProperty().bind(viewModel.timeTextProperty());
    time.setMinWidth(Region.USE_PREF_SIZE);
    time.setCursor(Cursor.HAND);
    time.setTooltip(new Tooltip("Click: time left / time played"));
    time.setOnMouseClicked(e -> viewModel.toggleTimeLeft());

    Button mute = new Button();
    mute.setId("mute");
    mute.textProperty()
        .bind(Bindings.when(viewModel.mutedProperty()).then("Unmute").otherwise("Mute"));
    mute.setFocusTraversable(false);
    mute.setOnAction(e -> viewModel.toggleMute());

    volumeSlider.setId("volume");
    volumeSlider.setFocusTraversable(false);
    volumeSlider.setPrefWidth(100);
    volumeSlider.setValue(viewModel.volumeProperty().get());
    volumeSlider
        .valueProperty()
        .addListener(
            (obs, was, is) -> {
              if (!settingVolume) {
                viewModel.setVolume(is.doubleValue());
              }
            });
    viewModel
        .volumeProperty()
        .addListener(
            (obs, was, is) -> {
              settingVolume = true;
              volumeSlider.setValue(is.doubleValue());
              settingVolume = false;
            });

    Button fullscreen = new Button();
    fullscreen.setId("fullscreen");
    fullscreen
        .textProperty()
        .bind(
            Bindings.when(viewModel.fullscreenProperty())
                .then("Exit fullscreen")
                .otherwise("Fullscreen"));
    fullscreen.setFocusTraversable(false);
    fullscreen.setOnAction(e -> toggleFullscreen());

    Button liveButton = new Button("Live");
    liveButton.setId("liveButton");
    liveButton.setFocusTraversable(false);
    liveButton.visibleProperty().bind(viewModel.liveProperty());
    liveButton.managedProperty().bind(viewModel.liveProperty());
    liveButton.disableProperty().bind(viewModel.atLiveEdgeProperty());
    liveButton.setOnAction(e -> viewModel.goLive());
    // At the window's minimum width the buttons keep their whole text; the seek area and the
    // volume slider give way, down to a width that can still be aimed at, and in a narrow window
    // the volume slider leaves its room to the seek bar.
    for (Button button : List.of(playPause, liveButton, mute, fullscreen)) {
      button.setMinWidth(Region.USE_PREF_SIZE);
    }
    seek.setMinWidth(MIN_SLIDER_WIDTH);
    volumeSlider.setMinWidth(MIN_SLIDER_WIDTH);
    HBox bar = new HBox(8, playPause, seek, time, liveButton, mute, volumeSlider, fullscreen);
    bar.setId("controls");
    volumeSlider
        .visibleProperty()
        .bind(bar.widthProperty().greaterThanOrEqualTo(VOLUME_SLIDER_HIDDEN_BELOW_PX));
    volumeSlider.managedProperty().bind(volumeSlider.visibleProperty());
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 10, 6, 10));
    bar.setMaxHeight(Region.USE_PREF_SIZE);
    return bar;
  }

  private void rebuildQualityMenu() {
    List<String> items = viewModel.qualityItems();
    List<RadioChoiceMenu.Choice> choices = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      int index = i;
      choices.add(
          new RadioChoiceMenu.Choice(
              "quality-" + i, items.get(i), index, () -> viewModel.chooseQuality(index)));
    }
    List<RadioMenuItem> made = qualityMenu.setChoices(choices);
    if (!made.isEmpty()) {
      made.get(0).textProperty().bind(viewModel.autoQualityTextProperty());
    }
    qualityMenu.select(viewModel.selectedQualityProperty().get());
  }

  private void rebuildAudioMenu() {
    List<String> languages = List.copyOf(viewModel.audioLanguages());
    List<String> names = LanguageTags.menuNames(languages);
    List<RadioChoiceMenu.Choice> choices = new ArrayList<>();
    for (int i = 0; i < languages.size(); i++) {
      String language = languages.get(i);
      choices.add(
          new RadioChoiceMenu.Choice(
              "audio-" + language, names.get(i), language, () -> viewModel.chooseAudio(language)));
    }
    audioMenu.setChoices(choices);
    audioMenu.select(viewModel.selectedAudioProperty().get());
  }

  private void rebuildCaptionsMenu() {
    List<RadioChoiceMenu.Choice> choices = new ArrayList<>();
    if (!viewModel.captionTracks().isEmpty()) {
      choices.add(
          new RadioChoiceMenu.Choice(
              "captions-off", "Off", "", () -> viewModel.chooseCaptions("")));
      for (CaptionTrack track : viewModel.captionTracks()) {
        choices.add(
            new RadioChoiceMenu.Choice(
                "captions-" + track.id(),
                track.label(),
                track.id(),
                () -> viewModel.chooseCaptions(track.id())));
      }
    }
    captionsMenu.setChoices(choices);
    captionsMenu.select(viewModel.selectedCaptionsProperty().get());
  }

  // ---------------------------------------------------------------- input

  private void onKeyPressed(KeyEvent e) {
    viewModel.userActivity();
    if (e.isShortcutDown() || e.isAltDown() || e.isControlDown() || e.isMetaDown()) {
      return;
    }
    KeyCode code = e.getCode();
    for (KeyShortcut shortcut : keyShortcuts) {
      if (shortcut.codes().contains(code)) {
        shortcut.action().accept(code);
        e.consume();
        return;
      }
    }
  }

  /** The window's keys without a modifier, in the order Help ▸ Keyboard Shortcuts lists them. */
  private List<KeyShortcut> keyShortcuts() {
    Set<KeyCode> digits = EnumSet.noneOf(KeyCode.class);
    for (KeyCode code : KeyCode.values()) {
      if (digit(code) >= 0) {
        digits.add(code);
      }
    }
    double step = PlayerViewModel.SEEK_STEP_S;
    int volumePercent = (int) Math.round(PlayerViewModel.VOLUME_STEP * 100);
    return List.of(
        new KeyShortcut(
            "Space",
            "play / pause (after the end: play again; after a failure: open again)",
            Set.of(KeyCode.SPACE),
            c -> viewModel.togglePlay()),
        new KeyShortcut(
            "\u2190 / \u2192",
            "seek \u2212" + (int) step + " s / +" + (int) step + " s",
            Set.of(KeyCode.LEFT, KeyCode.RIGHT),
            c -> viewModel.seekBy(c == KeyCode.LEFT ? -step : step)),
        new KeyShortcut(
            "0 \u2026 9",
            "seek to 0 %, 10 % \u2026 90 % (of the DVR window when live)",
            digits,
            c -> viewModel.seekToFraction(digit(c) / 10.0)),
        new KeyShortcut(
            "Home / End",
            "seek to the start / the end (the live edge when live)",
            Set.of(KeyCode.HOME, KeyCode.END),
            c -> {
              if (c == KeyCode.HOME) {
                viewModel.seekToFraction(0);
              } else {
                viewModel.seekToEnd();
              }
            }),
        new KeyShortcut(
            "\u2191 / \u2193",
            "volume +" + volumePercent + " % / \u2212" + volumePercent + " % (also the wheel)",
            Set.of(KeyCode.UP, KeyCode.DOWN),
            c ->
                viewModel.changeVolumeBy(
                    c == KeyCode.UP ? PlayerViewModel.VOLUME_STEP : -PlayerViewModel.VOLUME_STEP)),
        new KeyShortcut("M", "mute / unmute", Set.of(KeyCode.M), c -> viewModel.toggleMute()),
        new KeyShortcut(
            "C", "captions on / off", Set.of(KeyCode.C), c -> viewModel.toggleCaptions()),
        new KeyShortcut(
            "F",
            "full screen on / off (also a double click; Esc leaves it)",
            Set.of(KeyCode.F),
            c -> toggleFullscreen()),
        new KeyShortcut(
            "I", "stats overlay on / off", Set.of(KeyCode.I), c -> viewModel.toggleStats()),
        new KeyShortcut(
            "S",
            "save the frame on screen as PNG (in the pictures folder)",
            Set.of(KeyCode.S),
            c -> saveFrame(FrameShot.userFolder())));
  }

  /** The seek bar's time tip (for tests). */
  SeekHint seekHint() {
    return seekHint;
  }

  /**
   * Saves the picture on the surface, as decoded for it, as PNG into {@code folder} (written on a
   * daemon thread); the window then says where, or why it could not.
   */
  void saveFrame(Path folder) {
    Optional<FrameShot.Pixels> pixels = surface.copy();
    if (pixels.isEmpty()) {
      viewModel.showMessage(
          viewModel.audioOnlyProperty().get()
              ? "No picture to save: the audio plays alone"
              : "No picture to save yet");
      return;
    }
    String name = FrameShot.fileName(viewModel.positionFromStartUs(), surface.shownLevel());
    FileWork.inBackground(
        "frame-writer",
        () -> FrameShot.save(pixels.get(), folder, name),
        file -> viewModel.showMessage("Frame saved to " + file),
        "Cannot save the frame into " + folder,
        viewModel::showError);
  }

  /** 0 to 9 for a digit key of the main row or the keypad, else -1. */
  private static int digit(KeyCode code) {
    if (code.compareTo(KeyCode.DIGIT0) >= 0 && code.compareTo(KeyCode.DIGIT9) <= 0) {
      return code.ordinal() - KeyCode.DIGIT0.ordinal();
    }
    if (code.compareTo(KeyCode.NUMPAD0) >= 0 && code.compareTo(KeyCode.NUMPAD9) <= 0) {
      return code.ordinal() - KeyCode.NUMPAD0.ordinal();
    }
    return -1;
  }

  /**
   * The wheel over the picture changes the volume, one step per notch, up when it turns away from
   * the user (positive {@code deltaY}). A notch is {@code multiplierY} of {@code deltaY}, so the
   * fractions of a touchpad add up.
   */
  private void onScroll(ScrollEvent e) {
    double perNotch = e.getMultiplierY() > 0 ? e.getMultiplierY() : DEFAULT_NOTCH_DELTA;
    scrolledNotches += e.getDeltaY() / perNotch;
    while (Math.abs(scrolledNotches) >= 1) {
      double notch = Math.signum(scrolledNotches);
      viewModel.changeVolumeBy(notch * PlayerViewModel.VOLUME_STEP);
      scrolledNotches -= notch;
    }
    e.consume();
  }

  private void onDragOver(DragEvent e) {
    Dragboard board = e.getDragboard();
    if (board.hasFiles() || board.hasUrl() || board.hasString()) {
      e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
    }
    e.consume();
  }

  private void onDragDropped(DragEvent e) {
    Dragboard board = e.getDragboard();
    Optional<String> target =
        dropTarget(
            board.hasFiles() ? board.getFiles() : List.of(),
            board.hasUrl() ? board.getUrl() : null,
            board.hasString() ? board.getString() : null);
    e.setDropCompleted(target.map(viewModel::openUrl).orElse(false));
    e.consume();
  }

  /**
   * What a drop opens: the first file (a folder by its path, a file by its file URL), else the URL,
   * else the text; of a URL or text of several lines (a list of links, as {@code text/uri-list}
   * carries them), the first line that is neither blank nor a {@code #} comment.
   */
  static Optional<String> dropTarget(
      List<File> files, @Nullable String url, @Nullable String text) {
    if (!files.isEmpty()) {
      File first = files.get(0);
      return Optional.of(first.isDirectory() ? first.getAbsolutePath() : first.toURI().toString());
    }
    Optional<String> link = firstLink(url);
    return link.isPresent() ? link : firstLink(text);
  }

  private static Optional<String> firstLink(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .findFirst();
  }

  private @Nullable Window window() {
    Scene scene = getScene();
    return scene != null ? scene.getWindow() : null;
  }
}
