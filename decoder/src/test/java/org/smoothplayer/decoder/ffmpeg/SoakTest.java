package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smoothplayer.decoder.audio.AudioDecodeError;
import org.smoothplayer.decoder.audio.PcmChunk;
import org.smoothplayer.decoder.audio.PcmSink;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.video.VideoDecoderOptions;

/**
 * Thousands of frames across level switches, and hundreds of decoders opened and closed: resident
 * memory (native included) and heap stay within stated bounds.
 */
class SoakTest {

  /** Allowed growth of the resident set after warm-up, in bytes. */
  private static final long RSS_GROWTH_BOUND_BYTES = 48L << 20;

  /** Allowed growth of the live heap after warm-up, in bytes. */
  private static final long HEAP_GROWTH_BOUND_BYTES = 16L << 20;

  private static GeneratedContent tiny;
  private static List<List<GeneratedContent.Chunk>> chunksByLevel;

  @BeforeAll
  static void generate() {
    tiny = GeneratedContent.tiny();
    chunksByLevel = List.of(tiny.videoChunks(0), tiny.videoChunks(1));
  }

  private static long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }

  private static long liveHeapBytes() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** Decodes one pass over the presentation, switching level at every fragment. */
  private static long onePass(FfmpegVideoDecoder decoder, CollectingSinkCounter sink, int pass) {
    int fragments = chunksByLevel.get(0).size();
    for (int f = 0; f < fragments; f++) {
      int level = (f + pass) % 2;
      decoder.configure(tiny.videoConfig(level));
      for (EncodedSample sample : chunksByLevel.get(level).get(f).samples()) {
        decoder.decode(sample);
      }
    }
    decoder.drain();
    decoder.flush();
    return sink.frames;
  }

  /** Counts frames and closes them at once. */
  private static final class CollectingSinkCounter
      implements org.smoothplayer.decoder.video.VideoFrameSink {
    long frames;
    long errors;

    @Override
    public void onFrame(org.smoothplayer.decoder.video.VideoFrame frame) {
      frames++;
      frame.close();
    }

    @Override
    public void onError(org.smoothplayer.decoder.video.VideoDecodeError error) {
      errors++;
    }
  }

  @Test
  void thousands_of_frames_across_switches_keep_native_memory_and_heap_bounded()
      throws IOException {
    CollectingSinkCounter sink = new CollectingSinkCounter();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults().withThreads(2), sink)) {
      for (int pass = 0; pass < 3; pass++) {
        onePass(decoder, sink, pass);
      }
      long rssBefore = rssBytes();
      long heapBefore = liveHeapBytes();
      long framesBefore = sink.frames;
      for (int pass = 3; pass < 33; pass++) {
        onePass(decoder, sink, pass);
      }
      long rssGrowth = rssBytes() - rssBefore;
      long heapGrowth = liveHeapBytes() - heapBefore;

      assertThat(sink.errors).isZero();
      assertThat(sink.frames - framesBefore).isEqualTo(30 * tiny.frameCount());
      assertThat(sink.frames).isGreaterThanOrEqualTo(3000);
      assertThat(decoder.stats().reconfigurations()).isGreaterThanOrEqualTo(100);
      assertThat(rssGrowth).as("RSS growth in bytes").isLessThan(RSS_GROWTH_BOUND_BYTES);
      assertThat(heapGrowth).as("live heap growth in bytes").isLessThan(HEAP_GROWTH_BOUND_BYTES);
    }
  }

  @Test
  void opening_and_closing_hundreds_of_decoders_frees_their_native_memory() throws IOException {
    List<EncodedSample> video = chunksByLevel.get(1).get(0).samples();
    List<EncodedSample> audio = tiny.audioChunks().get(0).samples();
    PcmSink silent =
        new PcmSink() {
          @Override
          public void onPcm(PcmChunk chunk) {}

          @Override
          public void onError(AudioDecodeError error) {}
        };
    Runnable cycle =
        () -> {
          try (FfmpegVideoDecoder v =
                  new FfmpegVideoDecoder(
                      VideoDecoderOptions.defaults().withThreads(2), new CollectingSinkCounter());
              FfmpegAudioDecoder a = new FfmpegAudioDecoder(silent)) {
            v.configure(tiny.videoConfig(1));
            video.subList(0, 5).forEach(v::decode);
            a.configure(tiny.audioConfig());
            audio.subList(0, 5).forEach(a::decode);
          }
        };
    for (int i = 0; i < 20; i++) {
      cycle.run();
    }
    liveHeapBytes();
    long rssBefore = rssBytes();
    for (int i = 0; i < 300; i++) {
      cycle.run();
    }
    // Pixel buffers are JVM direct buffers: let the collector release the last ones first.
    liveHeapBytes();
    long rssGrowth = rssBytes() - rssBefore;
    // A leaked decoder context (with its picture buffers) would cost over 1 MiB per cycle, i.e.
    // 300 MiB here; what remains is allocator noise (glibc arenas of FFmpeg's worker threads).
    assertThat(rssGrowth).as("RSS growth in bytes").isLessThan(RSS_GROWTH_BOUND_BYTES);
  }
}
