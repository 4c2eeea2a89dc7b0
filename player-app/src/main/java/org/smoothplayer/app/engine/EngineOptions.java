package org.smoothplayer.app.engine;

import java.util.Optional;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.session.SessionSink;

/**
 * How to start a playback session.
 *
 * @param url manifest URL (http or https)
 * @param config the configuration in force at start
 * @param quality the initial quality choice
 * @param audioLanguage preferred audio language (matched by {@link
 *     org.smoothplayer.app.manifest.LanguageTags#bestMatch} on the track's Language attribute or
 *     its name), empty for the first track
 * @param startUs where to start, microseconds
 * @param autoplay true to play as soon as enough is buffered, false to stop on the first frame
 * @param renderHeadless true to show frames on an own render thread instead of a window
 * @param silentAudio true to never open an audio device (the clock follows the system clock)
 * @param sink where the session's events go
 * @param audioOpener how the audio output is opened; {@link AudioOpener#DEVICE} (the default) for
 *     the machine's audio device
 * @param shownUrls how notices and errors name the session's URLs (a presentation on disk: by its
 *     files)
 */
public record EngineOptions(
    String url,
    PlayerConfig config,
    QualityChoice quality,
    Optional<String> audioLanguage,
    long startUs,
    boolean autoplay,
    boolean renderHeadless,
    boolean silentAudio,
    SessionSink sink,
    AudioOpener audioOpener,
    ShownUrls shownUrls) {

  /** Checks the start position. */
  public EngineOptions {
    if (startUs < 0) {
      throw new IllegalArgumentException("start: expected >= 0 but was " + startUs + " us");
    }
  }

  /** Defaults for {@code url}: autoplay, window rendering, the audio device, events discarded. */
  public static EngineOptions of(String url) {
    return new EngineOptions(
        url,
        PlayerConfig.DEFAULTS,
        QualityChoice.auto(),
        Optional.empty(),
        0,
        true,
        false,
        false,
        event -> {},
        AudioOpener.DEVICE,
        ShownUrls.asTheyAre());
  }

  /** A copy for another URL. */
  public EngineOptions withUrl(String newUrl) {
    return new EngineOptions(
        newUrl,
        config,
        quality,
        audioLanguage,
        startUs,
        autoplay,
        renderHeadless,
        silentAudio,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy with another sink. */
  public EngineOptions withSink(SessionSink newSink) {
    return new EngineOptions(
        url,
        config,
        quality,
        audioLanguage,
        startUs,
        autoplay,
        renderHeadless,
        silentAudio,
        newSink,
        audioOpener,
        shownUrls);
  }

  /** A copy that renders on its own thread (no window). */
  public EngineOptions headless() {
    return new EngineOptions(
        url,
        config,
        quality,
        audioLanguage,
        startUs,
        autoplay,
        true,
        silentAudio,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy that never opens an audio device. */
  public EngineOptions silent() {
    return new EngineOptions(
        url,
        config,
        quality,
        audioLanguage,
        startUs,
        autoplay,
        renderHeadless,
        true,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy with another quality choice. */
  public EngineOptions withQuality(QualityChoice q) {
    return new EngineOptions(
        url,
        config,
        q,
        audioLanguage,
        startUs,
        autoplay,
        renderHeadless,
        silentAudio,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy starting at {@code us}. */
  public EngineOptions withStartUs(long us) {
    return new EngineOptions(
        url,
        config,
        quality,
        audioLanguage,
        us,
        autoplay,
        renderHeadless,
        silentAudio,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy with autoplay on or off. */
  public EngineOptions withAutoplay(boolean on) {
    return new EngineOptions(
        url,
        config,
        quality,
        audioLanguage,
        startUs,
        on,
        renderHeadless,
        silentAudio,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy with another configuration. */
  public EngineOptions withConfig(PlayerConfig c) {
    return new EngineOptions(
        url,
        c,
        quality,
        audioLanguage,
        startUs,
        autoplay,
        renderHeadless,
        silentAudio,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy preferring audio in {@code language}. */
  public EngineOptions withAudioLanguage(String language) {
    return new EngineOptions(
        url,
        config,
        quality,
        Optional.of(language),
        startUs,
        autoplay,
        renderHeadless,
        silentAudio,
        sink,
        audioOpener,
        shownUrls);
  }

  /** A copy whose audio output is opened by {@code opener}. */
  public EngineOptions withAudioOpener(AudioOpener opener) {
    return new EngineOptions(
        url,
        config,
        quality,
        audioLanguage,
        startUs,
        autoplay,
        renderHeadless,
        silentAudio,
        sink,
        opener,
        shownUrls);
  }

  /** A copy whose notices and errors name the session's URLs by {@code names}. */
  public EngineOptions withShownUrls(ShownUrls names) {
    return new EngineOptions(
        url,
        config,
        quality,
        audioLanguage,
        startUs,
        autoplay,
        renderHeadless,
        silentAudio,
        sink,
        audioOpener,
        names);
  }
}
