package org.smoothplayer.assets.origin.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.assets.generate.FragmentInfo;
import org.smoothplayer.assets.generate.LevelInfo;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.StreamInfo;

/**
 * A generated presentation broadcast live: fragments become available over time on the live clock,
 * the Manifest is generated per request from what is published inside the DVR window, and each
 * fragment is served as its stored file with live tfxd/tfrf boxes.
 *
 * <p>Timing. Let {@code now} be the live clock minus the time of {@link #start} (or the last {@link
 * #restart}). The <em>publish edge</em> is {@code now + startOffset} in media time. Fragment {@code
 * k} of stream s in loop {@code n} (media time {@code t_k}, duration {@code d_k}, from {@code
 * presentation.json}) is published once {@code n * loop + t_k + d_k <= edge}, where {@code loop} is
 * the presentation duration. Its public timestamp is {@code timestampOffset + n * loop + t_k}.
 * Without {@code endless} only loop 0 exists; once every stream's last fragment is published the
 * broadcast has <em>ended</em>: the Manifest says {@code IsLive="FALSE"}, and its chunks (the final
 * DVR window) no longer change.
 *
 * <p>DVR window. A published fragment is inside the window when it starts no earlier than {@code
 * lastEnd - window}, where {@code lastEnd} is the end of the stream's newest published fragment;
 * the newest fragment is always inside. Window 0 keeps every published fragment.
 *
 * <p>Threads: any thread may call every method. The publication state is one immutable session
 * replaced atomically by {@link #restart}; each request reads it once.
 */
public final class LiveBroadcast {
  /** Largest stored fragment file that is served, in bytes. */
  public static final long MAX_FRAGMENT_BYTES = 256L * 1024 * 1024;

  /** How far past the published content {@link #restart()} moves the timestamps, in seconds. */
  public static final double RESTART_JUMP_S = 3600;

  private static final Pattern LEVEL_SEGMENT = Pattern.compile("QualityLevels\\(([0-9]{1,18})\\)");
  private static final Pattern FRAGMENT_SEGMENT =
      Pattern.compile("Fragments\\(([A-Za-z0-9_-]{1,64})=([0-9]{1,19})\\)");
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Path root;
  private final PresentationInfo info;
  private final LiveOptions options;
  private final long timescale;
  private final long loopTicks;
  private final long windowTicks; // 0 = infinite
  private final long startOffsetTicks;
  private final List<Stream> streams;

  // Replaced by restart() (synchronized), read once per request by any thread.
  private volatile Session session;

  /**
   * One publication run: started at {@code startNanos} on the live clock with this offset.
   *
   * @param number 0 for the first run, +1 per restart
   * @param startNanos live clock reading when it began
   * @param offsetTicks timestamp offset in ticks
   */
  private record Session(int number, long startNanos, long offsetTicks) {}

  /** One stream's fragment timing, from presentation.json. */
  private record Stream(StreamInfo info, long[] startTicks, long[] durationTicks) {
    int count() {
      return startTicks.length;
    }

    long endTicks(int k) {
      return startTicks[k] + durationTicks[k];
    }

    @Nullable LevelInfo level(long bitrateBps) {
      for (LevelInfo level : info.levels()) {
        if (level.bitrateBps() == bitrateBps) {
          return level;
        }
      }
      return null;
    }
  }

  /**
   * What one stream has published at one instant.
   *
   * @param published number of published fragments over all loops (global indexes 0..published-1)
   * @param firstInWindow global index of the oldest fragment inside the DVR window
   */
  private record StreamView(long published, long firstInWindow) {}

  /** A consistent picture of the whole broadcast at one instant. */
  private record View(Session session, List<StreamView> streams, boolean ended) {}

  /**
   * The answer to a request for a live path.
   *
   * <p>{@link Found} carries the body; {@link NotFound} says why there is none (for a 404 body).
   */
  public sealed interface Answer {
    /**
     * A manifest or fragment.
     *
     * @param contentType {@code text/xml}, {@code video/mp4}, {@code audio/mp4} or {@code
     *     application/mp4} (text)
     * @param body the bytes to send (owned by the caller)
     */
    record Found(String contentType, byte[] body) implements Answer {}

    /**
     * No such fragment right now.
     *
     * @param reason one line for people, e.g. {@code not published yet}
     */
    record NotFound(String reason) implements Answer {}
  }

  private LiveBroadcast(Path root, PresentationInfo info, LiveOptions options) {
    this.root = root;
    this.info = info;
    this.options = options;
    this.timescale = info.timescale();
    if (timescale <= 0) {
      throw new LiveContentException(
          PresentationInfo.FILE_NAME + ": timescale " + timescale + " (expected > 0)");
    }
    if (info.streams().isEmpty()) {
      throw new LiveContentException(
          PresentationInfo.FILE_NAME + " in " + root + " lists no streams (expected video/audio)");
    }
    List<Stream> list = new ArrayList<>();
    long longestEnd = 0;
    for (StreamInfo stream : info.streams()) {
      Stream s = timing(stream);
      list.add(s);
      longestEnd = Math.max(longestEnd, s.endTicks(s.count() - 1));
    }
    this.streams = List.copyOf(list);
    long specTicks;
    try {
      specTicks = Math.multiplyExact(info.spec().durationMs(), timescale) / 1000;
    } catch (ArithmeticException e) {
      throw new LiveContentException(
          PresentationInfo.FILE_NAME + ": duration overflows 64-bit ticks", e);
    }
    this.loopTicks = Math.max(longestEnd, specTicks);
    this.windowTicks = LiveOptions.ticks(options.dvrWindowS(), timescale);
    this.startOffsetTicks = LiveOptions.ticks(options.startOffsetS(), timescale);
    this.session =
        new Session(
            0,
            options.clockNanos().getAsLong(),
            LiveOptions.ticks(options.timestampOffsetS(), timescale));
  }

  /**
   * Starts broadcasting the presentation in {@code root} (which must hold {@code
   * presentation.json}); the live clock starts now.
   *
   * @throws UncheckedIOException when {@code presentation.json} is missing or unreadable
   * @throws LiveContentException when its streams cannot be broadcast (no fragments, overlaps)
   */
  public static LiveBroadcast start(Path root, LiveOptions options) {
    return new LiveBroadcast(root, PresentationInfo.read(root), options);
  }

  private Stream timing(StreamInfo stream) {
    List<FragmentInfo> fragments = stream.fragments();
    String where = PresentationInfo.FILE_NAME + " stream " + stream.name();
    if (fragments.isEmpty() || stream.levels().isEmpty()) {
      throw new LiveContentException(where + " has no fragments or no levels (expected both)");
    }
    if (!FRAGMENT_SEGMENT.matcher("Fragments(" + stream.name() + "=0)").matches()) {
      throw new LiveContentException(
          where + ": name is not a plain name (expected letters, digits, _ or -)");
    }
    long[] starts = new long[fragments.size()];
    long[] durations = new long[fragments.size()];
    long previousEnd = 0;
    for (int k = 0; k < fragments.size(); k++) {
      FragmentInfo f = fragments.get(k);
      if (f.startTicks() < previousEnd || f.durationTicks() <= 0) {
        throw new LiveContentException(
            where
                + " fragment "
                + k
                + ": start "
                + f.startTicks()
                + ", duration "
                + f.durationTicks()
                + " (expected fragments in time order, not overlapping, with positive durations)");
      }
      starts[k] = f.startTicks();
      durations[k] = f.durationTicks();
      previousEnd = Math.addExact(f.startTicks(), f.durationTicks());
    }
    return new Stream(stream, starts, durations);
  }

  /** The options this broadcast runs with. */
  public LiveOptions options() {
    return options;
  }

  /** Ticks per second of every timestamp. */
  public long timescale() {
    return timescale;
  }

  /** Length of one pass of the presentation (the loop period) in ticks. */
  public long loopTicks() {
    return loopTicks;
  }

  /** The current timestamp offset in ticks (changes with {@link #restart}). */
  public long timestampOffsetTicks() {
    return session.offsetTicks();
  }

  /** How many times {@link #restart} has been called. */
  public int restarts() {
    return session.number();
  }

  /** Whether the broadcast has ended (never when endless): every fragment is published. */
  public boolean ended() {
    return view().ended();
  }

  /** One line for people: the options and the current offset. */
  public String describe() {
    Session now = session;
    return options.describe()
        + (now.number() == 0
            ? ""
            : "; restarted "
                + now.number()
                + " times, timestamps now from "
                + (double) now.offsetTicks() / timescale
                + " s");
  }

  /**
   * Restarts publication as an origin restart would: the live clock starts again now, with {@code
   * startOffset} of media published, from the first fragment, with timestamps from {@code
   * timestampOffsetS}. Fragments of the previous run are no longer served (unless their timestamps
   * happen to be valid in the new run).
   */
  public synchronized void restart(double timestampOffsetS) {
    LiveOptions checked = options.withTimestampOffsetS(timestampOffsetS); // validates the value
    Session old = session;
    session =
        new Session(
            old.number() + 1,
            options.clockNanos().getAsLong(),
            LiveOptions.ticks(checked.timestampOffsetS(), timescale));
  }

  /**
   * Restarts with timestamps that jump forward: the new offset is the old one plus the current
   * publish edge rounded up to whole seconds plus {@value #RESTART_JUMP_S} s, so no timestamp of
   * the previous run stays valid.
   */
  public synchronized void restart() {
    Session old = session;
    long edgeTicks = edgeTicks(old);
    long edgeSeconds = (edgeTicks + timescale - 1) / timescale;
    double newOffsetS = (double) old.offsetTicks() / timescale + edgeSeconds + RESTART_JUMP_S;
    restart(Math.min(newOffsetS, LiveOptions.MAX_TIMESTAMP_OFFSET_S));
  }

  /** Whether a decoded request path is handled by the broadcast rather than served as a file. */
  public static boolean isLivePath(String decodedPath) {
    return decodedPath.equalsIgnoreCase("/Manifest") || decodedPath.startsWith("/QualityLevels(");
  }

  /**
   * Answers a decoded request path (e.g. {@code /Manifest} or {@code
   * /QualityLevels(400000)/Fragments(video=36000000000)}); empty when the path is not a live path
   * ({@link #isLivePath}) and should be served from the folder.
   *
   * @throws LiveContentException when a stored fragment file is unreadable or not what the
   *     generator writes
   */
  public Optional<Answer> answer(String decodedPath) {
    if (!isLivePath(decodedPath)) {
      return Optional.empty();
    }
    if (decodedPath.equalsIgnoreCase("/Manifest")) {
      return Optional.of(new Answer.Found("text/xml", manifestBytes()));
    }
    String[] segments = decodedPath.substring(1).split("/", -1);
    Matcher level;
    Matcher fragment;
    if (segments.length != 2
        || !(level = LEVEL_SEGMENT.matcher(segments[0])).matches()
        || !(fragment = FRAGMENT_SEGMENT.matcher(segments[1])).matches()) {
      return Optional.of(
          new Answer.NotFound(
              "not a fragment path (expected /QualityLevels(BITRATE)/Fragments(STREAM=TIME))"));
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(fragment.group(2));
    } catch (NumberFormatException e) {
      return Optional.of(new Answer.NotFound("timestamp out of range"));
    }
    return Optional.of(fragment(Long.parseLong(level.group(1)), fragment.group(1), timestamp));
  }

  /** The Manifest as it is now (UTF-8 XML text). */
  public String manifest() {
    View view = view();
    return LiveManifestWriter.write(
        info,
        manifestStreams(view),
        view.ended(),
        options.lookaheadCount(),
        windowTicks,
        options.audioLanguages());
  }

  private byte[] manifestBytes() {
    return manifest().getBytes(StandardCharsets.UTF_8);
  }

  private List<List<LiveManifestWriter.Chunk>> manifestStreams(View view) {
    List<List<LiveManifestWriter.Chunk>> result = new ArrayList<>();
    for (int s = 0; s < streams.size(); s++) {
      Stream stream = streams.get(s);
      StreamView sv = view.streams().get(s);
      List<LiveManifestWriter.Chunk> chunks = new ArrayList<>();
      for (long g = sv.firstInWindow(); g < sv.published(); g++) {
        chunks.add(
            new LiveManifestWriter.Chunk(
                publicStart(stream, view.session(), g), stream.durationTicks()[index(stream, g)]));
      }
      result.add(chunks);
    }
    return result;
  }

  /**
   * A fragment request.
   *
   * @param bitrateBps the QualityLevels bitrate
   * @param streamName the Fragments stream name ({@code video}, {@code audio}, {@code
   *     textstream_eng})
   * @param timestamp the public timestamp
   */
  private Answer fragment(long bitrateBps, String streamName, long timestamp) {
    int s = streamIndex(streamName);
    if (s < 0) {
      return new Answer.NotFound("no stream named " + streamName);
    }
    Stream stream = streams.get(s);
    LevelInfo level = stream.level(bitrateBps);
    if (level == null) {
      return new Answer.NotFound("stream " + streamName + " has no level " + bitrateBps);
    }
    View view = view();
    Session session = view.session();
    long media = timestamp - session.offsetTicks();
    if (media < 0) {
      return new Answer.NotFound("before the start of the broadcast");
    }
    long loop = media / loopTicks;
    long inLoop = media % loopTicks;
    int k = Arrays.binarySearch(stream.startTicks(), inLoop);
    if (k < 0) {
      return new Answer.NotFound("not the start of a fragment");
    }
    if (!options.endless() && loop > 0) {
      return new Answer.NotFound("after the end of the broadcast");
    }
    long g;
    try {
      g = Math.addExact(Math.multiplyExact(loop, stream.count()), k);
    } catch (ArithmeticException e) {
      return new Answer.NotFound("not published yet");
    }
    StreamView sv = view.streams().get(s);
    if (g >= sv.published()) {
      return new Answer.NotFound("not published yet");
    }
    if (g < sv.firstInWindow()) {
      return new Answer.NotFound("outside the DVR window");
    }
    List<LiveFragmentRewriter.Lookahead> lookahead = new ArrayList<>();
    for (long next = g + 1; next < sv.published() && next <= g + options.lookaheadCount(); next++) {
      lookahead.add(
          new LiveFragmentRewriter.Lookahead(
              publicStart(stream, session, next), stream.durationTicks()[index(stream, next)]));
    }
    FragmentInfo stored = stream.info().fragments().get(k);
    String relative = stream.info().fragmentPath(level, stored);
    byte[] bytes;
    try {
      bytes = readStored(root.resolve(relative), relative);
    } catch (NoSuchFileException e) {
      return new Answer.NotFound("stored fragment " + relative + " is missing");
    }
    byte[] body =
        LiveFragmentRewriter.rewrite(
            bytes, relative, g + 1, timestamp, stream.durationTicks()[k], lookahead);
    return new Answer.Found(contentType(stream.info().type()), body);
  }

  /** {@code audio/mp4}, {@code application/mp4} for text (RFC 4337), else {@code video/mp4}. */
  private static String contentType(String streamType) {
    String type = streamType.toLowerCase(Locale.ROOT);
    if (type.contains("audio")) {
      return "audio/mp4";
    }
    return type.equals("text") ? "application/mp4" : "video/mp4";
  }

  private static byte[] readStored(Path file, String relative) throws NoSuchFileException {
    try {
      long size = Files.size(file);
      if (size > MAX_FRAGMENT_BYTES) {
        throw new LiveContentException(
            "stored fragment "
                + relative
                + " is "
                + size
                + " bytes (expected at most "
                + MAX_FRAGMENT_BYTES
                + ")");
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(file.toString());
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new LiveContentException("cannot read stored fragment " + relative + ": " + e, e);
    }
  }

  /**
   * The stream served under the Fragments name {@code name}: its name ({@code video}, {@code
   * audio}, {@code textstream_eng}), or with audio languages, for the audio stream, one of its
   * per-language names (the plain {@code audio} is not listed then).
   */
  private int streamIndex(String name) {
    for (int s = 0; s < streams.size(); s++) {
      StreamInfo stream = streams.get(s).info();
      if (stream.type().equals("audio") && !options.audioLanguages().isEmpty()) {
        for (String language : options.audioLanguages()) {
          if (LiveOptions.audioStreamName(language).equals(name)) {
            return s;
          }
        }
      } else if (stream.name().equals(name)) {
        return s;
      }
    }
    return -1;
  }

  private static int index(Stream stream, long globalIndex) {
    return (int) (globalIndex % stream.count());
  }

  private long publicStart(Stream stream, Session session, long globalIndex) {
    long loop = globalIndex / stream.count();
    return session.offsetTicks()
        + loop * loopTicks
        + stream.startTicks()[index(stream, globalIndex)];
  }

  private long mediaEnd(Stream stream, long globalIndex) {
    long loop = globalIndex / stream.count();
    return loop * loopTicks + stream.endTicks(index(stream, globalIndex));
  }

  /** The publish edge of a session now, in media ticks (never negative). */
  private long edgeTicks(Session session) {
    long elapsedNanos = Math.max(0, options.clockNanos().getAsLong() - session.startNanos());
    long seconds = elapsedNanos / NANOS_PER_SECOND;
    long rest = elapsedNanos % NANOS_PER_SECOND;
    long elapsedTicks = seconds * timescale + rest * timescale / NANOS_PER_SECOND;
    return elapsedTicks + startOffsetTicks;
  }

  private View view() {
    Session now = session;
    long edge = edgeTicks(now);
    List<StreamView> views = new ArrayList<>(streams.size());
    boolean ended = !options.endless();
    for (Stream stream : streams) {
      long published = publishedCount(stream, edge);
      if (published < stream.count()) {
        ended = false;
      }
      views.add(new StreamView(published, firstInWindow(stream, published)));
    }
    return new View(now, List.copyOf(views), ended);
  }

  /** Fragments (over all loops) whose media end is at or before the edge. */
  private long publishedCount(Stream stream, long edge) {
    long loop = edge / loopTicks;
    long inLoop = edge % loopTicks;
    if (!options.endless() && loop >= 1) {
      return stream.count();
    }
    int inThisLoop = 0;
    while (inThisLoop < stream.count() && stream.endTicks(inThisLoop) <= inLoop) {
      inThisLoop++;
    }
    return loop * stream.count() + inThisLoop;
  }

  /** The oldest published fragment inside the DVR window (== published when none is published). */
  private long firstInWindow(Stream stream, long published) {
    if (published == 0 || windowTicks == 0) {
      return 0;
    }
    long newest = published - 1;
    long from = mediaEnd(stream, newest) - windowTicks;
    if (from <= 0) {
      return 0;
    }
    long loop = from / loopTicks;
    long inLoop = from % loopTicks;
    int k = 0;
    while (k < stream.count() && stream.startTicks()[k] < inLoop) {
      k++;
    }
    return Math.min(loop * stream.count() + k, newest);
  }
}
