package org.smoothplayer.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.QualityChoice;
import org.smoothplayer.app.playback.FrameSource;
import org.smoothplayer.app.playback.ShownFrame;
import org.smoothplayer.app.text.CaptionTrack;
import org.smoothplayer.app.text.Captions;
import org.smoothplayer.app.text.Cue;

/**
 * A {@link Player} seam fake: records every command as text, publishes the snapshot the test sets,
 * and hands out the frames the test queues.
 *
 * <p>Thread ownership: commands come from the FX thread, the test thread reads them; the command
 * list is guarded by {@code this}, the snapshot is volatile, the frame queue is concurrent.
 */
final class FakePlayer implements Player {

  private final List<String> commands = new ArrayList<>();
  private volatile PlayerSnapshot snapshot;
  private final ConcurrentLinkedQueue<ShownFrame> due = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;
  private final FakeCaptions captions = new FakeCaptions();

  FakePlayer(PlayerSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** Publishes {@code next} as the latest snapshot. */
  void publish(PlayerSnapshot next) {
    snapshot = next;
  }

  /** Queues a frame for the next {@link FrameSource#pickDue()}. */
  void queue(ShownFrame frame) {
    due.add(frame);
  }

  /** The commands so far, in order ("play", "seek 5000000", "quality level 1", ...). */
  synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  /** The last command, "" when none. */
  synchronized String lastCommand() {
    return commands.isEmpty() ? "" : commands.get(commands.size() - 1);
  }

  boolean closed() {
    return closed;
  }

  /** The captions the test sets up (tracks and cues); a selection is recorded as a command. */
  FakeCaptions fakeCaptions() {
    return captions;
  }

  @Override
  public Captions captions() {
    return captions;
  }

  /**
   * Caption tracks and cues the test sets; {@link #select} records {@code captions ID} or {@code
   * captions off}. Tracks and cues are set by the test thread and read by the FX thread.
   */
  final class FakeCaptions implements Captions {
    private volatile List<CaptionTrack> tracks = List.of();
    private volatile @Nullable String selectedId;
    private final List<Cue> cues = new CopyOnWriteArrayList<>();

    void setTracks(List<CaptionTrack> next) {
      tracks = List.copyOf(next);
    }

    void addCue(Cue cue) {
      cues.add(cue);
    }

    @Override
    public List<CaptionTrack> tracks() {
      return tracks;
    }

    @Override
    public Optional<CaptionTrack> selected() {
      String id = selectedId;
      return tracks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public void select(@Nullable String trackId) {
      selectedId = trackId;
      record("captions " + (trackId == null ? "off" : trackId));
    }

    @Override
    public void selectLanguage(String language) {
      record("captions language " + language);
    }

    @Override
    public List<String> linesAt(long positionUs) {
      if (selected().isEmpty()) {
        return List.of();
      }
      List<String> lines = new ArrayList<>();
      for (Cue c : cues) {
        if (c.startUs() <= positionUs && positionUs < c.endUs()) {
          lines.addAll(c.lines());
        }
      }
      return lines;
    }
  }

  private synchronized void record(String command) {
    commands.add(command);
  }

  @Override
  public void play() {
    record("play");
  }

  @Override
  public void pause() {
    record("pause");
  }

  @Override
  public void seek(long positionUs) {
    record("seek " + positionUs);
  }

  @Override
  public void seekToLive() {
    record("live");
  }

  @Override
  public void setQuality(QualityChoice choice) {
    record("quality " + choice);
  }

  @Override
  public void setAudioLanguage(String language) {
    record("audio " + language);
  }

  @Override
  public void setViewport(int widthPx, int heightPx) {
    record("viewport " + widthPx + "x" + heightPx);
  }

  @Override
  public void setConfig(PlayerConfig config) {
    record("config");
  }

  @Override
  public void setVolume(double gain) {
    record("volume " + gain);
  }

  @Override
  public void setMuted(boolean muted) {
    record("muted " + muted);
  }

  @Override
  public PlayerSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public FrameSource frames() {
    return due::poll;
  }

  @Override
  public void close() {
    closed = true;
    record("close");
  }
}
