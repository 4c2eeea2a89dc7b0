package org.smoothplayer.app.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestLoader;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.session.SessionEvent;

/**
 * The manifest refreshes of a live session: loads the manifest again, one load at a time, on the
 * "manifest-refresh" thread, and hands a loaded manifest to the playback loop; remembers whether
 * the manifest answers (the last refresh failed, or one is in flight for long) and when the next
 * fallback refresh is due (a refresh interval after the last request).
 *
 * <p>A failed refresh is recorded as a {@code fragment_failed} event of the stream {@code manifest}
 * with the action {@code retry}; playback goes on with what is known.
 *
 * <p>Threads: everything here runs on the engine's "playback-loop" thread, except the download,
 * which runs on the "manifest-refresh" executor and posts its result back to the loop with {@link
 * LiveFollower.Host#post}; that thread touches none of the mutable state below.
 */
final class LiveManifestRefresh implements AutoCloseable {

  // ---- set once (playback loop thread) ----
  private final LiveFollower.Host host;
  private final SessionClock clock;
  private final String manifestUrl;

  /** Receives every manifest loaded, on the playback loop. */
  private final Consumer<Manifest> onLoaded;

  /** Receives the reason of every refresh the origin did not answer, on the playback loop. */
  private final Consumer<String> onNoAnswer;

  /** Loads refreshed manifests; the task only loads and posts the result to the loop. */
  private final ExecutorService refresher;

  // ---- playback loop thread only ----
  private boolean refreshInFlight;

  /** The last manifest refresh failed (until one succeeds): the manifest cannot answer. */
  private boolean lastRefreshFailed;

  private long nextRefreshNs;
  private long lastRefreshStartNs;

  /**
   * Refreshes of the manifest at {@code manifestUrl}, each loaded one handed to {@code onLoaded},
   * the reason of each the origin did not answer ({@link OriginReachability#isNoAnswer}) to {@code
   * onNoAnswer}; the first fallback refresh is due a refresh interval after {@code nowNs}.
   */
  LiveManifestRefresh(
      LiveFollower.Host host,
      SessionClock clock,
      String manifestUrl,
      Consumer<Manifest> onLoaded,
      Consumer<String> onNoAnswer,
      long nowNs) {
    this.host = host;
    this.clock = clock;
    this.manifestUrl = manifestUrl;
    this.onLoaded = onLoaded;
    this.onNoAnswer = onNoAnswer;
    this.nextRefreshNs = nowNs + refreshIntervalNs();
    this.refresher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread th = new Thread(r, "manifest-refresh");
              th.setDaemon(true);
              return th;
            });
  }

  private long refreshIntervalNs() {
    return (long) (host.settings().liveRefreshIntervalS() * 1e9);
  }

  /**
   * Loads the manifest again on the refresh thread (unless a load is in flight) and posts the
   * result to the loop; the next fallback refresh is due a refresh interval from {@code nowNs}.
   */
  void request(long nowNs) {
    if (refreshInFlight) {
      return;
    }
    refreshInFlight = true;
    lastRefreshStartNs = nowNs;
    nextRefreshNs = nowNs + refreshIntervalNs();
    HttpFetcher f = host.fetcher();
    String url = manifestUrl;
    refresher.execute(
        () -> {
          // manifest-refresh thread: loads and posts; the mutable state stays on the loop.
          try {
            Manifest m = new ManifestLoader(f, new ManifestParser()).load(url);
            host.post(() -> loaded(m));
          } catch (FetchException e) {
            boolean noAnswer = OriginReachability.isNoAnswer(e);
            host.post(
                () -> {
                  failed(e.getMessage());
                  if (noAnswer) {
                    onNoAnswer.accept(e.getMessage());
                  }
                });
          } catch (ManifestException e) {
            host.post(() -> failed(e.getMessage()));
          } catch (RuntimeException e) {
            host.post(() -> failed(e.toString()));
          }
        });
  }

  private void loaded(Manifest m) {
    refreshInFlight = false;
    onLoaded.accept(m);
  }

  /** The refresh failed ({@code reason}, also for a loaded manifest unfit to use): recorded. */
  void failed(String reason) {
    refreshInFlight = false;
    lastRefreshFailed = true;
    // Playback goes on with what is known; the next refresh comes at the fallback period.
    host.emit(new SessionEvent.FragmentFailed(clock.nowMs(), "manifest", -1, -1, reason, "retry"));
  }

  /** A loaded manifest was used: the manifest answers again. */
  void answered() {
    lastRefreshFailed = false;
  }

  /**
   * The manifest cannot answer at {@code nowNs}: its last refresh failed, or the one in flight
   * started at least {@code fragmentDurationUs} ago.
   */
  boolean silent(long nowNs, long fragmentDurationUs) {
    return lastRefreshFailed
        || refreshInFlight && nowNs - lastRefreshStartNs >= fragmentDurationUs * 1000L;
  }

  /** A refresh is loading. */
  boolean inFlight() {
    return refreshInFlight;
  }

  /** When the last refresh was requested (0 before the first). */
  long lastStartNs() {
    return lastRefreshStartNs;
  }

  /** The fallback refresh is due at {@code nowNs} (a refresh interval passed without a request). */
  boolean fallbackDue(long nowNs) {
    return nowNs >= nextRefreshNs;
  }

  /**
   * Stops the refresh thread; a refresh in flight is interrupted. Called once, at the session end.
   */
  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
