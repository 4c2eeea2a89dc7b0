package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smoothplayer.decoder.audio.AudioDecodeError;
import org.smoothplayer.decoder.audio.PcmChunk;
import org.smoothplayer.decoder.audio.PcmSink;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;

class FfmpegAudioDecoderTest {

  private static GeneratedContent tiny;

  @BeforeAll
  static void generate() {
    tiny = GeneratedContent.tiny();
  }

  /** Collects chunks and errors. */
  private static final class Collecting implements PcmSink {
    final List<PcmChunk> chunks = new ArrayList<>();
    final List<AudioDecodeError> errors = new ArrayList<>();

    @Override
    public void onPcm(PcmChunk chunk) {
      chunks.add(chunk);
    }

    @Override
    public void onError(AudioDecodeError error) {
      errors.add(error);
    }

    long frames() {
      return chunks.stream().mapToLong(PcmChunk::frameCount).sum();
    }
  }

  /** {@code sample} with {@code data} instead of its own bytes, at its times. */
  private static EncodedSample withData(EncodedSample sample, byte[] data) {
    return new EncodedSample(
        sample.decodeTimeUs(),
        sample.presentationTimeUs(),
        sample.durationUs(),
        true,
        ByteBuffer.wrap(data));
  }

  private static List<EncodedSample> allSamples() {
    List<EncodedSample> out = new ArrayList<>();
    tiny.audioChunks().forEach(c -> out.addAll(c.samples()));
    return out;
  }

  @Test
  void decodes_tiny_audio_to_48_khz_stereo_with_the_duration_of_the_presentation() {
    Collecting sink = new Collecting();
    try (FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(sink)) {
      decoder.configure(tiny.audioConfig());
      allSamples().forEach(decoder::decode);
      decoder.drain();
    }
    assertThat(sink.errors).isEmpty();
    long expected = tiny.durationUs() * PcmChunk.SAMPLE_RATE_HZ / 1_000_000;
    assertThat(sink.frames()).isCloseTo(expected, within(1024L));
    assertThat(sink.chunks)
        .allSatisfy(
            c ->
                assertThat(c.data().remaining())
                    .isEqualTo(c.frameCount() * PcmChunk.BYTES_PER_FRAME));
  }

  @Test
  void chunk_times_are_contiguous_and_start_at_the_first_sample() {
    Collecting sink = new Collecting();
    List<EncodedSample> samples = allSamples();
    try (FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(sink)) {
      decoder.configure(tiny.audioConfig());
      samples.forEach(decoder::decode);
      decoder.drain();
    }
    assertThat(sink.chunks.get(0).presentationTimeUs())
        .isCloseTo(samples.get(0).presentationTimeUs(), within(1000L));
    long writtenFrames = 0;
    long startUs = sink.chunks.get(0).presentationTimeUs();
    for (PcmChunk chunk : sink.chunks) {
      long expectedUs = startUs + writtenFrames * 1_000_000L / PcmChunk.SAMPLE_RATE_HZ;
      assertThat(chunk.presentationTimeUs()).isCloseTo(expectedUs, within(1000L));
      writtenFrames += chunk.frameCount();
    }
  }

  @Test
  void the_decoded_tone_is_audible_not_silence() {
    Collecting sink = new Collecting();
    try (FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(sink)) {
      decoder.configure(tiny.audioConfig());
      allSamples().subList(0, 40).forEach(decoder::decode);
    }
    ByteBuffer pcm = sink.chunks.get(10).data();
    int peak = 0;
    for (int i = 0; i + 1 < pcm.remaining(); i += 2) {
      peak = Math.max(peak, Math.abs(pcm.getShort(i)));
    }
    assertThat(peak).isGreaterThan(1000);
  }

  @Test
  void garbage_samples_are_reported_with_their_time_and_decoding_goes_on() {
    Collecting sink = new Collecting();
    List<EncodedSample> samples = allSamples();
    Random random = new Random(3);
    try (FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(sink)) {
      decoder.configure(tiny.audioConfig());
      for (int i = 0; i < samples.size(); i++) {
        EncodedSample sample = samples.get(i);
        if (i >= 50 && i < 70) {
          byte[] garbage = new byte[i == 60 ? 0 : sample.sizeBytes()];
          random.nextBytes(garbage);
          sample = withData(sample, garbage);
        }
        decoder.decode(sample);
      }
      decoder.drain();
      assertThat(decoder.stats().errors()).isEqualTo(sink.errors.size());
    }
    assertThat(sink.errors).isNotEmpty();
    assertThat(sink.errors)
        .extracting(AudioDecodeError::kind)
        .contains(AudioDecodeError.Kind.EMPTY_SAMPLE);
    assertThat(sink.errors)
        .allSatisfy(
            e ->
                assertThat(e.sampleTimeUs())
                    .isBetween(
                        samples.get(50).presentationTimeUs(),
                        samples.get(69).presentationTimeUs()));
    long lastUs = sink.chunks.get(sink.chunks.size() - 1).presentationTimeUs();
    assertThat(lastUs).isGreaterThan(samples.get(samples.size() - 3).presentationTimeUs());
  }

  @Test
  void an_he_aac_configuration_decodes_with_sbr_to_48_khz_stereo() {
    // AudioSpecificConfig with explicit SBR signalling (object type 5, 24 kHz core -> 48 kHz),
    // fed with the LC frames of tiny: FFmpeg's decoder runs, output stays 48 kHz stereo.
    AudioCodecConfig lc = tiny.audioConfig();
    AudioCodecConfig he =
        new AudioCodecConfig(
            AudioCodecConfig.AudioCodec.HE_AAC,
            "AACH",
            new byte[] {(byte) 0x2B, (byte) 0x11, (byte) 0x88, 0x00},
            48_000,
            2);
    Collecting sink = new Collecting();
    try (FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(sink)) {
      decoder.configure(he);
      allSamples().subList(0, 20).forEach(decoder::decode);
      decoder.configure(lc);
      allSamples().subList(20, 40).forEach(decoder::decode);
      decoder.drain();
    }
    assertThat(sink.chunks).isNotEmpty();
    assertThat(sink.frames()).isGreaterThanOrEqualTo(20 * 1024L);
  }

  @ParameterizedTest
  @EnumSource(
      value = org.smoothplayer.assets.generate.AudioCodec.class,
      names = {"E_AC_3", "AC_3"})
  void dolby_5_1_decodes_to_48_khz_stereo_contiguous_audible_and_as_long_as_the_presentation(
      org.smoothplayer.assets.generate.AudioCodec generated) {
    GeneratedContent eac3 = GeneratedContent.tinyWithAudio(generated);
    AudioCodecConfig config = eac3.audioConfig();
    assertThat(config.codec().name()).isEqualTo(generated.name());
    assertThat(config.channels()).isEqualTo(6);
    List<EncodedSample> samples = new ArrayList<>();
    eac3.audioChunks().forEach(c -> samples.addAll(c.samples()));
    Collecting sink = new Collecting();
    try (FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(sink)) {
      decoder.configure(config);
      samples.forEach(decoder::decode);
      decoder.drain();
    }

    assertThat(sink.errors).isEmpty();
    long expected = eac3.durationUs() * PcmChunk.SAMPLE_RATE_HZ / 1_000_000;
    assertThat(sink.frames()).isCloseTo(expected, within(1536L));
    long startUs = sink.chunks.get(0).presentationTimeUs();
    assertThat(startUs).isCloseTo(samples.get(0).presentationTimeUs(), within(1000L));
    long writtenFrames = 0;
    int peak = 0;
    for (PcmChunk chunk : sink.chunks) {
      assertThat(chunk.presentationTimeUs())
          .isCloseTo(startUs + writtenFrames * 1_000_000L / PcmChunk.SAMPLE_RATE_HZ, within(1000L));
      writtenFrames += chunk.frameCount();
      ByteBuffer pcm = chunk.data();
      for (int i = 0; i + 1 < pcm.remaining(); i += 2) {
        peak = Math.max(peak, Math.abs(pcm.getShort(i)));
      }
    }
    // The tone of the front channels (and the centre) is heard in the stereo mix-down.
    assertThat(peak).isGreaterThan(1000);
  }

  @Test
  void damaged_e_ac_3_syncframes_are_reported_with_their_time_and_decoding_goes_on() {
    GeneratedContent eac3 = GeneratedContent.tinyEac3();
    List<EncodedSample> samples = new ArrayList<>();
    eac3.audioChunks().forEach(c -> samples.addAll(c.samples()));
    Random random = new Random(7);
    Collecting sink = new Collecting();
    try (FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(sink)) {
      decoder.configure(eac3.audioConfig());
      for (int i = 0; i < samples.size(); i++) {
        EncodedSample sample = samples.get(i);
        if (i >= 20 && i < 32) {
          byte[] bytes = new byte[sample.sizeBytes()];
          sample.data().duplicate().get(bytes);
          if (i % 3 == 0) {
            random.nextBytes(bytes); // no syncframe at all
          } else if (i % 3 == 1) {
            // The sync word and header kept, the body garbled: its CRC fails.
            byte[] body = new byte[bytes.length - 8];
            random.nextBytes(body);
            System.arraycopy(body, 0, bytes, 8, body.length);
          } else {
            bytes = java.util.Arrays.copyOf(bytes, 10); // truncated
          }
          sample = withData(sample, bytes);
        }
        decoder.decode(sample);
      }
      decoder.drain();
      assertThat(decoder.stats().errors()).isEqualTo(sink.errors.size());
    }
    // What is no syncframe is rejected; FFmpeg conceals a garbled body or a cut frame (its CRC
    // fails) by itself. Either way nothing escapes and decoding goes on.
    assertThat(sink.errors).hasSizeGreaterThanOrEqualTo(3);
    assertThat(sink.errors)
        .allSatisfy(
            e ->
                assertThat(e.sampleTimeUs())
                    .isBetween(
                        samples.get(20).presentationTimeUs(),
                        samples.get(31).presentationTimeUs()));
    long lastUs = sink.chunks.get(sink.chunks.size() - 1).presentationTimeUs();
    assertThat(lastUs).isGreaterThan(samples.get(samples.size() - 3).presentationTimeUs());
  }

  @Test
  void close_is_idempotent() {
    FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(new Collecting());
    decoder.configure(tiny.audioConfig());
    decoder.close();
    decoder.close();
  }
}
