package org.smoothplayer.app.net;

/** Receives the outcome of {@link Fetch#enqueue}; called once, on an OkHttp dispatcher thread. */
public interface FetchCallback {
  /** The transfer completed. */
  void onSuccess(FetchResult result);

  /** The transfer failed or was cancelled. */
  void onFailure(FetchException failure);
}
