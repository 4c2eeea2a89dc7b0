package org.smoothplayer.app.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * A live session for engine tests: the local origin serving a presentation in live mode (its
 * requests logged to {@code requests}), and a headless, silent engine playing its manifest with the
 * given settings, every event recorded in {@code log}. Closing closes both.
 */
record LiveSession(LocalOrigin origin, PlaybackEngine engine, SessionRecorder log, Path requests)
    implements AutoCloseable {

  /**
   * Starts the origin on {@code presentation} with {@code live}, its request log in {@code dir},
   * and opens the engine with {@code settings} (keys of the player's settings) and any further
   * options {@code more} adds.
   */
  static LiveSession open(
      Path presentation,
      Path dir,
      LiveOptions live,
      Map<String, Double> settings,
      UnaryOperator<EngineOptions> more)
      throws IOException {
    Path requests = dir.resolve("requests.jsonl");
    SessionRecorder log = new SessionRecorder();
    LocalOrigin origin = LocalOrigin.builder(presentation).live(live).requestLog(requests).start();
    try {
      PlaybackEngine engine =
          PlaybackEngine.open(
              more.apply(
                  EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                      .headless()
                      .silent()
                      .withConfig(PlayerConfig.fromValues(settings, "default"))
                      .withSink(log)));
      return new LiveSession(origin, engine, log, requests);
    } catch (RuntimeException e) {
      origin.close();
      throw e;
    }
  }

  /**
   * As {@link #open}, on an endless broadcast with 40 s already published, joined {@code
   * joinFragments} behind the edge and refreshing the manifest every {@code refreshS} at the most,
   * with the {@code extra} settings besides.
   */
  static LiveSession openEndless(
      Path presentation,
      Path dir,
      double joinFragments,
      double refreshS,
      Map<String, Double> extra,
      UnaryOperator<EngineOptions> more)
      throws IOException {
    Map<String, Double> settings = new HashMap<>(extra);
    settings.put(PlaybackSettings.LIVE_JOIN_OFFSET_FRAGMENTS.key(), joinFragments);
    settings.put(PlaybackSettings.LIVE_REFRESH_INTERVAL_S.key(), refreshS);
    return open(
        presentation,
        dir,
        LiveOptions.defaults().withEndless(true).withStartOffsetS(40),
        settings,
        more);
  }

  /** Waits until the engine plays, then until it has played {@code us} more (each ≤ 20 s). */
  void playing(long us) throws InterruptedException {
    await("playing", () -> engine.snapshot().state() == PlayerState.PLAYING, 20_000);
    long joinedUs = engine.snapshot().positionUs();
    await(
        us / 1000 + " ms played",
        () -> engine.snapshot().positionUs() >= joinedUs + us,
        20_000,
        () -> "last snapshot " + engine.snapshot());
  }

  /**
   * Waits (at most 10 s) until {@code us} more than at {@code from} were played and the timeline
   * grew past its end then.
   */
  void playsOnFrom(PlayerSnapshot from, long us) throws InterruptedException {
    await(
        us / 1000 + " ms more played and the timeline grew",
        () ->
            engine.snapshot().positionUs() >= from.positionUs() + us
                && engine.snapshot().seekableEndUs() > from.seekableEndUs(),
        10_000,
        () -> "last snapshot " + engine.snapshot());
  }

  /** The events of {@code type} in {@code log}. */
  static <T extends SessionEvent> List<T> events(List<SessionEvent> log, Class<T> type) {
    return log.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The messages of the notices in {@code log} that contain {@code containing}. */
  static List<String> noticeMessages(List<SessionEvent> log, String containing) {
    return events(log, SessionEvent.Notice.class).stream()
        .map(SessionEvent.Notice::message)
        .filter(m -> m.contains(containing))
        .toList();
  }

  /** The failed manifest requests (refreshes) in {@code log}. */
  static List<SessionEvent.FragmentFailed> manifestFailures(List<SessionEvent> log) {
    return events(log, SessionEvent.FragmentFailed.class).stream()
        .filter(f -> f.stream().equals("manifest"))
        .toList();
  }

  /** The origin's request-log lines (JSON) of manifest requests, in order. */
  static List<String> manifestRequests(Path requestLog) {
    try {
      return Files.readAllLines(requestLog).stream().filter(l -> l.contains("/Manifest")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code condition} holds for the engine's snapshot (at most {@code ms}). */
  static void await(PlaybackEngine engine, Predicate<PlayerSnapshot> condition, long ms)
      throws InterruptedException {
    await(
        "a snapshot matches",
        () -> condition.test(engine.snapshot()),
        ms,
        () -> "last snapshot " + engine.snapshot());
  }

  /** Waits for {@code condition}; a time-out names {@code what}. */
  static void await(String what, BooleanSupplier condition, long ms) throws InterruptedException {
    await(what, condition, ms, () -> "");
  }

  /** Waits for {@code condition}; a time-out names {@code what} and the state {@code detail}. */
  static void await(String what, BooleanSupplier condition, long ms, Supplier<String> detail)
      throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        throw new AssertionError("timed out waiting until " + what + "; " + detail.get());
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      origin.close();
    }
  }
}
