package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.smoothplayer.decoder.audio.AudioDecodeError;
import org.smoothplayer.decoder.audio.PcmChunk;
import org.smoothplayer.decoder.audio.PcmSink;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoDecoderOptions;
import org.smoothplayer.decoder.video.VideoFrame;
import org.smoothplayer.decoder.video.VideoFrameSink;

/**
 * The first FFmpeg use of a JVM may happen on two threads at once (the player's video and audio
 * decode threads start together). That once deadlocked in the bytedeco class initializers, so it is
 * checked in a fresh JVM, where the classes are not loaded yet.
 */
class FirstUseOnTwoThreadsTest {

  @Test
  void a_video_and_an_audio_decoder_created_at_once_in_a_fresh_jvm_do_not_deadlock()
      throws Exception {
    // The race needs unlucky timing: four fresh JVMs at once make it show up (without the fix
    // about one attempt in three deadlocked here).
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    java.util.List<Process> children = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      children.add(
          new ProcessBuilder(
                  java.toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  TwoDecodersAtOnce.class.getName())
              .redirectErrorStream(true)
              .start());
    }
    for (Process child : children) {
      boolean finished = child.waitFor(60, TimeUnit.SECONDS);
      if (!finished) {
        child.destroyForcibly();
      }
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(finished).as("the child finished; output:%n%s", output).isTrue();
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output).contains("both decoders created");
    }
  }

  /** The child: both decoders constructed on two threads released together. */
  public static final class TwoDecodersAtOnce {
    public static void main(String[] args) throws Exception {
      CountDownLatch go = new CountDownLatch(1);
      Thread video =
          new Thread(
              () -> {
                await(go);
                new FfmpegVideoDecoder(
                        VideoDecoderOptions.defaults(),
                        new VideoFrameSink() {
                          @Override
                          public void onFrame(VideoFrame frame) {
                            frame.close();
                          }

                          @Override
                          public void onError(VideoDecodeError error) {}
                        })
                    .close();
              });
      Thread audio =
          new Thread(
              () -> {
                await(go);
                new FfmpegAudioDecoder(
                        new PcmSink() {
                          @Override
                          public void onPcm(PcmChunk chunk) {}

                          @Override
                          public void onError(AudioDecodeError error) {}
                        })
                    .close();
              });
      video.setDaemon(true);
      audio.setDaemon(true);
      video.start();
      audio.start();
      go.countDown();
      video.join(20_000);
      audio.join(20_000);
      if (video.isAlive() || audio.isAlive()) {
        System.out.println("deadlocked");
        System.exit(3);
      }
      System.out.println("both decoders created");
    }

    private static void await(CountDownLatch latch) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
