package org.smoothplayer.app.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * One prepared GET: run it once with {@link #execute()} (blocking) or {@link #enqueue} (async), and
 * {@link #cancel()} it from any thread.
 */
public final class Fetch {
  private static final int READ_CHUNK_BYTES = 64 * 1024;

  private final HttpFetcher owner;
  private final URI uri;
  private final Call call;
  private final AtomicBoolean started = new AtomicBoolean();
  private final long maxBodyBytes;
  // Written by any thread calling cancel(); read by the thread running the transfer.
  private volatile boolean cancelled;
  // Written by the thread running the transfer; read by any thread watching its progress.
  private volatile long bytesReceived;
  private volatile long firstByteAtNs;
  private volatile long startedAtNs;

  Fetch(HttpFetcher owner, URI uri, Call call, long maxBodyBytes) {
    this.owner = owner;
    this.uri = uri;
    this.call = call;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Body bytes received so far (for progress and abandon decisions); any thread. */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** When the response headers arrived (fetcher time), 0 before; any thread. */
  public long firstByteAtNs() {
    return firstByteAtNs;
  }

  /** When the transfer started (fetcher time), 0 before; any thread. */
  public long startedAtNs() {
    return startedAtNs;
  }

  /** The URL asked for. */
  public URI uri() {
    return uri;
  }

  /**
   * Runs the transfer on the calling thread.
   *
   * @throws FetchException when no 2xx body within the limits arrives
   * @throws IllegalStateException when this fetch was already started
   */
  public FetchResult execute() throws FetchException {
    markStarted();
    long startNs = owner.time().nanoTime();
    startedAtNs = startNs;
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw translate(e);
    }
    return complete(response, startNs);
  }

  /**
   * Runs the transfer on OkHttp's dispatcher; {@code callback} gets exactly one outcome.
   *
   * @throws IllegalStateException when this fetch was already started
   */
  public void enqueue(FetchCallback callback) {
    markStarted();
    long startNs = owner.time().nanoTime();
    startedAtNs = startNs;
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            callback.onFailure(translate(e));
          }

          @Override
          public void onResponse(Call c, Response response) {
            FetchResult result;
            try {
              result = complete(response, startNs);
            } catch (FetchException e) {
              callback.onFailure(e);
              return;
            }
            callback.onSuccess(result);
          }
        });
  }

  /** Cancels the transfer (before or while it runs); it then fails with {@code CANCELLED}. */
  public void cancel() {
    cancelled = true;
    call.cancel();
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  private void markStarted() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a Fetch runs once; create another with newFetch");
    }
  }

  private FetchResult complete(Response response, long startNs) throws FetchException {
    try (response) {
      long firstByteNs = owner.time().nanoTime();
      firstByteAtNs = firstByteNs;
      URI finalUri = response.request().url().uri();
      int status = response.code();
      if (status < 200 || status > 299) {
        String location = response.header("Location");
        String detail =
            location != null && status >= 300 && status < 400
                ? "HTTP "
                    + status
                    + " redirect to \""
                    + location
                    + "\" not followed; only http and https redirects are followed"
                : "HTTP " + status + " " + response.message() + "; expected a 2xx status";
        throw new FetchException(
            FetchException.Kind.HTTP_STATUS,
            finalUri,
            status,
            detail,
            null,
            retryAfterMs(response.header("Retry-After")));
      }
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : readCapped(body, finalUri, status);
      long endNs = owner.time().nanoTime();
      HttpFetcher.RedirectCount count = call.request().tag(HttpFetcher.RedirectCount.class);
      return new FetchResult(
          uri,
          finalUri,
          status,
          response.header("Content-Type"),
          bytes,
          count == null ? 0 : count.value,
          startNs,
          firstByteNs,
          endNs);
    } catch (IOException e) {
      throw translate(e);
    }
  }

  private byte[] readCapped(ResponseBody body, URI finalUri, int status)
      throws IOException, FetchException {
    long cap = Math.min(owner.config().maxBodyBytes(), maxBodyBytes);
    long declared = body.contentLength();
    if (declared > cap) {
      throw new FetchException(
          FetchException.Kind.BODY_TOO_LARGE,
          finalUri,
          status,
          "Content-Length " + declared + " exceeds the cap of " + cap + " bytes; body not read",
          null);
    }
    byte[] buffer = new byte[(int) (declared >= 0 ? declared : Math.min(cap, 16 * 1024))];
    int size = 0;
    BufferedSource source = body.source();
    while (true) {
      if (size == buffer.length) {
        if (size > cap - 1) {
          // Full at the cap: one more byte means too large.
          if (source.exhausted()) {
            break;
          }
          throw new FetchException(
              FetchException.Kind.BODY_TOO_LARGE,
              finalUri,
              status,
              "body exceeds the cap of " + cap + " bytes; stopped reading",
              null);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(cap, Math.max(1024L, size * 2L)));
      }
      int n = source.read(buffer, size, Math.min(buffer.length - size, READ_CHUNK_BYTES));
      if (n < 0) {
        break;
      }
      size += n;
      bytesReceived = size;
    }
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  /** Retry-After in delta-seconds form, in ms; -1 when absent or an HTTP date (not used here). */
  static long retryAfterMs(@Nullable String header) {
    if (header == null) {
      return -1;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0 ? -1 : Math.min(seconds, 3600) * 1000;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private FetchException translate(IOException e) {
    if (e instanceof HttpFetcher.TooManyRedirectsException) {
      return new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS, uri, 0, e.getMessage(), e);
    }
    if (cancelled) {
      return new FetchException(
          FetchException.Kind.CANCELLED, uri, 0, "cancelled by the caller", e);
    }
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return new FetchException(
          FetchException.Kind.TIMEOUT, uri, 0, "timed out (" + e.getMessage() + ")", e);
    }
    return new FetchException(FetchException.Kind.IO, uri, 0, NetworkErrors.describe(e, uri), e);
  }
}
