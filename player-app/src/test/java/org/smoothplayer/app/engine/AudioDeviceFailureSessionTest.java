package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.app.playback.AudioLine;
import org.smoothplayer.app.playback.AudioRenderer;
import org.smoothplayer.app.playback.SilentLine;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.decoder.audio.PcmChunk;

/**
 * An audio device that fails mid-session (unplugged after about a second of audio), in a real
 * session of {@code tiny} (4 s, 25 fps) served over loopback and played headless: the viewer is
 * told once, the clock goes on silently to the end, and the session does not fail.
 */
class AudioDeviceFailureSessionTest {
  /** Audio written to the device before it fails: 1 s of 48 kHz stereo 16-bit PCM. */
  private static final long DEVICE_BUDGET_BYTES =
      (long) PcmChunk.SAMPLE_RATE_HZ * PcmChunk.BYTES_PER_FRAME;

  private static final String UNPLUGGED = "audio device unplugged";

  /** What the renderer reports when its device line throws {@link #UNPLUGGED}. */
  private static final String EXPECTED_NOTICE =
      "the audio device failed (IllegalStateException: "
          + UNPLUGGED
          + "); playing on silently, the clock follows the system clock";

  private static final int FRAMES_PER_SECOND = 25;

  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  /**
   * A device line that plays in real time (a system-clock silent line underneath, so the renderer
   * takes it for a device) until {@code budgetBytes} were written; from then on every call throws,
   * close included, like a headset pulled out.
   */
  private static final class UnpluggedAfterBudgetLine implements AudioLine {
    private final SilentLine inner = new SilentLine(TimeSource.system());
    private final long budgetBytes;
    // Written by the renderer's feeding thread; read by the test after the session.
    private final AtomicLong writtenBytes = new AtomicLong();
    // Set by the feeding thread; read by every thread calling the line.
    private final AtomicBoolean unplugged = new AtomicBoolean();

    UnpluggedAfterBudgetLine(long budgetBytes) {
      this.budgetBytes = budgetBytes;
    }

    boolean unplugged() {
      return unplugged.get();
    }

    long writtenBytes() {
      return writtenBytes.get();
    }

    private void throwIfUnplugged() {
      if (unplugged.get()) {
        throw new IllegalStateException(UNPLUGGED);
      }
    }

    @Override
    public void open(int bufferFrames) {
      throwIfUnplugged();
      inner.open(bufferFrames);
    }

    @Override
    public int bufferFrames() {
      throwIfUnplugged();
      return inner.bufferFrames();
    }

    @Override
    public void start() {
      throwIfUnplugged();
      inner.start();
    }

    @Override
    public void stop() {
      throwIfUnplugged();
      inner.stop();
    }

    @Override
    public void flush() {
      throwIfUnplugged();
      inner.flush();
    }

    @Override
    public int write(byte[] data, int offset, int lengthBytes) {
      throwIfUnplugged();
      if (writtenBytes.get() >= budgetBytes) {
        unplugged.set(true);
        throwIfUnplugged();
      }
      int n = inner.write(data, offset, lengthBytes);
      writtenBytes.addAndGet(n);
      return n;
    }

    @Override
    public long framePosition() {
      throwIfUnplugged();
      return inner.framePosition();
    }

    @Override
    public int availableBytes() {
      throwIfUnplugged();
      return inner.availableBytes();
    }

    @Override
    public void close() {
      inner.close();
      throwIfUnplugged();
    }
  }

  @Test
  @Timeout(30)
  void
      an_audio_device_unplugged_after_a_second_is_noticed_once_and_the_session_plays_on_to_the_end()
          throws Exception {
    List<UnpluggedAfterBudgetLine> lines = new CopyOnWriteArrayList<>();
    // EngineRun asks for silent audio; this opener ignores that and hands over the failing device.
    AudioOpener unpluggedDevice =
        forceSilent -> {
          UnpluggedAfterBudgetLine line = new UnpluggedAfterBudgetLine(DEVICE_BUDGET_BYTES);
          line.open(AudioRenderer.DEFAULT_LINE_BUFFER_MS * PcmChunk.SAMPLE_RATE_HZ / 1000);
          lines.add(line);
          return AudioRenderer.onLine(
              line, TimeSource.system(), AudioRenderer.DEFAULT_QUEUE_LIMIT_US);
        };

    Outcome o =
        EngineRun.play(
            LocalOrigin.builder(tiny),
            opts -> opts.withQuality(QualityChoice.level(0)).withAudioOpener(unpluggedDevice),
            20_000);

    // The device was used and then failed.
    assertThat(lines).as("outputs opened").hasSize(1);
    UnpluggedAfterBudgetLine device = lines.get(0);
    assertThat(device.unplugged()).as("the device failed").isTrue();
    assertThat(device.writtenBytes()).isGreaterThanOrEqualTo(DEVICE_BUDGET_BYTES);

    // Told once, with the renderer's words, after playback started.
    List<SessionEvent.Notice> notices = o.events(SessionEvent.Notice.class);
    assertThat(notices).extracting(SessionEvent.Notice::message).containsExactly(EXPECTED_NOTICE);
    double noticeMs = notices.get(0).tMs();
    double playingMs =
        o.events(SessionEvent.StateChanged.class).stream()
            .filter(s -> s.to().equals(PlayerState.PLAYING.name()))
            .mapToDouble(SessionEvent.StateChanged::tMs)
            .min()
            .orElseThrow(() -> new AssertionError("never PLAYING"));
    assertThat(noticeMs)
        .as("notice after playback started at %.1f ms", playingMs)
        .isGreaterThan(playingMs);

    // The clock went on to the end, frames kept being shown, nothing failed.
    o.playedToTheEnd(3_800_000L);
    assertThat(o.events(SessionEvent.StateChanged.class))
        .extracting(SessionEvent.StateChanged::to)
        .doesNotContain(PlayerState.FAILED.name());
    long shownBeforeNotice =
        o.events(SessionEvent.Progress.class).stream()
            .filter(p -> p.tMs() <= noticeMs)
            .mapToLong(SessionEvent.Progress::renderedFrames)
            .max()
            .orElse(0);
    assertThat(o.ended().renderedFrames() - shownBeforeNotice)
        .as("frames shown after the notice (%d before)", shownBeforeNotice)
        .isGreaterThanOrEqualTo(FRAMES_PER_SECOND);
  }
}
