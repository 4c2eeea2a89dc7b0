package org.smoothplayer.app.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The soak's plan in time (pure): VOD and live phases, and the actions on the open session. */
final class SoakSchedule {

  /** A quality switch every this many ms of the soak: odd ones force a level, even ones auto. */
  static final long SWITCH_EVERY_MS = 20_000;

  /** First VOD seek this long into a VOD phase, then every {@link #VOD_SEEK_EVERY_MS}. */
  static final long VOD_SEEK_FIRST_MS = 10_000;

  static final long VOD_SEEK_EVERY_MS = 25_000;

  /** DVR seek back this long into a live phase, then every {@link #DVR_EVERY_MS}. */
  static final long DVR_BACK_FIRST_MS = 12_000;

  /** Back to the live edge this long into a live phase, then every {@link #DVR_EVERY_MS}. */
  static final long BACK_TO_LIVE_FIRST_MS = 24_000;

  static final long DVR_EVERY_MS = 30_000;

  /** How far behind the live edge a DVR seek goes. */
  static final long DVR_BACK_US = 15_000_000;

  /** The two kinds of session and phase. */
  enum Kind {
    VOD,
    LIVE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The phase at {@code elapsedMs} into the soak: VOD first, then live, alternating. */
  static Kind phaseAt(long elapsedMs, long phaseMs) {
    return (elapsedMs / phaseMs) % 2 == 0 ? Kind.VOD : Kind.LIVE;
  }

  /** What the soak does to the open session. */
  enum ActionType {
    /** Force one level ({@link Action#level()}). */
    FORCE_LEVEL,
    /** Back to automatic quality. */
    AUTO,
    /** VOD: seek to {@link Action#us()}. */
    VOD_SEEK,
    /** Live: seek {@link Action#us()} behind the live edge. */
    DVR_BACK,
    /** Live: back to the live edge. */
    BACK_TO_LIVE
  }

  /**
   * One scheduled action.
   *
   * @param atMs when, in ms since the soak started
   * @param type what
   * @param level the forced level (FORCE_LEVEL), else -1
   * @param us the seek target (VOD_SEEK) or the distance behind the edge (DVR_BACK), else 0
   */
  record Action(long atMs, ActionType type, int level, long us) {

    /** One line: {@code 20.0 s force level 0}, {@code 34.0 s vod seek to 9.600 s}, ... */
    String describe() {
      String when = String.format(Locale.ROOT, "%.1f s ", atMs / 1000.0);
      return when
          + switch (type) {
            case FORCE_LEVEL -> "force level " + level;
            case AUTO -> "auto quality";
            case VOD_SEEK -> String.format(Locale.ROOT, "vod seek to %.3f s", us / 1e6);
            case DVR_BACK ->
                String.format(Locale.ROOT, "dvr seek %.0f s behind the edge", us / 1e6);
            case BACK_TO_LIVE -> "back to live";
          };
    }
  }

  /**
   * Every action of a soak, in time order: quality switches every {@link #SWITCH_EVERY_MS} (odd
   * switches force level 0, 1, ... in turn, even ones return to auto); in each VOD phase a seek
   * {@link #VOD_SEEK_FIRST_MS} in and every {@link #VOD_SEEK_EVERY_MS} after, to 10..80 % of the
   * media; in each live phase a DVR seek {@link #DVR_BACK_US} behind the edge {@link
   * #DVR_BACK_FIRST_MS} in and a return to the edge {@link #BACK_TO_LIVE_FIRST_MS} in, repeating
   * every {@link #DVR_EVERY_MS}. Actions at the same time keep that order: quality first.
   */
  static List<Action> schedule(long durationMs, long phaseMs, int levelCount, long vodDurationUs) {
    if (durationMs <= 0 || phaseMs <= 0 || levelCount < 1 || vodDurationUs <= 0) {
      throw new IllegalArgumentException(
          "schedule: expected positive duration, phase, level count and media duration, got "
              + durationMs
              + " ms, "
              + phaseMs
              + " ms, "
              + levelCount
              + ", "
              + vodDurationUs
              + " us");
    }
    List<Action> actions = new ArrayList<>();
    for (long k = 1; k * SWITCH_EVERY_MS < durationMs; k++) {
      long at = k * SWITCH_EVERY_MS;
      if (k % 2 == 1) {
        actions.add(new Action(at, ActionType.FORCE_LEVEL, (int) ((k - 1) / 2 % levelCount), 0));
      } else {
        actions.add(new Action(at, ActionType.AUTO, -1, 0));
      }
    }
    for (long p = 0; p * phaseMs < durationMs; p++) {
      long start = p * phaseMs;
      long end = Math.min(durationMs, start + phaseMs);
      if (phaseAt(start, phaseMs) == Kind.VOD) {
        int j = 0;
        for (long at = start + VOD_SEEK_FIRST_MS; at < end; at += VOD_SEEK_EVERY_MS, j++) {
          long tenths = (p * 3 + j * 5L) % 8 + 1;
          long target = vodDurationUs / 10 * tenths / 1000 * 1000;
          actions.add(new Action(at, ActionType.VOD_SEEK, -1, target));
        }
      } else {
        for (long at = start + DVR_BACK_FIRST_MS; at < end; at += DVR_EVERY_MS) {
          actions.add(new Action(at, ActionType.DVR_BACK, -1, DVR_BACK_US));
        }
        for (long at = start + BACK_TO_LIVE_FIRST_MS; at < end; at += DVR_EVERY_MS) {
          actions.add(new Action(at, ActionType.BACK_TO_LIVE, -1, 0));
        }
      }
    }
    actions.sort(Comparator.comparingLong(Action::atMs).thenComparing(Action::type));
    return List.copyOf(actions);
  }

  private SoakSchedule() {}
}
