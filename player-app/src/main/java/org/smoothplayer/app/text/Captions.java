package org.smoothplayer.app.text;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The captions of a playback session: which text streams there are, which one is shown, and the
 * lines showing at a time. Every method may be called from any thread and returns at once.
 */
public interface Captions {

  /** The text streams that can be shown, in manifest order; empty until the manifest is loaded. */
  List<CaptionTrack> tracks();

  /** The track shown, empty when captions are off. */
  Optional<CaptionTrack> selected();

  /**
   * Shows the track with this {@link CaptionTrack#id()}, or turns captions off with null. An id
   * that the manifest does not (yet) list is kept and applies once a manifest lists it.
   */
  void select(@Nullable String trackId);

  /**
   * Shows the first track in {@code language} (compared with the manifest's Language attribute,
   * case ignored; {@value #ANY_LANGUAGE} for the first track of any), now or once a manifest lists
   * one; a {@link #select} before that wins.
   */
  void selectLanguage(String language);

  /** The language that {@link #selectLanguage} takes for "the first track, whatever language". */
  String ANY_LANGUAGE = "on";

  /** The lines showing at {@code positionUs}, top to bottom; empty when none (or off). */
  List<String> linesAt(long positionUs);

  /** Captions of a session without text streams. */
  static Captions none() {
    return None.INSTANCE;
  }

  /** No tracks, nothing shown. */
  enum None implements Captions {
    INSTANCE;

    @Override
    public List<CaptionTrack> tracks() {
      return List.of();
    }

    @Override
    public Optional<CaptionTrack> selected() {
      return Optional.empty();
    }

    @Override
    public void select(@Nullable String trackId) {}

    @Override
    public void selectLanguage(String language) {}

    @Override
    public List<String> linesAt(long positionUs) {
      return List.of();
    }
  }
}
