package org.smoothplayer.app.net;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A completed transfer: the body and how long each part took.
 *
 * <p>Times come from the fetcher's {@link TimeSource}: {@code requestStartNs} just before the
 * request was sent, {@code firstByteNs} when the final response's headers had arrived, {@code
 * endNs} after the last body byte. The body array is owned by the receiver (not copied, not kept).
 *
 * @param requestedUri the URL asked for
 * @param finalUri the URL that answered, after redirects
 * @param status the HTTP status (2xx)
 * @param contentType the Content-Type header, or null
 * @param body the body bytes
 * @param redirects the number of redirects followed
 * @param requestStartNs time the request started
 * @param firstByteNs time the response started to arrive
 * @param endNs time the body was complete
 */
public record FetchResult(
    URI requestedUri,
    URI finalUri,
    int status,
    @Nullable String contentType,
    byte[] body,
    int redirects,
    long requestStartNs,
    long firstByteNs,
    long endNs) {

  /** Body size in bytes. */
  public int bodyBytes() {
    return body.length;
  }

  /** Time to first byte in nanoseconds. */
  public long timeToFirstByteNs() {
    return firstByteNs - requestStartNs;
  }

  /** Whole transfer time in nanoseconds. */
  public long totalNs() {
    return endNs - requestStartNs;
  }

  @Override
  public String toString() {
    return "FetchResult["
        + status
        + " "
        + finalUri
        + ", "
        + body.length
        + " bytes, "
        + totalNs()
        + " ns]";
  }
}
