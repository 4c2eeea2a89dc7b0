package org.smoothplayer.app.engine;

import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.manifest.Chunk;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.net.Fetch;

/**
 * Where one stream's fetching stands: the next fragment to fetch, the end of what was fetched ahead
 * of the position, and the request in flight. Confined to the playback loop thread.
 */
final class TrackCursor {
  /** Fallback duration of a fragment whose duration the manifest leaves unknown. */
  static final long UNKNOWN_DURATION_FALLBACK_US = 2_000_000;

  final String name;
  TrackLevels levels;

  /** Bumped by every seek or track switch; results of older generations are ignored. */
  long generation;

  int nextChunk;
  long bufferedEndUs;
  boolean done;

  @Nullable Fetch inFlight;
  int inFlightLevel = -1;
  int attempts;
  long retryAtNs;

  TrackCursor(String name, TrackLevels levels) {
    this.name = name;
    this.levels = levels;
  }

  ChunkTimeline timeline() {
    return levels.stream().timeline();
  }

  int chunkCount() {
    return timeline().chunkCount();
  }

  /** End of {@code chunk}, estimating a duration the manifest leaves unknown. */
  long endUs(Chunk chunk) {
    if (chunk.durationKnown() && chunk.durationUs() > 0) {
      return chunk.endUs();
    }
    if (chunk.index() > 0) {
      return chunk.startUs() + Math.max(1, timeline().chunk(chunk.index() - 1).durationUs());
    }
    return chunk.startUs() + UNKNOWN_DURATION_FALLBACK_US;
  }

  /** Cancels the request in flight, if any. */
  void cancel() {
    if (inFlight != null) {
      inFlight.cancel();
      inFlight = null;
    }
    inFlightLevel = -1;
  }

  /** Restarts fetching at the fragment holding {@code positionUs}. */
  void restartAt(long positionUs, long newGeneration) {
    cancel();
    generation = newGeneration;
    int index = Math.max(0, timeline().indexOf(positionUs));
    nextChunk = index;
    done = index >= chunkCount();
    bufferedEndUs = done ? positionUs : Math.min(positionUs, timeline().chunk(index).startUs());
    attempts = 0;
    retryAtNs = 0;
  }
}
