package org.smoothplayer.app.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.tools.PresentationReadException.Kind;
import org.smoothplayer.assets.generate.FragmentInfo;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.StreamInfo;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.decoder.fragment.EncodedSample;

/** Reading the generator's {@code tiny} presentation through the real manifest/fragment path. */
class PresentationReaderTest {

  private static final long FRAME_US = 40_000; // tiny: 25 fps

  private static Path tiny;
  private static StreamInfo tinyVideo;
  private static HttpFetcher fetcher;
  private static PresentationReader reader;

  @BeforeAll
  static void setUp() {
    tiny = Presentations.cached(Preset.TINY);
    tinyVideo = PresentationInfo.read(tiny).stream("video").orElseThrow();
    fetcher = new HttpFetcher();
    reader = new PresentationReader(fetcher);
  }

  @AfterAll
  static void tearDown() {
    fetcher.close();
  }

  /** Checks every level against presentation.json: size, frame count, times, sample sizes. */
  private static void assertIsAllOfTiny(List<VideoLevelSamples> levels) {
    assertThat(levels).hasSize(2);
    long frames = tinyVideo.fragments().stream().mapToLong(FragmentInfo::sampleCount).sum();
    for (int i = 0; i < levels.size(); i++) {
      VideoLevelSamples level = levels.get(i);
      assertThat(level.level().index()).isEqualTo(i);
      assertThat(level.level().bitrateBps()).isEqualTo(tinyVideo.levels().get(i).bitrateBps());
      assertThat(level.level().config().widthPx()).isEqualTo(tinyVideo.levels().get(i).widthPx());
      assertThat(level.level().config().heightPx()).isEqualTo(tinyVideo.levels().get(i).heightPx());
      List<EncodedSample> samples = level.samples();
      assertThat(samples).hasSize((int) frames);
      assertThat(samples.get(0).keyFrame()).isTrue();
      assertThat(samples.stream().filter(EncodedSample::keyFrame).count())
          .isEqualTo(tinyVideo.fragments().size());
      assertThat(samples.stream().mapToLong(EncodedSample::presentationTimeUs).sorted())
          .containsExactlyElementsOf(Stream.iterate(0L, t -> t + FRAME_US).limit(frames).toList());
      long bytes = samples.stream().mapToLong(EncodedSample::sizeBytes).sum();
      long mdatBytes = 0;
      for (FragmentInfo f : tinyVideo.fragments()) {
        mdatBytes += f.sizesBytes().get(i);
      }
      assertThat(bytes).isPositive().isLessThan(mdatBytes);
    }
  }

  @Test
  void reads_every_video_level_of_tiny_from_its_folder() throws Exception {
    Manifest manifest = reader.load(tiny.toString());

    assertThat(manifest.baseUri().getScheme()).isEqualTo("file");
    assertIsAllOfTiny(reader.readVideo(manifest, 0, Long.MAX_VALUE));
  }

  @Test
  void reads_the_same_samples_from_a_local_origin_url() throws Exception {
    List<VideoLevelSamples> fromDisk =
        reader.readVideo(reader.load(tiny.resolve("Manifest").toString()), 0, Long.MAX_VALUE);
    try (LocalOrigin origin = LocalOrigin.builder(tiny).start()) {
      Manifest manifest = reader.load(origin.baseUri().resolve("Manifest").toString());
      List<VideoLevelSamples> overHttp = reader.readVideo(manifest, 0, Long.MAX_VALUE);

      assertThat(manifest.baseUri().getScheme()).isEqualTo("http");
      assertIsAllOfTiny(overHttp);
      for (int level = 0; level < 2; level++) {
        List<EncodedSample> disk = fromDisk.get(level).samples();
        List<EncodedSample> http = overHttp.get(level).samples();
        for (int i = 0; i < disk.size(); i++) {
          assertThat(http.get(i).data()).isEqualTo(disk.get(i).data());
          assertThat(http.get(i).decodeTimeUs()).isEqualTo(disk.get(i).decodeTimeUs());
        }
      }
      // Two levels x four fragments, plus the manifest.
      assertThat(origin.requestCount()).isEqualTo(9);
    }
  }

  @Test
  void a_time_range_keeps_only_the_fragments_overlapping_it() throws Exception {
    Manifest manifest = reader.load(tiny.toString());

    List<VideoLevelSamples> levels =
        reader.readVideo(manifest, level -> level.config().heightPx() == 180, 1_500_000, 2_000_001);

    assertThat(levels).hasSize(1);
    List<EncodedSample> samples = levels.get(0).samples();
    // Fragments 1 (1..2 s) and 2 (2..3 s): 25 frames each.
    assertThat(samples).hasSize(50);
    assertThat(samples.get(0).decodeTimeUs()).isEqualTo(1_000_000);
    assertThat(samples.stream().mapToLong(EncodedSample::presentationTimeUs).max())
        .hasValue(3_000_000 - FRAME_US);
  }

  @Test
  void a_folder_without_manifest_is_a_manifest_error(@TempDir Path empty) {
    assertThatThrownBy(() -> reader.load(empty.toString()))
        .isInstanceOf(PresentationReadException.class)
        .hasMessageContaining("holds no file named Manifest")
        .extracting(e -> ((PresentationReadException) e).kind())
        .isEqualTo(Kind.MANIFEST);
  }

  @Test
  void a_document_that_is_not_a_manifest_is_a_manifest_error(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Manifest"), "<html></html>");

    assertThatThrownBy(() -> reader.load(dir.toString()))
        .isInstanceOf(PresentationReadException.class)
        .hasMessageContaining("SmoothStreamingMedia")
        .extracting(e -> ((PresentationReadException) e).kind())
        .isEqualTo(Kind.MANIFEST);
  }

  @Test
  void a_missing_fragment_names_its_url(@TempDir Path dir) throws Exception {
    Path copy = copyOfTiny(dir);
    Path gone = copy.resolve("QualityLevels(400000)").resolve("Fragments(video=20000000)");
    Files.delete(gone);
    Manifest manifest = reader.load(copy.toString());

    assertThatThrownBy(() -> reader.readVideo(manifest, 0, Long.MAX_VALUE))
        .isInstanceOf(PresentationReadException.class)
        .hasMessageContaining("Fragments(video=20000000)")
        .hasMessageContaining("no such file")
        .extracting(e -> ((PresentationReadException) e).kind())
        .isEqualTo(Kind.FRAGMENT_READ);
  }

  @Test
  void a_truncated_fragment_is_a_parse_error(@TempDir Path dir) throws Exception {
    Path copy = copyOfTiny(dir);
    Path cut = copy.resolve("QualityLevels(150000)").resolve("Fragments(video=10000000)");
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Manifest manifest = reader.load(copy.toString());

    assertThatThrownBy(() -> reader.readVideo(manifest, 0, Long.MAX_VALUE))
        .isInstanceOf(PresentationReadException.class)
        .hasMessageContaining("Fragments(video=10000000)")
        .extracting(e -> ((PresentationReadException) e).kind())
        .isEqualTo(Kind.FRAGMENT_PARSE);
  }

  @Test
  void a_fragment_missing_on_the_origin_is_a_fetch_error(@TempDir Path dir) throws Exception {
    Path copy = copyOfTiny(dir);
    Files.delete(copy.resolve("QualityLevels(150000)").resolve("Fragments(video=0)"));
    try (LocalOrigin origin = LocalOrigin.builder(copy).start()) {
      Manifest manifest = reader.load(origin.baseUri().resolve("Manifest").toString());

      assertThatThrownBy(() -> reader.readVideo(manifest, 0, Long.MAX_VALUE))
          .isInstanceOf(PresentationReadException.class)
          .hasMessageContaining("Fragments(video=0)")
          .hasMessageContaining("404")
          .extracting(e -> ((PresentationReadException) e).kind())
          .isEqualTo(Kind.FETCH);
    }
  }

  @Test
  void a_manifest_without_video_is_refused(@TempDir Path dir) throws Exception {
    Manifest audioOnly =
        reader.load(
            writeManifest(
                    dir,
                    """
            <SmoothStreamingMedia MajorVersion="2" MinorVersion="0" Duration="10000000">
              <StreamIndex Type="audio" Url="QualityLevels({bitrate})/Fragments(audio={start time})">
                <QualityLevel Index="0" Bitrate="128000" FourCC="AACL" SamplingRate="48000"
                    Channels="2" BitsPerSample="16" PacketSize="4" AudioTag="255"
                    CodecPrivateData="1190"/>
                <c d="10000000"/>
              </StreamIndex>
            </SmoothStreamingMedia>
            """)
                .toString());

    assertThatThrownBy(() -> PresentationReader.videoLevels(audioOnly))
        .isInstanceOf(PresentationReadException.class)
        .hasMessageContaining("has no video stream")
        .extracting(e -> ((PresentationReadException) e).kind())
        .isEqualTo(Kind.NO_VIDEO);
  }

  @Test
  void an_unsupported_video_codec_names_the_level(@TempDir Path dir) throws Exception {
    Manifest vc1 =
        reader.load(
            writeManifest(
                    dir,
                    """
            <SmoothStreamingMedia MajorVersion="2" MinorVersion="0" Duration="10000000">
              <StreamIndex Type="video" Url="QualityLevels({bitrate})/Fragments(video={start time})">
                <QualityLevel Index="0" Bitrate="500000" FourCC="WVC1" MaxWidth="320"
                    MaxHeight="180" CodecPrivateData="250000010FCB"/>
                <c d="10000000"/>
              </StreamIndex>
            </SmoothStreamingMedia>
            """)
                .toString());

    assertThatThrownBy(() -> PresentationReader.videoLevels(vc1))
        .isInstanceOf(PresentationReadException.class)
        .hasMessageContaining("video QualityLevel 0 (500000 bps) at line 3")
        .hasMessageContaining("WVC1")
        .extracting(e -> ((PresentationReadException) e).kind())
        .isEqualTo(Kind.UNSUPPORTED_CODEC);
  }

  private static Path writeManifest(Path dir, String xml) throws IOException {
    Files.writeString(dir.resolve("Manifest"), xml);
    return dir;
  }

  /** A writable copy of tiny (the cache is shared and must not be changed). */
  static Path copyOfTiny(Path dir) throws IOException {
    Path copy = dir.resolve("tiny");
    try (Stream<Path> paths = Files.walk(tiny)) {
      for (Path source : paths.toList()) {
        Path target = copy.resolve(tiny.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return copy;
  }
}
