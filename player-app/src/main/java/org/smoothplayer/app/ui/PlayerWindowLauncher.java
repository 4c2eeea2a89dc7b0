package org.smoothplayer.app.ui;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.app.config.AppSettings;
import org.smoothplayer.app.config.CaptionChoice;
import org.smoothplayer.app.config.ConfigStore;
import org.smoothplayer.app.config.CurrentSettings;
import org.smoothplayer.app.config.RecentInputs;
import org.smoothplayer.app.config.ResumePositions;
import org.smoothplayer.app.config.SoundState;
import org.smoothplayer.app.config.WindowBounds;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.ui.session.SessionRecordings;

/**
 * Opens the player window from plain Java (the command line): starts the JavaFX runtime, shows the
 * window on a session, waits until the window closes and closes the session.
 */
public final class PlayerWindowLauncher {

  /** Exit code of a window that opened and closed. */
  public static final int EXIT_OK = 0;

  /** Exit code when no window can be shown (no display, no GTK). */
  public static final int EXIT_NO_DISPLAY = 1;

  /** Window size at start, logical pixels. */
  public static final double DEFAULT_WIDTH = 1280;

  public static final double DEFAULT_HEIGHT = 720;

  /** Smallest window size, logical pixels. */
  public static final double MIN_WIDTH = 480;

  public static final double MIN_HEIGHT = 300;

  /** Longest wait for the sessions to close after the window closed, seconds. */
  static final long CLOSE_WAIT_S = 30;

  private static final Logger LOG = LoggerFactory.getLogger(PlayerWindowLauncher.class);

  private PlayerWindowLauncher() {}

  /**
   * Shows the player window on a session of {@code initialUrl} and blocks until the user closes it;
   * sessions are closed on a "player-closer" thread (never on the FX thread) and waited for (at
   * most {@value #CLOSE_WAIT_S} s) before returning. The JavaFX runtime stays up (so a later call
   * in the same JVM works): end the JVM with {@code System.exit}.
   *
   * @param initialUrl what to open first: an http, https or file URL, or a presentation folder
   * @param opener opens a session on a checked URL or folder path (also used by File ▸ Open and
   *     drag and drop); its exceptions show in the window's error banner
   * @return {@link #EXIT_OK}, or {@link #EXIT_NO_DISPLAY} when the toolkit cannot start (a message
   *     is printed on standard error)
   */
  public static int run(String initialUrl, SessionOpener opener) {
    return run(
        FirstSession.of(initialUrl),
        opener,
        CurrentSettings.inMemory(AppSettings.DEFAULTS),
        new SessionRecordings(),
        System.err);
  }

  /**
   * As {@link #run(String, SessionOpener)}, opening {@code first} first, with the settings in force
   * (shown and changed by File ▸ Settings…; the opener should start sessions with them) and the
   * recorders of the sessions the opener opens (shown live by View ▸ Session…). The window
   * remembers in the settings' folder what it opens (File ▸ Open Recent) and where each on-demand
   * input is left (it opens there next time).
   */
  public static int run(
      FirstSession first,
      SessionOpener opener,
      CurrentSettings settings,
      SessionRecordings recordings) {
    return run(first, opener, settings, recordings, System.err);
  }

  static int run(String initialUrl, SessionOpener opener, PrintStream err) {
    return run(
        FirstSession.of(initialUrl),
        opener,
        CurrentSettings.inMemory(AppSettings.DEFAULTS),
        new SessionRecordings(),
        err);
  }

  static int run(
      FirstSession first,
      SessionOpener opener,
      CurrentSettings settings,
      SessionRecordings recordings,
      PrintStream err) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(opener, "opener");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(recordings, "recordings");
    String problem = startToolkit();
    if (problem != null) {
      err.println(
          "smooth-player: no display: " + problem + "; use --headless to play without a window");
      return EXIT_NO_DISPLAY;
    }
    ExecutorService closer =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "player-closer");
              t.setDaemon(true);
              return t;
            });
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<@Nullable Stage> stage = new AtomicReference<>();
    AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
    Platform.runLater(
        () -> {
          try {
            stage.set(
                openWindow(
                    first,
                    opener,
                    player -> closer.execute(() -> closeQuietly(player)),
                    closed::countDown,
                    settings,
                    recordings));
          } catch (RuntimeException e) {
            failure.set(e);
            closed.countDown();
          }
        });
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Platform.runLater(
          () -> {
            Stage s = stage.get();
            if (s != null) {
              s.hide();
            }
          });
    }
    closer.shutdown();
    try {
      if (!closer.awaitTermination(CLOSE_WAIT_S, TimeUnit.SECONDS)) {
        err.println(
            "smooth-player: the session did not close within " + CLOSE_WAIT_S + " s; leaving it");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    RuntimeException e = failure.get();
    if (e != null) {
      err.println("smooth-player: the window could not be shown: " + ErrorText.of(e));
      return EXIT_NO_DISPLAY;
    }
    return EXIT_OK;
  }

  /**
   * Builds and shows a player window on the FX thread and opens {@code initialUrl} in it; sessions
   * the window is done with go to {@code closer}; when the window hides, the current session goes
   * there too and {@code onClosed} runs.
   */
  static Stage openWindow(
      String initialUrl, SessionOpener opener, Consumer<Player> closer, Runnable onClosed) {
    return openWindow(
        FirstSession.of(initialUrl),
        opener,
        closer,
        onClosed,
        CurrentSettings.inMemory(AppSettings.DEFAULTS),
        new SessionRecordings());
  }

  /**
   * As {@link #openWindow(String, SessionOpener, Consumer, Runnable)}, opening {@code first}, with
   * settings and recordings; what the window opens and where it is left are remembered in the
   * settings' folder (in memory without one).
   */
  static Stage openWindow(
      FirstSession first,
      SessionOpener opener,
      Consumer<Player> closer,
      Runnable onClosed,
      CurrentSettings settings,
      SessionRecordings recordings) {
    RecentInputs recent =
        settings.store().map(RecentInputs::stored).orElseGet(RecentInputs::inMemory);
    ResumePositions positions =
        settings.store().map(ResumePositions::stored).orElseGet(ResumePositions::inMemory);
    PlayerViewModel viewModel = new PlayerViewModel(opener, closer, recent, positions);
    // The sound the last window closed with (every session of this window starts with it).
    SoundState sound = settings.store().map(SoundState::stored).orElse(SoundState.DEFAULT);
    viewModel.setVolume(sound.volume());
    if (sound.muted()) {
      viewModel.toggleMute();
    }
    // Captions as the last window closed with them (on in a language, or off), unless turned off.
    CaptionChoice captions = settings.store().map(CaptionChoice::stored).orElse(CaptionChoice.OFF);
    viewModel.restoreCaptions(
        first.captionsOff() ? new CaptionChoice(false, captions.language()) : captions);
    PlayerView view = new PlayerView(viewModel, settings, recordings);
    Stage stage = new Stage();
    stage.titleProperty().bind(viewModel.titleProperty());
    stage.setMinWidth(MIN_WIDTH);
    stage.setMinHeight(MIN_HEIGHT);
    // Where and how large the last window closed (fitted to today's screens), else the default.
    Optional<WindowPlacement.Placed> placed =
        settings
            .store()
            .flatMap(WindowBounds::stored)
            .map(
                saved ->
                    WindowPlacement.fit(
                        saved,
                        Screen.getScreens().stream().map(Screen::getVisualBounds).toList(),
                        MIN_WIDTH,
                        MIN_HEIGHT));
    stage.setScene(
        new Scene(
            view,
            placed.map(WindowPlacement.Placed::width).orElse(DEFAULT_WIDTH),
            placed.map(WindowPlacement.Placed::height).orElse(DEFAULT_HEIGHT)));
    placed.ifPresent(
        p -> {
          p.position()
              .ifPresent(
                  at -> {
                    stage.setX(at.getX());
                    stage.setY(at.getY());
                  });
          stage.setMaximized(p.maximized());
        });
    stage.setOnHidden(
        event -> {
          view.stop();
          settings
              .store()
              .ifPresent(
                  store -> {
                    new SoundState(
                            viewModel.volumeProperty().get(), viewModel.mutedProperty().get())
                        .store(store);
                    viewModel.captionChoice().store(store);
                    storeBounds(stage, store);
                  });
          viewModel.close();
          onClosed.run();
        });
    stage.show();
    view.start();
    viewModel.openUrl(first.input(), first.remembered(), first.startUs());
    return stage;
  }

  /**
   * Keeps where and how large {@code stage} is for the next window. A full-screen window keeps the
   * bounds stored before; a maximized one keeps the size and place it had before it was maximized
   * (stored earlier), marked maximized.
   */
  private static void storeBounds(Stage stage, ConfigStore store) {
    Scene scene = stage.getScene();
    if (stage.isFullScreen() || scene == null || scene.getWidth() <= 0 || scene.getHeight() <= 0) {
      return;
    }
    WindowBounds now =
        new WindowBounds(
            stage.getX(), stage.getY(), scene.getWidth(), scene.getHeight(), stage.isMaximized());
    if (stage.isMaximized()) {
      now =
          WindowBounds.stored(store)
              .map(b -> new WindowBounds(b.x(), b.y(), b.width(), b.height(), true))
              .orElse(now);
    }
    now.store(store);
  }

  private static void closeQuietly(Player player) {
    try {
      player.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the session failed: {}", ErrorText.of(e), e);
    }
  }

  /** Starts the FX runtime unless it runs already; the reason when it cannot start, else null. */
  private static @Nullable String startToolkit() {
    try {
      CountDownLatch started = new CountDownLatch(1);
      Platform.startup(started::countDown);
      started.await();
    } catch (IllegalStateException alreadyRunning) {
      // Started before (an earlier window, or a test harness): use it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while starting JavaFX";
    } catch (RuntimeException | LinkageError e) {
      return ErrorText.of(e);
    }
    Platform.setImplicitExit(false);
    return null;
  }
}
