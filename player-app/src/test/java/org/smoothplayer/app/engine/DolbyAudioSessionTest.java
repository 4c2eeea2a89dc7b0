package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.LineUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.app.playback.AudioRenderer;
import org.smoothplayer.app.playback.ForwardingLine;
import org.smoothplayer.app.playback.SilentLine;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.AudioCodec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.decoder.audio.PcmChunk;

/**
 * Dolby Digital Plus audio as services publish it: {@code tiny} with two English audio streams, its
 * stereo AAC and an E-AC-3 5.1 one (the audio of {@code tiny} generated as E-AC-3), so the two are
 * told apart by their labels and every audio request tells which plays.
 */
class DolbyAudioSessionTest {

  private static final String AAC_LABEL = "en (AAC stereo)";
  private static final String EC3_LABEL = "en (E-AC-3 5.1)";

  private static Path englishTwice(Path dir) throws Exception {
    Path tiny = Presentations.cached(Preset.TINY);
    Path eac3 = Presentations.cached(Preset.TINY.spec().withAudioCodec(AudioCodec.E_AC_3));
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny-aac-and-ec3"));
    PresentationCopies.copy(
        eac3.resolve("QualityLevels(224000)"), copy.resolve("QualityLevels(224000)"));
    String ec3Manifest = Files.readString(eac3.resolve("Manifest"));
    int start = ec3Manifest.indexOf("<StreamIndex Type=\"audio\"");
    int end = ec3Manifest.indexOf("</StreamIndex>", start) + "</StreamIndex>".length();
    String ec3Stream =
        ec3Manifest
            .substring(start, end)
            .replace("Name=\"audio\"", "Name=\"audio_51\" Language=\"en\"");
    PresentationCopies.editManifest(copy, "Name=\"audio\"", "Name=\"audio\" Language=\"en\"");
    String xml = Files.readString(copy.resolve("Manifest"));
    int aacEnd = xml.indexOf("</StreamIndex>", xml.indexOf("<StreamIndex Type=\"audio\""));
    aacEnd += "</StreamIndex>".length();
    Files.writeString(
        copy.resolve("Manifest"),
        xml.substring(0, aacEnd) + "\n  " + ec3Stream + xml.substring(aacEnd));
    return copy;
  }

  /** A silent line that keeps the loudest sample written to it. */
  private static final class ListeningLine extends ForwardingLine {
    // Written by the renderer's feeding thread, read by the test.
    private final AtomicInteger peak = new AtomicInteger();

    ListeningLine() {
      super(new SilentLine(TimeSource.system()));
    }

    int peak() {
      return peak.get();
    }

    @Override
    public int write(byte[] data, int offset, int lengthBytes) {
      int written = super.write(data, offset, lengthBytes);
      ByteBuffer pcm = ByteBuffer.wrap(data, offset, written).order(ByteOrder.LITTLE_ENDIAN);
      int loudest = 0;
      while (pcm.remaining() >= 2) {
        loudest = Math.max(loudest, Math.abs(pcm.getShort()));
      }
      peak.accumulateAndGet(loudest, Math::max);
      return written;
    }
  }

  @Test
  @Timeout(90)
  void the_e_ac_3_track_is_heard_chosen_by_its_label_and_a_switch_to_stereo_aac_follows(
      @TempDir Path dir) throws Exception {
    Path presentation = englishTwice(dir);
    SessionRecorder log = new SessionRecorder();
    ListeningLine line = new ListeningLine();
    PlayerSnapshot end;
    int peakOnEac3;
    try (LocalOrigin origin = LocalOrigin.builder(presentation).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    // As typed on a command line: the label in any case.
                    .withAudioLanguage(EC3_LABEL.toUpperCase(java.util.Locale.ROOT))
                    .withAudioOpener(
                        silent -> {
                          try {
                            line.open(
                                AudioRenderer.DEFAULT_LINE_BUFFER_MS
                                    * PcmChunk.SAMPLE_RATE_HZ
                                    / 1000);
                          } catch (LineUnavailableException e) {
                            throw new IllegalStateException("a silent line opens", e);
                          }
                          return AudioRenderer.onLine(
                              line, TimeSource.system(), AudioRenderer.DEFAULT_QUEUE_LIMIT_US);
                        })
                    .withSink(log))) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (engine.snapshot().positionUs() < 2_000_000L) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(engine.snapshot().audioLanguages()).containsExactly(AAC_LABEL, EC3_LABEL);
      assertThat(engine.snapshot().audioLanguage()).isEqualTo(EC3_LABEL);
      assertThat(engine.snapshot().audioTrack()).isEqualTo("en \u00b7 E-AC-3 5.1 \u00b7 224 kbps");
      peakOnEac3 = line.peak();
      engine.setAudioLanguage(AAC_LABEL);
      end = engine.awaitEnd(30_000);
    }

    assertThat(end.state()).isEqualTo(PlayerState.ENDED);
    assertThat(end.audioLanguage()).isEqualTo(AAC_LABEL);
    assertThat(end.audioTrack()).isEqualTo("en \u00b7 AAC stereo \u00b7 128 kbps");
    // The 5.1 mix-down is heard: the tone of tiny's audio, not silence.
    assertThat(peakOnEac3).isGreaterThan(1000);
    EngineRun.Outcome o = new EngineRun.Outcome(end, log);
    List<String> audioUrls = o.requestedUrls("audio");
    assertThat(audioUrls.get(0)).contains("/QualityLevels(224000)/Fragments(audio=");
    assertThat(audioUrls.get(audioUrls.size() - 1)).contains("/QualityLevels(128000)/");
    assertThat(o.audioSwitches()).containsExactly(EC3_LABEL + " -> " + AAC_LABEL);
    assertThat(log.events())
        .noneMatch(SessionEvent.StallStarted.class::isInstance)
        .noneMatch(SessionEvent.FragmentFailed.class::isInstance);
    assertThat(log.events())
        .filteredOn(SessionEvent.Notice.class::isInstance)
        .extracting(e -> ((SessionEvent.Notice) e).message())
        .noneMatch(m -> m.contains("audio") && m.contains("decode"));
  }
}
