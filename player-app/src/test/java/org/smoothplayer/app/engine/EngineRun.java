package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * One test session played to its end: a headless, silent engine on a local origin, recording its
 * session log; and what came out of it.
 */
final class EngineRun {
  private EngineRun() {}

  /** The final snapshot and the recorded session log of a run. */
  record Outcome(PlayerSnapshot end, SessionRecorder log) {
    <T extends SessionEvent> List<T> events(Class<T> type) {
      return log.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<SessionEvent.FragmentFailed> failures() {
      return events(SessionEvent.FragmentFailed.class);
    }

    SessionEvent.SessionEnded ended() {
      return events(SessionEvent.SessionEnded.class).get(0);
    }

    List<SessionEvent.DecoderError> decoderErrors(String stream) {
      return events(SessionEvent.DecoderError.class).stream()
          .filter(e -> e.stream().equals(stream))
          .toList();
    }

    List<Integer> loadedChunks(String stream) {
      return events(SessionEvent.FragmentLoaded.class).stream()
          .filter(f -> f.stream().equals(stream))
          .map(SessionEvent.FragmentLoaded::chunkIndex)
          .toList();
    }

    /** The URLs asked for of {@code stream} ("video", "audio"), in order. */
    List<String> requestedUrls(String stream) {
      return events(SessionEvent.FragmentRequested.class).stream()
          .filter(r -> r.stream().equals(stream))
          .map(SessionEvent.FragmentRequested::url)
          .toList();
    }

    /** The audio track changes the log tells of ({@code "fr -> en"}), in order. */
    List<String> audioSwitches() {
      return events(SessionEvent.ConfigChanged.class).stream()
          .map(c -> c.changes().get("audio.language"))
          .filter(java.util.Objects::nonNull)
          .toList();
    }

    /** Frames shown by the last progress report before {@code positionUs}. */
    long renderedBefore(long positionUs) {
      return events(SessionEvent.Progress.class).stream()
          .filter(p -> p.positionUs() < positionUs)
          .mapToLong(SessionEvent.Progress::renderedFrames)
          .max()
          .orElse(0);
    }

    /**
     * Of {@code tiny} (four 1-s fragments of {@code framesPerFragment} frames), the damaged third
     * second was not shown (at most 5 of its frames), and the fourth fragment, decoded after it,
     * was (at least 10 frames after 3 s).
     */
    void thirdSecondLostAndFourthShown(int framesPerFragment) {
      long shown = ended().renderedFrames();
      assertThat(shown).as("frames shown").isLessThanOrEqualTo(3L * framesPerFragment + 5);
      long shownBeforeFourth = renderedBefore(3_000_000L);
      assertThat(shown - shownBeforeFourth)
          .as("frames shown after 3 s (%d before)", shownBeforeFourth)
          .isGreaterThanOrEqualTo(10);
    }

    /** The session ended normally, without an error, past {@code minPositionUs}. */
    void playedToTheEnd(long minPositionUs) {
      assertThat(end.state()).as("state; error %s", end.error()).isEqualTo(PlayerState.ENDED);
      assertThat(ended().reason()).isEqualTo("ended");
      assertThat(ended().error()).isEmpty();
      assertThat(ended().positionUs()).isGreaterThan(minPositionUs);
    }
  }

  /**
   * Starts {@code origin}, plays its {@code Manifest} headless and silent with the options {@code
   * adjust} makes of the defaults, waits at most {@code timeoutMs} for the end, and closes both.
   */
  static Outcome play(
      LocalOrigin.Builder origin, UnaryOperator<EngineOptions> adjust, long timeoutMs)
      throws Exception {
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin started = origin.start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                adjust.apply(
                    EngineOptions.of(started.baseUri().resolve("Manifest").toString())
                        .headless()
                        .silent()
                        .withSink(log)))) {
      return new Outcome(engine.awaitEnd(timeoutMs), log);
    }
  }
}
