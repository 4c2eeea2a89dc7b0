package org.smoothplayer.app.text;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.app.manifest.Chunk;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.LanguageTags;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.QualityLevel;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.manifest.UrlTemplate;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.fragment.Fragment;
import org.smoothplayer.decoder.fragment.FragmentContext;
import org.smoothplayer.decoder.fragment.FragmentParseException;
import org.smoothplayer.decoder.fragment.FragmentParser;
import org.smoothplayer.decoder.fragment.ProtectedContentException;
import org.smoothplayer.decoder.fragment.TrackType;

/**
 * Loads the captions of one session: on a thread of its own it fetches the fragments of the chosen
 * text stream around the playback position (from a little behind it to {@value #AHEAD_US} µs
 * ahead), demuxes them, parses their TTML documents into {@link Cue}s and answers {@link #linesAt}
 * from them. Nothing is fetched while captions are off.
 *
 * <p>Times: Smooth Streaming packagers write the times inside a fragment's TTML relative to the
 * fragment's start, ISO 14496-30 writers on the track timeline. A document whose cues all lie in
 * the sample's interval on the track timeline, and not in {@code [0, sample duration)}, is taken as
 * absolute; every other one as relative (the first fragment, where the two agree, included). Cues
 * are clipped to their sample's interval.
 *
 * <p>Failures never end the session: a fragment that cannot be fetched is retried {@value
 * #MAX_ATTEMPTS} times ({@value #RETRY_WAIT_MS} ms apart, then twice that, ...) unless the origin
 * refused it with a 4xx; a fragment or document that cannot be read is skipped. A fragment given up
 * after transient failures only (an outage, an overloaded origin) gets another round of attempts
 * once a later fragment of the track loads, if it is still ahead: the origin answers again. The
 * first failure of a track is reported through the notice callback.
 */
public final class CaptionLoader implements Captions, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CaptionLoader.class);

  /** How far ahead of the position text fragments are fetched. */
  public static final long AHEAD_US = 30_000_000L;

  /** Cues kept behind the position, so a short seek back finds them loaded. */
  static final long KEEP_BEHIND_US = 120_000_000L;

  /** Cues kept ahead of the position after a seek back (those further ahead are dropped). */
  static final long KEEP_AHEAD_US = 600_000_000L;

  /** Largest text fragment accepted (a fragment of captions is a few KiB). */
  public static final int MAX_FRAGMENT_BYTES = 1 << 20;

  /** Fetch attempts of one fragment before it is given up. */
  static final int MAX_ATTEMPTS = 3;

  /** Wait before the second attempt; each further one waits that much longer. */
  static final long RETRY_WAIT_MS = 2_000;

  /** How often the thread looks at the position when there is nothing to fetch. */
  static final long IDLE_WAIT_MS = 200;

  /** How long {@link #close} waits for the thread. */
  private static final long CLOSE_WAIT_MS = 2_000;

  /** The subtypes shown as captions; the others (SCMD, CHAP, ...) carry no timed text. */
  private static final Set<String> CAPTION_SUBTYPES = Set.of("", "CAPT", "SUBT", "DESC");

  /** The FourCCs of TTML text streams. */
  private static final Set<String> TTML_FOUR_CCS = Set.of("TTML", "DFXP");

  /** Gets the bytes of a fragment. */
  @FunctionalInterface
  public interface TextFetch {
    /**
     * The body of a GET of {@code uri}.
     *
     * @throws FetchException when it cannot be fetched (status, I/O, time-out, too large)
     */
    byte[] get(URI uri) throws FetchException;
  }

  /** A text stream that can be shown, with what its fragments' URLs are made of. */
  private record TextStream(CaptionTrack track, StreamIndex stream, QualityLevel level, URI base) {}

  /** The cues of one fetched fragment of {@code trackId}, clipped to [startUs, endUs). */
  private record Loaded(String trackId, long startUs, long endUs, List<Cue> cues) {}

  /**
   * A fragment that failed: attempts so far, when it may be tried again, and whether it is given up
   * for good (refused with a 4xx, or unreadable) rather than after transient failures.
   */
  private record Failure(int attempts, long retryAtNs, boolean final_) {

    /** Given up after transient failures only: worth another round once the origin answers. */
    boolean givenUpTransiently() {
      return !final_ && attempts >= MAX_ATTEMPTS;
    }
  }

  private final TextFetch fetch;
  private final @Nullable AutoCloseable fetchOwner;
  private final LongSupplier positionUs;
  private final Consumer<String> notice;
  private final TimeSource time;
  // False only in tests that call step() themselves.
  private final boolean ownThread;

  // Written by update() (the playback loop), read by any thread: latest value wins.
  private volatile List<TextStream> streams = List.of();
  // Their tracks, made once per update (the window asks for them on every pulse); as above.
  private volatile List<CaptionTrack> tracks = List.of();
  // Written by select() and update() (any thread), read by any thread.
  private volatile @Nullable String selectedId;
  // A language asked for before a manifest listed a track in it; guarded by this.
  private @Nullable String wantedLanguage;
  // Set by close() (any thread), read by the caption thread.
  private volatile boolean closed;
  // Written by the caption thread, read by any thread (linesAt).
  private final ConcurrentSkipListMap<Long, Loaded> loaded = new ConcurrentSkipListMap<>();
  // Guarded by this: the caption thread, started by the first update() that lists a text stream.
  private @Nullable Thread thread;

  // ---- caption thread only ----
  private @Nullable String currentId;
  private @Nullable StreamIndex merged;
  private final TreeMap<Long, Chunk> known = new TreeMap<>();
  private final Map<Long, Failure> failures = new HashMap<>();
  private boolean failureReported;

  /**
   * Captions loaded with {@code fetch}.
   *
   * @param fetch gets a fragment's bytes
   * @param fetchOwner closed by {@link #close} (the HTTP client behind {@code fetch}), or null
   * @param positionUs the playback position now; read from the caption thread
   * @param notice told the first failure of a track, from the caption thread
   * @param time the monotonic clock for retry waits
   */
  public CaptionLoader(
      TextFetch fetch,
      @Nullable AutoCloseable fetchOwner,
      LongSupplier positionUs,
      Consumer<String> notice,
      TimeSource time) {
    this(fetch, fetchOwner, positionUs, notice, time, true);
  }

  /**
   * As the public constructor; without {@code ownThread} nothing runs {@link #step} but the caller.
   */
  CaptionLoader(
      TextFetch fetch,
      @Nullable AutoCloseable fetchOwner,
      LongSupplier positionUs,
      Consumer<String> notice,
      TimeSource time,
      boolean ownThread) {
    this.fetch = fetch;
    this.fetchOwner = fetchOwner;
    this.positionUs = positionUs;
    this.notice = notice;
    this.time = time;
    this.ownThread = ownThread;
  }

  /**
   * Captions fetched with {@code fetcher}, which they own from now on (closed with them); a
   * fragment larger than {@value #MAX_FRAGMENT_BYTES} bytes is refused.
   */
  public static CaptionLoader overHttp(
      HttpFetcher fetcher, LongSupplier positionUs, Consumer<String> notice) {
    return new CaptionLoader(
        uri -> fetcher.newFetch(uri, MAX_FRAGMENT_BYTES).execute().body(),
        fetcher,
        positionUs,
        notice,
        TimeSource.system());
  }

  /** The text streams of {@code m} that can be shown as captions, in manifest order. */
  public static List<CaptionTrack> tracksOf(Manifest m) {
    return textStreams(m).stream().map(TextStream::track).toList();
  }

  private static List<TextStream> textStreams(Manifest m) {
    List<TextStream> out = new ArrayList<>();
    for (StreamIndex s : m.streams(StreamType.TEXT)) {
      String subtype = s.subtype().toUpperCase(Locale.ROOT);
      if (!CAPTION_SUBTYPES.contains(subtype) || s.urlTemplate() == null) {
        continue;
      }
      QualityLevel level =
          s.qualityLevels().stream()
              .filter(
                  q ->
                      q.fourCc() != null
                          && TTML_FOUR_CCS.contains(q.fourCc().toUpperCase(Locale.ROOT)))
              .findFirst()
              .orElse(null);
      if (level == null) {
        continue;
      }
      String language = s.language() == null ? "" : s.language();
      String id = s.displayName();
      if (out.stream().anyMatch(t -> t.track().id().equals(id))) {
        continue;
      }
      out.add(
          new TextStream(
              new CaptionTrack(id, CaptionTrack.labelOf(id, language, subtype), language, subtype),
              s,
              level,
              m.baseUri()));
    }
    // Two tracks with the same label (same language and kind) are told apart by their names.
    List<TextStream> labelled = new ArrayList<>();
    for (TextStream t : out) {
      long same = out.stream().filter(o -> o.track().label().equals(t.track().label())).count();
      CaptionTrack track = t.track();
      labelled.add(
          same == 1
              ? t
              : new TextStream(
                  new CaptionTrack(
                      track.id(),
                      track.label() + " \u00b7 " + track.id(),
                      track.language(),
                      track.subtype()),
                  t.stream(),
                  t.level(),
                  t.base()));
    }
    return List.copyOf(labelled);
  }

  /**
   * The manifest was loaded or refreshed: its text streams replace the known ones (a live stream's
   * new fragments are added to those already known). Called by the playback loop.
   */
  public void update(Manifest m) {
    List<TextStream> fresh = textStreams(m);
    streams = fresh;
    tracks = fresh.stream().map(TextStream::track).toList();
    applyWantedLanguage();
    if (!fresh.isEmpty()) {
      startThread();
    }
    wake();
  }

  @Override
  public void selectLanguage(String language) {
    synchronized (this) {
      wantedLanguage = language;
    }
    applyWantedLanguage();
    wake();
  }

  private synchronized void applyWantedLanguage() {
    String language = wantedLanguage;
    if (language == null) {
      return;
    }
    List<CaptionTrack> tracks = streams.stream().map(TextStream::track).toList();
    int match =
        language.equalsIgnoreCase(ANY_LANGUAGE) && !tracks.isEmpty()
            ? 0
            : LanguageTags.bestMatch(
                tracks.stream().map(CaptionTrack::language).toList(), language);
    if (match >= 0) {
      selectedId = tracks.get(match).id();
      wantedLanguage = null;
    }
  }

  private synchronized void startThread() {
    if (thread != null || closed || !ownThread) {
      return;
    }
    Thread t = new Thread(this::run, "captions");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public List<CaptionTrack> tracks() {
    return tracks;
  }

  @Override
  public Optional<CaptionTrack> selected() {
    return find(selectedId).map(TextStream::track);
  }

  @Override
  public void select(@Nullable String trackId) {
    synchronized (this) {
      wantedLanguage = null;
      selectedId = trackId;
    }
    wake();
  }

  @Override
  public List<String> linesAt(long positionUs) {
    String id = selectedId;
    if (id == null) {
      return List.of();
    }
    List<Cue> showing = new ArrayList<>();
    Map.Entry<Long, Loaded> at = loaded.floorEntry(positionUs);
    // The fragment before may hold a sample that starts a little before its listed start.
    Map.Entry<Long, Loaded> before = at == null ? null : loaded.lowerEntry(at.getKey());
    for (Map.Entry<Long, Loaded> e : Arrays.asList(before, at)) {
      if (e == null || !e.getValue().trackId().equals(id)) {
        continue;
      }
      for (Cue c : e.getValue().cues()) {
        if (c.startUs() <= positionUs && positionUs < c.endUs()) {
          showing.add(c);
        }
      }
    }
    showing.sort(Comparator.comparingLong(Cue::startUs));
    List<String> lines = new ArrayList<>();
    showing.forEach(c -> lines.addAll(c.lines()));
    return List.copyOf(lines);
  }

  /** Stops the thread, drops the cues and closes the HTTP client it owns; idempotent. */
  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      LockSupport.unpark(t);
    }
    if (fetchOwner != null) {
      try {
        fetchOwner.close();
      } catch (Exception e) {
        LOG.debug("closing the caption fetcher failed", e);
      }
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(CLOSE_WAIT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    loaded.clear();
  }

  private void wake() {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private Optional<TextStream> find(@Nullable String id) {
    if (id == null) {
      return Optional.empty();
    }
    return streams.stream().filter(s -> s.track().id().equals(id)).findFirst();
  }

  // ---------------------------------------------------------------- caption thread

  private void run() {
    while (!closed) {
      try {
        if (!step()) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MS));
        }
      } catch (RuntimeException e) {
        // A bug here must not end captions for the session, nor spin.
        LOG.warn("captions: unexpected failure", e);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MS));
      }
    }
  }

  /**
   * One step: follows the selection and the manifest, drops cues far behind, fetches the next
   * fragment due.
   *
   * @return whether a fragment was fetched (there may be more to do at once)
   */
  boolean step() {
    TextStream stream = find(selectedId).orElse(null);
    if (stream == null) {
      if (currentId != null) {
        reset(null);
      }
      return false;
    }
    if (!stream.track().id().equals(currentId)) {
      reset(stream.track().id());
    }
    long pos = positionUs.getAsLong();
    if (!known.isEmpty() && pos < known.firstKey()) {
      // A seek back past the fragments kept: learn them again from the manifest.
      merged = null;
    }
    if (merged != stream.stream()) {
      merge(stream.stream().timeline());
      merged = stream.stream();
    }
    loaded.headMap(pos - KEEP_BEHIND_US).clear();
    loaded.tailMap(pos + KEEP_AHEAD_US).clear();
    known.headMap(pos - KEEP_BEHIND_US).clear();
    Chunk next = nextDue(pos);
    if (next == null) {
      return false;
    }
    load(stream, next);
    return true;
  }

  private void reset(@Nullable String id) {
    currentId = id;
    merged = null;
    known.clear();
    failures.clear();
    loaded.clear();
    failureReported = false;
  }

  private void merge(ChunkTimeline timeline) {
    for (int i = 0; i < timeline.chunkCount(); i++) {
      Chunk c = timeline.chunk(i);
      Chunk had = known.get(c.startUs());
      if (had == null || !had.durationKnown() && c.durationKnown()) {
        known.put(c.startUs(), c);
      }
    }
  }

  private @Nullable Chunk nextDue(long pos) {
    Long from = known.floorKey(pos);
    long nowNs = time.nanoTime();
    for (Chunk c : known.tailMap(from == null ? pos : from, true).values()) {
      if (c.startUs() >= pos + AHEAD_US) {
        break;
      }
      if (c.durationKnown() && c.endUs() <= pos || loaded.containsKey(c.startUs())) {
        continue;
      }
      Failure f = failures.get(c.startUs());
      if (f != null && (f.attempts() >= MAX_ATTEMPTS || nowNs - f.retryAtNs() < 0)) {
        continue;
      }
      return c;
    }
    return null;
  }

  private void load(TextStream stream, Chunk chunk) {
    String template = Objects.requireNonNull(stream.stream().urlTemplate());
    URI uri = UrlTemplate.resolve(stream.base(), template, stream.level(), chunk.startTicks());
    byte[] body;
    try {
      body = fetch.get(uri);
    } catch (FetchException e) {
      Failure was = failures.get(chunk.startUs());
      int attempts = (was == null ? 0 : was.attempts()) + 1;
      boolean refused = e.status() >= 400 && e.status() < 500 && e.status() != 429;
      if (refused) {
        attempts = MAX_ATTEMPTS;
      }
      failures.put(
          chunk.startUs(),
          new Failure(
              attempts,
              time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_WAIT_MS * attempts),
              refused));
      if (attempts >= MAX_ATTEMPTS) {
        report(stream, chunk, e.describe("caption fragment", uri.toString()));
      }
      return;
    }
    List<Cue> cues;
    long endUs;
    try {
      Fragment f =
          FragmentParser.parse(
              ByteBuffer.wrap(body),
              new FragmentContext(
                  TrackType.TEXT, stream.stream().timeline().timeScale(), chunk.startTicks()));
      cues = new ArrayList<>();
      endUs = chunk.durationKnown() ? chunk.endUs() : chunk.startUs();
      for (EncodedSample s : f.samples()) {
        long startUs = s.presentationTimeUs();
        long sampleEndUs =
            s.durationUs() > 0 ? startUs + s.durationUs() : Math.max(endUs, startUs + 1);
        cues.addAll(cuesOf(bytes(s.data()), startUs, sampleEndUs));
        endUs = Math.max(endUs, sampleEndUs);
      }
      cues.sort(Comparator.comparingLong(Cue::startUs));
    } catch (FragmentParseException | ProtectedContentException | TtmlException e) {
      failures.put(chunk.startUs(), new Failure(MAX_ATTEMPTS, 0, true));
      report(stream, chunk, "cannot read it: " + e.getMessage());
      return;
    }
    failures.remove(chunk.startUs());
    // The origin answers again: fragments given up during its outage are tried again.
    failures.values().removeIf(Failure::givenUpTransiently);
    loaded.put(chunk.startUs(), new Loaded(stream.track().id(), chunk.startUs(), endUs, cues));
  }

  /**
   * The cues of one TTML document carried by a sample over {@code [startUs, endUs)} on the track
   * timeline: relative to the sample's start unless its times only fit the track timeline.
   */
  static List<Cue> cuesOf(byte[] document, long startUs, long endUs) throws TtmlException {
    List<Cue> raw = TtmlParser.parse(document, 0, Long.MIN_VALUE, Long.MAX_VALUE);
    long durationUs = endUs - startUs;
    boolean relativeFits = raw.stream().allMatch(c -> c.endUs() > 0 && c.startUs() < durationUs);
    boolean absoluteFits = raw.stream().allMatch(c -> c.endUs() > startUs && c.startUs() < endUs);
    long offsetUs = !relativeFits && absoluteFits ? 0 : startUs;
    return TtmlParser.parse(document, offsetUs, startUs, endUs);
  }

  private static byte[] bytes(ByteBuffer data) {
    ByteBuffer b = data.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private void report(TextStream stream, Chunk chunk, String why) {
    String message =
        "captions ("
            + stream.track().label()
            + "): the fragment at "
            + clock(chunk.startUs())
            + " is skipped: "
            + why;
    LOG.info("{}", message);
    if (!failureReported) {
      failureReported = true;
      notice.accept(message);
    }
  }

  private static String clock(long us) {
    long s = Math.max(0, us / 1_000_000);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
