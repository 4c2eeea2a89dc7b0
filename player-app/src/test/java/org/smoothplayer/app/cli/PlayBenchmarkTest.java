package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.session.SessionEvent;
import picocli.CommandLine;

/**
 * {@code bench play}'s command line and its pure helpers. The measurement itself is a runnable
 * ({@code ./smooth-player bench play}, needs GStreamer), never a test: no run here starts a player.
 */
class PlayBenchmarkTest {

  /** Exit code and standard error of one command line that must stop before measuring. */
  record Outcome(int exit, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Outcome(exit, err.toString());
  }

  static PlayBenchmark.Options parse(String... args) {
    PlayBenchmark command = new PlayBenchmark();
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  // ---- options ----

  @Test
  void without_options_it_plays_60_s_of_the_top_level_of_the_sample_three_times() {
    PlayBenchmark.Options o = parse();

    assertThat(o.presentation()).isNull();
    assertThat(o.durationS()).isEqualTo(60);
    assertThat(o.repetitions()).isEqualTo(3);
    assertThat(o.gst()).isEqualTo("gst-launch-1.0");
    assertThat(o.levelIndex()).isEqualTo(-1);
    assertThat(o.gstVideoSink()).isEqualTo("fakesink sync=true");
    assertThat(o.keep()).isNull();
  }

  @Test
  void every_option_is_read(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Manifest"), "<SmoothStreamingMedia/>");

    PlayBenchmark.Options o =
        parse(
            "--presentation", dir.toString(),
            "--duration-s", "20",
            "--repetitions", "5",
            "--gst", "/opt/gst/bin/gst-launch-1.0",
            "--level", "2",
            "--gst-video-sink", "videoconvert ! video/x-raw,format=BGRA ! fakesink sync=true",
            "--keep", dir.resolve("runs").toString());

    assertThat(o)
        .isEqualTo(
            new PlayBenchmark.Options(
                dir,
                20,
                5,
                "/opt/gst/bin/gst-launch-1.0",
                2,
                "videoconvert ! video/x-raw,format=BGRA ! fakesink sync=true",
                dir.resolve("runs")));
  }

  @Test
  void bench_play_is_registered_next_to_decode() {
    Outcome o = run("bench");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("decode, play").contains("play");
  }

  @Test
  void a_level_that_is_neither_top_nor_an_index_is_a_usage_error() {
    Outcome o = run("bench", "play", "--level", "1080p");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err())
        .contains(
            "--level must be top or a video level index >= 0 (0 = lowest bitrate), was '1080p'");
  }

  @Test
  void a_negative_level_index_is_a_usage_error() {
    Outcome o = run("bench", "play", "--level", "-1");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--level must be top or a video level index >= 0");
  }

  @Test
  void a_one_second_duration_is_a_usage_error_naming_the_range() {
    Outcome o = run("bench", "play", "--duration-s", "1");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--duration-s must be 2..3600, was 1");
  }

  @Test
  void an_empty_gstreamer_video_sink_is_a_usage_error() {
    Outcome o = run("bench", "play", "--gst-video-sink", " ");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--gst-video-sink must be a GStreamer element description");
  }

  @Test
  void zero_repetitions_is_a_usage_error() {
    Outcome o = run("bench", "play", "--repetitions", "0");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--repetitions must be 1..50, was 0");
  }

  @Test
  void a_presentation_folder_without_a_manifest_is_a_usage_error(@TempDir Path dir) {
    Outcome o = run("bench", "play", "--presentation", dir.toString());

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--presentation must be a folder holding a file named Manifest");
  }

  @Test
  void a_keep_folder_that_cannot_be_made_is_a_usage_error_before_gstreamer_is_looked_for(
      @TempDir Path dir) throws Exception {
    Path presentation = Files.createDirectories(dir.resolve("presentation"));
    Files.writeString(presentation.resolve("Manifest"), "<SmoothStreamingMedia/>");
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    Outcome o =
        run(
            "bench",
            "play",
            "--presentation",
            presentation.toString(),
            "--gst",
            dir.resolve("no-gst").toString(),
            "--keep",
            file.resolve("runs").toString());

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err())
        .contains("--keep " + file.resolve("runs") + ": cannot create it: ")
        .doesNotContain("no-gst");
  }

  @Test
  void without_gstreamer_it_fails_before_preparing_the_sample(@TempDir Path dir) {
    Outcome o = run("bench", "play", "--gst", dir.resolve("no-gst").toString());

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err())
        .contains("bench play: cannot run " + dir.resolve("no-gst"))
        .doesNotContain("preparing the built-in sample");
  }

  @Test
  void top_is_read_in_any_case_and_an_index_as_itself() {
    assertThat(PlayBenchmark.parseLevel("TOP")).isEqualTo(-1);
    assertThat(PlayBenchmark.parseLevel(" 0 ")).isZero();
    assertThat(PlayBenchmark.parseLevel("4")).isEqualTo(4);
  }

  // ---- levels ----

  @Test
  void top_resolves_to_the_last_level_and_an_index_past_the_ladder_fails() throws Exception {
    assertThat(PlayBenchmark.resolveLevel(-1, 5)).isEqualTo(4);
    assertThat(PlayBenchmark.resolveLevel(2, 5)).isEqualTo(2);
    assertThatThrownBy(() -> PlayBenchmark.resolveLevel(5, 5))
        .isInstanceOf(PlayBenchmark.BenchmarkFailure.class)
        .hasMessage("--level 5 is out of range: the video has levels 0..4");
  }

  @Test
  void gstreamer_gets_twice_the_top_bitrate_or_the_midpoint_to_the_next_level() {
    List<Long> sampleLadder = List.of(400_000L, 800_000L, 1_400_000L, 2_800_000L, 5_000_000L);

    assertThat(PlayBenchmark.gstConnectionSpeedKbps(sampleLadder, 4)).isEqualTo(10_000);
    assertThat(PlayBenchmark.gstConnectionSpeedKbps(sampleLadder, 0)).isEqualTo(600);
    assertThat(PlayBenchmark.gstConnectionSpeedKbps(sampleLadder, 3)).isEqualTo(3_900);
  }

  /** Two video levels (listed highest first) and one audio level, two chunks each. */
  private static final String MANIFEST =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <SmoothStreamingMedia MajorVersion="2" MinorVersion="0" TimeScale="10000000" \
      Duration="40000000">
        <StreamIndex Type="video" Name="video" Chunks="2" QualityLevels="2" \
      Url="QualityLevels({bitrate})/Fragments(video={start time})">
          <QualityLevel Index="0" Bitrate="5000000" FourCC="H264" MaxWidth="1920" MaxHeight="1080" \
      CodecPrivateData="00000001674d4028"/>
          <QualityLevel Index="1" Bitrate="400000" FourCC="H264" MaxWidth="426" MaxHeight="240" \
      CodecPrivateData="00000001674d4015"/>
          <c t="0" d="20000000"/>
          <c t="20000000" d="20000000"/>
        </StreamIndex>
        <StreamIndex Type="audio" Name="audio" Chunks="2" QualityLevels="1" \
      Url="QualityLevels({bitrate})/Fragments(audio={start time})">
          <QualityLevel Index="0" Bitrate="128000" FourCC="AACL" SamplingRate="48000" Channels="2" \
      BitsPerSample="16" PacketSize="4" AudioTag="255" CodecPrivateData="1190"/>
          <c t="0" d="20000000"/>
          <c t="20000000" d="20000000"/>
        </StreamIndex>
      </SmoothStreamingMedia>
      """;

  private static StreamIndex video(URI manifestUri) throws Exception {
    Manifest manifest =
        new ManifestParser().parse(MANIFEST.getBytes(StandardCharsets.UTF_8), manifestUri);
    return manifest.streams(StreamType.VIDEO).get(0);
  }

  @Test
  void the_ladder_lists_the_video_bitrates_lowest_first() throws Exception {
    StreamIndex video = video(URI.create("http://127.0.0.1:41000/Manifest"));

    assertThat(PlayBenchmark.ladderBps(video)).containsExactly(400_000L, 5_000_000L);
  }

  @Test
  void every_video_fragment_path_maps_to_its_level_bitrate() throws Exception {
    StreamIndex video = video(URI.create("http://127.0.0.1:41000/Manifest"));

    Map<String, Long> byPath =
        PlayBenchmark.videoBitrateByPath(URI.create("http://127.0.0.1:41000/Manifest"), video);

    assertThat(byPath)
        .containsOnly(
            Map.entry("/QualityLevels(5000000)/Fragments(video=0)", 5_000_000L),
            Map.entry("/QualityLevels(5000000)/Fragments(video=20000000)", 5_000_000L),
            Map.entry("/QualityLevels(400000)/Fragments(video=0)", 400_000L),
            Map.entry("/QualityLevels(400000)/Fragments(video=20000000)", 400_000L));
  }

  /** Lines of a real request log of the sample (GStreamer's run), plus one later request. */
  private static final List<String> REQUEST_LOG =
      List.of(
          "{\"path\":\"/Manifest\",\"method\":\"GET\",\"status\":200,\"bytes\":3884,"
              + "\"request_time\":\"2026-11-25T17:14:45.240Z\","
              + "\"end_time\":\"2026-11-25T17:14:45.240Z\"}",
          "{\"path\":\"/QualityLevels(128000)/Fragments(audio=0)\",\"method\":\"GET\","
              + "\"status\":200,\"bytes\":32427,\"request_time\":\"2026-11-25T17:14:45.315Z\","
              + "\"end_time\":\"2026-11-25T17:14:45.316Z\"}",
          "{\"path\":\"/QualityLevels(5000000)/Fragments(video=0)\",\"method\":\"GET\","
              + "\"status\":200,\"bytes\":1189502,\"request_time\":\"2026-11-25T17:14:45.304Z\","
              + "\"end_time\":\"2026-11-25T17:14:45.320Z\"}",
          "{\"path\":\"/QualityLevels(5000000)/Fragments(video=20000000)\",\"method\":\"GET\","
              + "\"status\":200,\"bytes\":1251262,\"request_time\":\"2026-11-25T17:14:46.567Z\","
              + "\"end_time\":\"2026-11-25T17:14:46.569Z\"}",
          "",
          "{\"path\":\"/QualityLevels(400000)/Fragments(video=20000000)\",\"method\":\"GET\","
              + "\"status\":200,\"bytes\":98000,\"request_time\":\"2026-11-25T17:16:00.000Z\","
              + "\"end_time\":\"2026-11-25T17:16:00.010Z\"}");

  @Test
  void video_fragments_are_counted_by_bitrate_within_the_run_only() throws Exception {
    URI manifestUri = URI.create("http://127.0.0.1:41000/Manifest");
    Map<String, Long> byPath = PlayBenchmark.videoBitrateByPath(manifestUri, video(manifestUri));
    long from = Instant.parse("2026-11-25T17:14:45.000Z").toEpochMilli();
    long to = Instant.parse("2026-11-25T17:15:50.000Z").toEpochMilli();

    assertThat(PlayBenchmark.videoFragmentsFetched(REQUEST_LOG, byPath, from, to))
        .containsExactly(Map.entry(5_000_000L, 2));
    assertThat(PlayBenchmark.videoFragmentsFetched(REQUEST_LOG, byPath, from, Long.MAX_VALUE))
        .containsExactly(Map.entry(400_000L, 1), Map.entry(5_000_000L, 2));
  }

  @Test
  void a_request_log_line_without_a_request_time_fails_naming_the_line() {
    assertThatThrownBy(
            () ->
                PlayBenchmark.videoFragmentsFetched(
                    List.of("{\"path\":\"/Manifest\"}"), Map.of(), 0, Long.MAX_VALUE))
        .isInstanceOf(PlayBenchmark.BenchmarkFailure.class)
        .hasMessageContaining("not an entry with path and request_time")
        .hasMessageContaining("{\"path\":\"/Manifest\"}");
  }

  // ---- /proc ----

  /** A real /proc/PID/stat line of gst-launch-1.0 (utime 41, stime 11 ticks). */
  private static final String GST_STAT =
      "6019 (gst-launch-1.0) S 6017 6017 29565 0 -1 4194304 23655 0 6 0 41 11 0 0 20 0 20 0"
          + " 1038157 1496272896 33643 18446744073709551615 93897386643456 93897386657085"
          + " 140729709747232 0 0 0 0 4096 1031 0 0 0 17 1 0 0 0 0 0 93897386671504"
          + " 93897386673292 93897409425408 140729709754951 140729709755096 140729709755096"
          + " 140729709756384 0\n";

  @Test
  void cpu_ticks_are_utime_plus_stime_of_the_stat_line() {
    assertThat(PlayBenchmark.cpuTicksFromStat(GST_STAT)).isEqualTo(52);
  }

  @Test
  void a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
    String stat = GST_STAT.replace("(gst-launch-1.0)", "(a) b (c))");

    assertThat(PlayBenchmark.cpuTicksFromStat(stat)).isEqualTo(52);
  }

  @Test
  void a_stat_line_that_is_cut_short_is_refused() {
    assertThatThrownBy(() -> PlayBenchmark.cpuTicksFromStat("6019 (gst-launch-1.0) S 6017 6017"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected at least 15 fields");
    assertThatThrownBy(() -> PlayBenchmark.cpuTicksFromStat("not a stat line"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'pid (comm) state ...'");
  }

  @Test
  void the_peak_resident_set_is_read_from_the_vmhwm_line() {
    String status =
        "Name:\tgst-launch-1.0\nVmPeak:\t 1462112 kB\nVmHWM:\t  135264 kB\nVmRSS:\t  134836 kB\n"
            + "Threads:\t20\n";

    assertThat(BenchSupport.statusKb(status, "VmHWM")).isEqualTo(135_264);
  }

  @Test
  void a_status_without_vmhwm_reads_as_minus_one_and_a_malformed_one_is_refused() {
    assertThat(BenchSupport.statusKb("Name:\tjava\nState:\tZ (zombie)\n", "VmHWM")).isEqualTo(-1);
    assertThatThrownBy(() -> BenchSupport.statusKb("VmHWM:\t135264 pages\n", "VmHWM"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 'VmHWM: N kB'");
  }

  // ---- GStreamer's output ----

  private static final String VIDEO_PREROLLED_LINE =
      "0:00:00.283148705  1505 0x7f13a4068400 INFO              GST_STATES"
          + " gstbin.c:3404:bin_handle_async_done:<vbin> committing state from READY to PAUSED,"
          + " old pending PAUSED";

  private static final String AUDIO_PREROLLED_LINE =
      "0:00:00.270421669  1505 0x7f13a40685e0 INFO              GST_STATES"
          + " gstbin.c:3404:bin_handle_async_done:<abin> committing state from READY to PAUSED,"
          + " old pending PAUSED";

  private static final String PLAYING_LINE =
      "0:00:00.284831872  1505 0x7f13a4068c60 INFO              GST_STATES"
          + " gstelement.c:2816:gst_element_continue_state:<playbin0> completed state change to"
          + " PLAYING";

  @Test
  void a_gstreamer_timestamp_is_read_in_nanoseconds() {
    assertThat(PlayBenchmark.gstTimestampNs("0:00:00.283148705")).isEqualTo(283_148_705L);
    assertThat(PlayBenchmark.gstTimestampNs("1:02:03.5")).isEqualTo(3_723_500_000_000L);
    assertThatThrownBy(() -> PlayBenchmark.gstTimestampNs("00:00.28"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("H:MM:SS.NNNNNNNNN");
  }

  @Test
  void the_watch_takes_the_video_preroll_and_playing_moments_and_ignores_audio() {
    PlayBenchmark.GstWatch watch = new PlayBenchmark.GstWatch();

    watch.stdout("Setting pipeline to PAUSED ...", 1_000);
    watch.stderr(AUDIO_PREROLLED_LINE, 2_000);
    watch.stderr(VIDEO_PREROLLED_LINE, 3_000);
    watch.stderr(PLAYING_LINE, 4_000);
    watch.stderr(PLAYING_LINE, 9_000);

    assertThat(watch.videoPrerolledNanos).isEqualTo(3_000);
    assertThat(watch.prerolledSinceInitNs).isEqualTo(283_148_705L);
    assertThat(watch.playingNanos).isEqualTo(4_000);
    assertThat(watch.bufferingPauses.get()).isZero();
  }

  @Test
  void a_re_buffering_pause_after_playing_counts_as_a_stall() {
    PlayBenchmark.GstWatch watch = new PlayBenchmark.GstWatch();

    watch.stdout("Buffering, setting pipeline to PAUSED ...", 1_000);
    watch.stderr(PLAYING_LINE, 2_000);
    watch.stdout("Buffering, setting pipeline to PAUSED ...", 3_000);

    assertThat(watch.bufferingPauses.get()).isEqualTo(1);
  }

  // ---- commands ----

  @Test
  void our_child_runs_the_main_class_headless_without_a_sound_device() {
    List<String> command =
        PlayBenchmark.ourCommand(
            "/jdk/bin/java",
            "a.jar:b.jar",
            "http://127.0.0.1:41000/Manifest",
            4,
            60,
            Path.of("/tmp/s.json"),
            Path.of("/tmp/l.jsonl"));

    assertThat(command)
        .containsExactly(
            "/jdk/bin/java",
            "-cp",
            "a.jar:b.jar",
            "org.smoothplayer.app.cli.Main",
            "http://127.0.0.1:41000/Manifest",
            "--headless",
            "--no-audio-device",
            "--quality",
            "4",
            "--duration",
            "60",
            "--summary",
            "/tmp/s.json",
            "--log",
            "/tmp/l.jsonl");
  }

  @Test
  void gstreamer_runs_playbin_with_clock_synchronised_fake_sinks() {
    assertThat(
            PlayBenchmark.gstCommand(
                "gst-launch-1.0",
                "http://127.0.0.1:41000/Manifest",
                10_000,
                PlayBenchmark.DEFAULT_GST_VIDEO_SINK))
        .containsExactly(
            "gst-launch-1.0",
            "playbin",
            "uri=http://127.0.0.1:41000/Manifest",
            "connection-speed=10000",
            "video-sink=fakesink sync=true",
            "audio-sink=fakesink sync=true");
  }

  @Test
  void the_session_zero_is_the_start_time_less_the_start_event_offset() {
    SessionEvent.SessionStarted started =
        new SessionEvent.SessionStarted(
            203.153038,
            1,
            "dev",
            "Linux",
            "OpenJDK 17",
            "http://127.0.0.1:18777/Manifest",
            Map.of(),
            1_795_627_100_570L);

    assertThat(PlayBenchmark.sessionZeroEpochMs(started))
        .isCloseTo(1_795_627_100_366.847, within(0.001));
  }

  // ---- report ----

  @Test
  void the_median_of_an_even_count_is_the_mean_of_the_middle_two_and_nan_is_left_out() {
    assertThat(PlayBenchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(PlayBenchmark.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(PlayBenchmark.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
    assertThat(PlayBenchmark.median(List.of())).isNaN();
  }

  @Test
  void a_ratio_has_two_decimals_and_is_not_available_over_zero() {
    assertThat(PlayBenchmark.ratio(25.1, 7.6)).isEqualTo("3.30");
    assertThat(PlayBenchmark.ratio(1, 0)).isEqualTo("n/a");
  }

  private static PlayBenchmark.Run ours(int rep, double cpuS, long droppedFrames) {
    return new PlayBenchmark.Run(
        "ours",
        rep,
        61.9,
        cpuS,
        373_472,
        912,
        707,
        60.0,
        Map.of(5_000_000L, 31),
        1800,
        droppedFrames,
        0);
  }

  private static PlayBenchmark.Run gst(int rep, double cpuS, Map<Long, Integer> fetched) {
    return new PlayBenchmark.Run(
        "GStreamer", rep, 60.4, cpuS, 138_700, 301, 283, 60.0, fetched, -1, -1, 0);
  }

  @Test
  void the_summary_table_gives_medians_and_ratios_per_metric() {
    List<PlayBenchmark.Run> ours = List.of(ours(1, 21.0, 0), ours(2, 20.0, 0), ours(3, 23.0, 0));
    List<PlayBenchmark.Run> gst =
        List.of(
            gst(1, 8.0, Map.of(5_000_000L, 30)),
            gst(2, 7.5, Map.of(5_000_000L, 30)),
            gst(3, 9.0, Map.of(5_000_000L, 30)));

    assertThat(String.join("\n", PlayBenchmark.summaryTable(ours, gst)))
        .isEqualTo(
            """
            | metric (median of 3 / 3 runs) | ours | GStreamer | ours/GStreamer |
            |---|---:|---:|---:|
            | wall time, s | 61.9 | 60.4 | 1.02 |
            | CPU (utime+stime, all threads), s | 21.00 | 8.00 | 2.63 |
            | CPU per minute of media, s/min | 21.00 | 8.00 | 2.63 |
            | peak RSS (VmHWM), MiB | 364.7 | 135.4 | 2.69 |
            | first frame from launch, ms | 912 | 301 | 3.03 |
            | first frame from session start (ours) / gst_init (GStreamer), ms | 707 | 283 | 2.50 |
            | media played, s | 60.0 | 60.0 | 1.00 |""");
    assertThat(PlayBenchmark.cpuRatio(ours, gst)).isEqualTo(21.0 / 8.0);
  }

  @Test
  void the_run_table_shows_fragments_by_level_and_dashes_for_unreported_frames() {
    assertThat(
            PlayBenchmark.runTable(
                List.of(ours(1, 21.0, 0), gst(1, 8.0, Map.of(5_000_000L, 30, 400_000L, 1)))))
        .containsExactly(
            "| run | player | wall s | CPU s | CPU s/min | peak RSS MiB | first frame from launch ms"
                + " | from start ms | played s | video fragments fetched | rendered | dropped |"
                + " stalls |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
            "| 1 | ours | 61.9 | 21.00 | 21.00 | 364.7 | 912 | 707 | 60.0 | 5000 kbps x31 | 1800 |"
                + " 0 | 0 |",
            "| 1 | GStreamer | 60.4 | 8.00 | 8.00 | 135.4 | 301 | 283 | 60.0 | 400 kbps x1, 5000"
                + " kbps x30 | - | - | 0 |");
  }

  @Test
  void checks_flag_a_wrong_level_and_dropped_frames_and_pass_a_clean_run() {
    assertThat(
            PlayBenchmark.checks(
                List.of(ours(1, 21.0, 0)), List.of(gst(1, 8.0, Map.of(5_000_000L, 30))), 5_000_000))
        .isEmpty();
    assertThat(
            PlayBenchmark.checks(
                List.of(ours(1, 21.0, 2)),
                List.of(gst(1, 8.0, Map.of(5_000_000L, 29, 2_800_000L, 1))),
                5_000_000))
        .containsExactly(
            "GStreamer run 1 fetched video fragments 2800 kbps x1, 5000 kbps x29, expected only"
                + " 5000 kbps",
            "ours run 1 dropped 2 frames and stalled 0 times (required: 0 and 0)");
  }
}
