package org.smoothplayer.app.engine;

import java.util.Locale;

/**
 * The user's quality choice: automatic, one forced level, or automatic under a bitrate ceiling.
 *
 * @param kind which choice
 * @param level the forced level index (for {@link Kind#LEVEL}), else -1
 * @param maxBitrateBps the ceiling (for {@link Kind#MAX_BITRATE}), else 0
 */
public record QualityChoice(Kind kind, int level, long maxBitrateBps) {

  /** The kinds of choice. */
  public enum Kind {
    /** The heuristics choose every level. */
    AUTO,
    /** One level, always. */
    LEVEL,
    /** The heuristics choose among levels at or under a bitrate. */
    MAX_BITRATE
  }

  /** Values at or above this are read as a bitrate in bits per second, below as a level index. */
  public static final long MIN_BITRATE_BPS = 1000;

  /** Checks the fields agree with the kind. */
  public QualityChoice {
    switch (kind) {
      case AUTO -> {
        if (level != -1 || maxBitrateBps != 0) {
          throw new IllegalArgumentException("auto: expected level -1 and no bitrate");
        }
      }
      case LEVEL -> {
        if (level < 0 || maxBitrateBps != 0) {
          throw new IllegalArgumentException("level: expected a level >= 0 but was " + level);
        }
      }
      case MAX_BITRATE -> {
        if (level != -1 || maxBitrateBps <= 0) {
          throw new IllegalArgumentException(
              "max bitrate: expected a bitrate > 0 but was " + maxBitrateBps);
        }
      }
    }
  }

  /** Automatic. */
  public static QualityChoice auto() {
    return new QualityChoice(Kind.AUTO, -1, 0);
  }

  /** Always level {@code index}. */
  public static QualityChoice level(int index) {
    return new QualityChoice(Kind.LEVEL, index, 0);
  }

  /** Automatic under {@code bitrateBps}. */
  public static QualityChoice maxBitrate(long bitrateBps) {
    return new QualityChoice(Kind.MAX_BITRATE, -1, bitrateBps);
  }

  /**
   * Parses the command line's {@code auto|INDEX|MAXBPS}: {@code auto}, a level index (below {@value
   * #MIN_BITRATE_BPS}) or a bitrate in bits per second.
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static QualityChoice parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("auto")) {
      return auto();
    }
    long value;
    try {
      value = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "quality: expected 'auto', a level index or a maximum bitrate in bps but was '"
              + text
              + "'");
    }
    if (value < 0) {
      throw new IllegalArgumentException("quality: expected a value >= 0 but was " + value);
    }
    return value < MIN_BITRATE_BPS ? level((int) value) : maxBitrate(value);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case AUTO -> "auto";
      case LEVEL -> "level " + level;
      case MAX_BITRATE -> "max " + maxBitrateBps + " bps";
    };
  }
}
