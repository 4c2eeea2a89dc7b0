package org.smoothplayer.app.ui;

/** Formats playback times for the time label: "m:ss", or "h:mm:ss" for long presentations. */
final class TimeText {

  /** From this length on, times show hours. */
  static final long HOURS_FROM_US = 3_600_000_000L;

  private TimeText() {}

  /**
   * One time, truncated to whole seconds.
   *
   * @param timeUs the time, microseconds (negative reads as 0)
   * @param withHours true for "h:mm:ss", false for "m:ss" (minutes grow past 59)
   */
  static String format(long timeUs, boolean withHours) {
    long totalSeconds = Math.max(0, timeUs) / 1_000_000;
    long seconds = totalSeconds % 60;
    if (withHours) {
      long minutes = totalSeconds / 60 % 60;
      long hours = totalSeconds / 3600;
      return hours + ":" + twoDigits(minutes) + ":" + twoDigits(seconds);
    }
    return totalSeconds / 60 + ":" + twoDigits(seconds);
  }

  /**
   * "position / duration" in one style for both: hours when either reaches an hour. A live or
   * unknown duration shows as "live" or the position alone.
   */
  static String positionOfDuration(long positionUs, long durationUs, boolean live) {
    boolean withHours = positionUs >= HOURS_FROM_US || durationUs >= HOURS_FROM_US;
    String position = format(positionUs, withHours);
    if (live) {
      return position + " / live";
    }
    if (durationUs <= 0) {
      return position;
    }
    return position + " / " + format(durationUs, withHours);
  }

  /**
   * "-left / duration": the time left to the end of an on-demand presentation, e.g. "-3:50 / 4:00"
   * (hours when the duration has them); the position alone when the duration is unknown.
   */
  static String remainingOfDuration(long positionUs, long durationUs) {
    if (durationUs <= 0) {
      return positionOfDuration(positionUs, durationUs, false);
    }
    boolean withHours = durationUs >= HOURS_FROM_US;
    // Rounded up to the second, so that the left time and the position add up to the duration.
    long leftUs = Math.max(0, durationUs - positionUs);
    long leftRoundedUs = (leftUs + 999_999) / 1_000_000 * 1_000_000;
    return "-" + format(leftRoundedUs, withHours) + " / " + format(durationUs, withHours);
  }

  /** Live: "live" at the edge, else how far behind it, e.g. "-0:23 · live". */
  static String behindLive(long latencyUs, boolean atEdge) {
    if (atEdge || latencyUs < 0) {
      return "live";
    }
    return behind(latencyUs) + " \u00b7 live";
  }

  /** How far behind the live edge, e.g. "-0:23" (hours from an hour on). */
  static String behind(long latencyUs) {
    return "-" + format(latencyUs, latencyUs >= HOURS_FROM_US);
  }

  private static String twoDigits(long value) {
    return value < 10 ? "0" + value : Long.toString(value);
  }
}
