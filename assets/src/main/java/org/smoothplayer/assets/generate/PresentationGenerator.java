package org.smoothplayer.assets.generate;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Encodes a {@link PresentationSpec} into a folder: {@code Manifest}, {@code presentation.json} and
 * {@code QualityLevels(b)/Fragments(video|audio|textstream_eng=t)} files. Every stream starts at
 * time 0: video decode times are the decode-order index of each frame, with signed composition
 * offsets (trun version 1) so that frame {@code n} is presented at exactly {@code n / frameRate};
 * audio (AAC-LC or E-AC-3, {@link PresentationSpec#audioCodec()}) cancels the encoder delay by
 * feeding the signal from media sample {@code initialPadding} on.
 */
final class PresentationGenerator {
  /** Bump whenever the output for the same spec changes; part of every cache key. */
  static final int GENERATOR_VERSION = 1;

  /** Following fragments announced in each tfrf box. */
  static final int TFRF_LOOKAHEAD = 2;

  /** Name of the Manifest file. */
  static final String MANIFEST = "Manifest";

  private static final int PROGRESS_STEPS = 200;

  private final PresentationSpec spec;
  private final Path outDir;
  private final ProgressListener progress;
  private final long totalWork;
  private long doneWork;
  private long lastReportedStep = -1;

  private PresentationGenerator(PresentationSpec spec, Path outDir, ProgressListener progress) {
    this.spec = spec;
    this.outDir = outDir;
    this.progress = progress;
    long work = 0;
    for (LevelSpec level : spec.ladder()) {
      work += frameWork(level) * spec.frameCount();
    }
    if (spec.audio()) {
      work += audioWorkPerFrame() * spec.frameCount();
    }
    this.totalWork = work;
  }

  private static long frameWork(LevelSpec level) {
    return (long) level.widthPx() * level.heightPx();
  }

  private static long audioWorkPerFrame() {
    return 160L * 90;
  }

  /** Generates {@code spec} into {@code outDir} (created; must hold no foreign files). */
  static PresentationInfo generate(PresentationSpec spec, Path outDir, ProgressListener progress)
      throws IOException {
    prepareOutputDir(outDir);
    return new PresentationGenerator(spec, outDir, progress).run();
  }

  /** Creates {@code outDir} or clears a previous presentation from it; refuses other content. */
  static void prepareOutputDir(Path outDir) throws IOException {
    Files.createDirectories(outDir);
    List<Path> entries;
    try (Stream<Path> list = Files.list(outDir)) {
      entries = list.toList();
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      boolean ours =
          name.equals(MANIFEST)
              || name.equals(PresentationInfo.FILE_NAME)
              || name.equals(Presentations.COMPLETE_MARKER)
              || (name.startsWith("QualityLevels(") && Files.isDirectory(entry));
      if (!ours) {
        throw new GenerationException(
            "output directory "
                + outDir
                + " holds '"
                + name
                + "', which is not part of a generated presentation: choose an empty or new"
                + " directory");
      }
    }
    for (Path entry : entries) {
      deleteRecursively(entry);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private PresentationInfo run() throws IOException {
    // x264 and aac/eac3 print statistics at INFO level; keep warnings and errors.
    if (av_log_get_level() > AV_LOG_WARNING) {
      av_log_set_level(AV_LOG_WARNING);
    }
    report("encoding " + spec.name(), 0);
    List<StreamInfo> streams = new ArrayList<>();
    StreamInfo video = encodeVideo();
    streams.add(video);
    if (spec.audio()) {
      streams.add(encodeAudio());
    }
    if (spec.captions()) {
      streams.add(writeCaptions(video));
    }
    PresentationInfo info = new PresentationInfo(spec, PresentationSpec.TIMESCALE, streams);
    Files.writeString(outDir.resolve(MANIFEST), ManifestWriter.write(info), StandardCharsets.UTF_8);
    info.write(outDir);
    progress.progress("encoded " + spec.name(), 1.0);
    return info;
  }

  private void report(String stage, long workDone) {
    doneWork = workDone;
    long step = totalWork == 0 ? 0 : doneWork * PROGRESS_STEPS / totalWork;
    if (step != lastReportedStep) {
      lastReportedStep = step;
      progress.progress(stage, Math.min(0.999, (double) step / PROGRESS_STEPS));
    }
  }

  /** What one level produced for one fragment. */
  private record Produced(
      long startTicks,
      long durationTicks,
      int sampleCount,
      List<Integer> keyFrameSampleIndexes,
      long firstFrameNumber,
      long sizeBytes) {}

  private StreamInfo encodeVideo() throws IOException {
    List<LevelInfo> levels = new ArrayList<>();
    List<List<Produced>> perLevel = new ArrayList<>();
    for (int levelIndex = 0; levelIndex < spec.ladder().size(); levelIndex++) {
      LevelSpec level = spec.ladder().get(levelIndex);
      List<Produced> produced = new ArrayList<>();
      byte[] codecPrivateData = encodeVideoLevel(levelIndex, produced);
      long bytes = produced.stream().mapToLong(Produced::sizeBytes).sum();
      levels.add(
          new LevelInfo(
              levelIndex,
              level.bitrateBps(),
              level.widthPx(),
              level.heightPx(),
              "H264",
              HexFormat.of().withUpperCase().formatHex(codecPrivateData),
              0,
              0,
              bytes * 8 * 1000 / spec.durationMs()));
      perLevel.add(produced);
    }
    return new StreamInfo("video", levels, merge("video", perLevel));
  }

  /** Checks that every level has the same fragment structure and merges the sizes. */
  private static List<FragmentInfo> merge(String type, List<List<Produced>> perLevel) {
    List<Produced> reference = perLevel.get(0);
    List<FragmentInfo> fragments = new ArrayList<>();
    for (int k = 0; k < reference.size(); k++) {
      Produced ref = reference.get(k);
      List<Long> sizes = new ArrayList<>();
      for (List<Produced> level : perLevel) {
        Produced p = level.get(k);
        if (p.startTicks() != ref.startTicks()
            || p.durationTicks() != ref.durationTicks()
            || p.sampleCount() != ref.sampleCount()
            || !p.keyFrameSampleIndexes().equals(ref.keyFrameSampleIndexes())) {
          throw new GenerationException(
              type + " fragment " + k + " differs between levels: " + p + " vs " + ref);
        }
        sizes.add(p.sizeBytes());
      }
      fragments.add(
          new FragmentInfo(
              ref.startTicks(),
              ref.durationTicks(),
              ref.sampleCount(),
              ref.keyFrameSampleIndexes(),
              ref.firstFrameNumber(),
              sizes));
    }
    return fragments;
  }

  private Path levelDir(long bitrateBps) throws IOException {
    return Files.createDirectories(outDir.resolve("QualityLevels(" + bitrateBps + ")"));
  }

  private long videoFragmentStartFrame(int fragment) {
    return Math.min((long) fragment * spec.framesPerFragment(), spec.frameCount());
  }

  private List<FragmentWriter.Lookahead> videoLookahead(int fragment) {
    List<FragmentWriter.Lookahead> next = new ArrayList<>();
    for (int k = fragment + 1; k <= fragment + TFRF_LOOKAHEAD && k < spec.fragmentCount(); k++) {
      long start = spec.frameTicks(videoFragmentStartFrame(k));
      next.add(
          new FragmentWriter.Lookahead(
              start, spec.frameTicks(videoFragmentStartFrame(k + 1)) - start));
    }
    return next;
  }

  private byte[] encodeVideoLevel(int levelIndex, List<Produced> produced) throws IOException {
    LevelSpec level = spec.ladder().get(levelIndex);
    String stage =
        "encoding "
            + spec.name()
            + ": video "
            + level.heightPx()
            + "p "
            + level.bitrateBps() / 1000
            + "k";
    Path dir = levelDir(level.bitrateBps());
    int gop = spec.framesPerFragment();
    long frameCount = spec.frameCount();
    List<FragmentWriter.Sample> pending = new ArrayList<>();
    long[] decodeIndex = {0};
    FramePainter painter = new FramePainter(spec, levelIndex);
    long workBefore = doneWork;
    try (VideoEncoder encoder = new VideoEncoder(level, spec.frameRate(), gop)) {
      EncodedPacket.Sink sink =
          packet -> {
            long d = decodeIndex[0]++;
            if (d >= frameCount) {
              throw new GenerationException("libx264 returned more packets than frames");
            }
            int fragment = (int) (d / gop);
            boolean first = d % gop == 0;
            if (first && d > 0) {
              produced.add(writeVideoFragment(dir, fragment - 1, pending));
              pending.clear();
            }
            long fragmentEnd = videoFragmentStartFrame(fragment + 1);
            if (first != packet.key()
                || (first && packet.pts() != d)
                || packet.pts() < videoFragmentStartFrame(fragment)
                || packet.pts() >= fragmentEnd) {
              throw new GenerationException(
                  "libx264 GOP not aligned with fragment "
                      + fragment
                      + ": packet "
                      + d
                      + " (decode order) has pts "
                      + packet.pts()
                      + ", key="
                      + packet.key());
            }
            pending.add(
                new FragmentWriter.Sample(
                    AnnexB.toLengthPrefixed(packet.data()),
                    spec.frameTicks(d + 1) - spec.frameTicks(d),
                    first,
                    spec.frameTicks(packet.pts()) - spec.frameTicks(d)));
          };
      for (long n = 0; n < frameCount; n++) {
        painter.paint(n);
        encoder.encode(painter, n, sink);
        report(stage, workBefore + (n + 1) * frameWork(level));
      }
      encoder.finish(sink);
      if (decodeIndex[0] != frameCount) {
        throw new GenerationException(
            "libx264 returned " + decodeIndex[0] + " packets for " + frameCount + " frames");
      }
      produced.add(writeVideoFragment(dir, spec.fragmentCount() - 1, pending));
      return encoder.codecPrivateData();
    }
  }

  private Produced writeVideoFragment(Path dir, int fragment, List<FragmentWriter.Sample> samples)
      throws IOException {
    long firstFrame = videoFragmentStartFrame(fragment);
    long start = spec.frameTicks(firstFrame);
    long duration = spec.frameTicks(videoFragmentStartFrame(fragment + 1)) - start;
    long size =
        writeFile(
            dir.resolve("Fragments(video=" + start + ")"),
            out ->
                FragmentWriter.write(
                    out, fragment + 1, true, samples, start, duration, videoLookahead(fragment)));
    List<Integer> keys = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i).sync()) {
        keys.add(i);
      }
    }
    return new Produced(start, duration, samples.size(), keys, firstFrame, size);
  }

  @FunctionalInterface
  private interface FileBody {
    long write(OutputStream out) throws IOException;
  }

  private static long writeFile(Path file, FileBody body) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      return body.write(out);
    }
  }

  // ---- audio ----

  /**
   * Index of the first audio packet (encoded frame) of audio fragment {@code fragment}
   * (fragmentCount = end).
   */
  private long audioFragmentStartPacket(int fragment, int frameSize) {
    long totalPackets = ceilDiv(spec.audioSampleCount(), frameSize);
    if (fragment >= spec.fragmentCount()) {
      return totalPackets;
    }
    long fragmentSamples = spec.fragmentDurationMs() * PresentationSpec.AUDIO_SAMPLE_RATE_HZ / 1000;
    return Math.min(totalPackets, ceilDiv(fragment * fragmentSamples, frameSize));
  }

  private long audioPacketTicks(long packet, int frameSize) {
    return PresentationSpec.audioSampleTicks(Math.min(packet * frameSize, spec.audioSampleCount()));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private StreamInfo encodeAudio() throws IOException {
    String stage = "encoding " + spec.name() + ": audio";
    AudioCodec codec = spec.audioCodec();
    String encoderName = codec.ffmpegEncoderName();
    Path dir = levelDir(codec.bitrateBps());
    AudioSignal signal = new AudioSignal(spec);
    List<Produced> produced = new ArrayList<>();
    long workBefore = doneWork;
    try (AudioEncoder encoder = new AudioEncoder(codec)) {
      int frameSize = encoder.frameSize();
      if (frameSize != codec.frameSizeSamples()) {
        // PresentationSpec validated the fragment durations against the documented frame size.
        throw new GenerationException(
            encoderName
                + " encodes "
                + frameSize
                + "-sample frames, expected "
                + codec.frameSizeSamples());
      }
      int padding = encoder.initialPadding();
      long totalPackets = audioFragmentStartPacket(spec.fragmentCount(), frameSize);
      List<FragmentWriter.Sample> pending = new ArrayList<>();
      long[] nextPacket = {0};
      int[] fragment = {0};
      EncodedPacket.Sink sink =
          packet -> {
            long shifted = packet.pts() + padding;
            if (Math.floorMod(shifted, frameSize) != 0) {
              throw new GenerationException(
                  encoderName
                      + " packet pts "
                      + packet.pts()
                      + " is off the "
                      + frameSize
                      + "-sample grid");
            }
            long j = Math.floorDiv(shifted, frameSize);
            if (j < 0 || j >= totalPackets) {
              return; // before media time 0 or after the end: not part of the presentation
            }
            if (j != nextPacket[0]) {
              throw new GenerationException(
                  encoderName + " packet " + j + " arrived, expected " + nextPacket[0]);
            }
            nextPacket[0]++;
            if (j == audioFragmentStartPacket(fragment[0] + 1, frameSize)) {
              produced.add(writeAudioFragment(dir, fragment[0], frameSize, pending));
              pending.clear();
              fragment[0]++;
            }
            pending.add(
                new FragmentWriter.Sample(
                    packet.data(),
                    audioPacketTicks(j + 1, frameSize) - audioPacketTicks(j, frameSize),
                    true,
                    0));
          };
      // Input sample i is media sample i + padding, so the encoder delay lands before time 0.
      float[] samples = new float[frameSize];
      long inputFrames = ceilDiv(totalPackets * frameSize + frameSize - padding, frameSize);
      long frameCount = spec.frameCount();
      for (long i = 0; i < inputFrames; i++) {
        long firstMediaSample = i * frameSize + padding;
        for (int s = 0; s < frameSize; s++) {
          samples[s] = (float) signal.sample(firstMediaSample + s);
        }
        encoder.encode(samples, samples, i * frameSize, sink); // same on left and right
        report(
            stage,
            workBefore + audioWorkPerFrame() * Math.min(frameCount, frameCount * i / inputFrames));
      }
      encoder.finish(sink);
      if (nextPacket[0] != totalPackets) {
        throw new GenerationException(
            encoderName + " gave " + nextPacket[0] + " packets, expected " + totalPackets);
      }
      produced.add(writeAudioFragment(dir, fragment[0], frameSize, pending));
      if (produced.size() != spec.fragmentCount()) {
        throw new GenerationException(
            "wrote " + produced.size() + " audio fragments, expected " + spec.fragmentCount());
      }
      long bytes = produced.stream().mapToLong(Produced::sizeBytes).sum();
      LevelInfo level =
          new LevelInfo(
              0,
              codec.bitrateBps(),
              0,
              0,
              codec.fourCc(),
              HexFormat.of().withUpperCase().formatHex(encoder.codecPrivateData()),
              PresentationSpec.AUDIO_SAMPLE_RATE_HZ,
              encoder.channels(),
              bytes * 8 * 1000 / spec.durationMs());
      return new StreamInfo("audio", List.of(level), merge("audio", List.of(produced)));
    }
  }

  private Produced writeAudioFragment(
      Path dir, int fragment, int frameSize, List<FragmentWriter.Sample> samples)
      throws IOException {
    long start = audioPacketTicks(audioFragmentStartPacket(fragment, frameSize), frameSize);
    long end = audioPacketTicks(audioFragmentStartPacket(fragment + 1, frameSize), frameSize);
    List<FragmentWriter.Lookahead> lookahead = new ArrayList<>();
    for (int k = fragment + 1; k <= fragment + TFRF_LOOKAHEAD && k < spec.fragmentCount(); k++) {
      long s = audioPacketTicks(audioFragmentStartPacket(k, frameSize), frameSize);
      long e = audioPacketTicks(audioFragmentStartPacket(k + 1, frameSize), frameSize);
      lookahead.add(new FragmentWriter.Lookahead(s, e - s));
    }
    long size =
        writeFile(
            dir.resolve("Fragments(audio=" + start + ")"),
            out ->
                FragmentWriter.write(
                    out, fragment + 1, false, samples, start, end - start, lookahead));
    List<Integer> keys = IntStream.range(0, samples.size()).boxed().toList();
    return new Produced(start, end - start, samples.size(), keys, -1, size);
  }

  // ---- captions ----

  /**
   * Writes the TTML text stream: one fragment per video fragment (same start and duration), each
   * holding one sample, the fragment's TTML document ({@link CaptionTrack}).
   */
  private StreamInfo writeCaptions(StreamInfo video) throws IOException {
    Path dir = levelDir(CaptionTrack.BITRATE_BPS);
    List<FragmentInfo> videoFragments = video.fragments();
    List<FragmentInfo> fragments = new ArrayList<>();
    List<CueInfo> cues = new ArrayList<>();
    long bytes = 0;
    for (int k = 0; k < videoFragments.size(); k++) {
      FragmentInfo videoFragment = videoFragments.get(k);
      long start = videoFragment.startTicks();
      long duration = videoFragment.durationTicks();
      long expectedStart =
          CaptionTrack.fragmentStartMs(spec, k) * (PresentationSpec.TIMESCALE / 1000);
      if (start != expectedStart) {
        throw new GenerationException(
            "video fragment "
                + k
                + " starts at "
                + start
                + " ticks, captions expected "
                + expectedStart);
      }
      List<FragmentWriter.Lookahead> lookahead = new ArrayList<>();
      for (int n = k + 1; n <= k + TFRF_LOOKAHEAD && n < videoFragments.size(); n++) {
        FragmentInfo next = videoFragments.get(n);
        lookahead.add(new FragmentWriter.Lookahead(next.startTicks(), next.durationTicks()));
      }
      List<FragmentWriter.Sample> sample =
          List.of(new FragmentWriter.Sample(CaptionTrack.document(spec, k), duration, true, 0));
      int sequenceNumber = k + 1;
      long size =
          writeFile(
              dir.resolve("Fragments(" + CaptionTrack.STREAM_NAME + "=" + start + ")"),
              out ->
                  FragmentWriter.write(
                      out, sequenceNumber, false, sample, start, duration, lookahead));
      bytes += size;
      fragments.add(new FragmentInfo(start, duration, 1, List.of(0), -1, List.of(size)));
      cues.addAll(CaptionTrack.cueInfos(spec, k));
    }
    LevelInfo level =
        new LevelInfo(
            0,
            CaptionTrack.BITRATE_BPS,
            0,
            0,
            CaptionTrack.FOUR_CC,
            "",
            0,
            0,
            bytes * 8 * 1000 / spec.durationMs());
    return new StreamInfo(
        CaptionTrack.TYPE,
        CaptionTrack.STREAM_NAME,
        CaptionTrack.SUBTYPE,
        CaptionTrack.LANGUAGE,
        List.of(level),
        fragments,
        cues);
  }
}
