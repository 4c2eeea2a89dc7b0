package org.smoothplayer.app.engine;

/**
 * One fragment of a {@link TrackTimeline}.
 *
 * @param index position in the timeline
 * @param startTicks start in the stream's time scale (the URL's start time)
 * @param durationTicks duration in ticks, 0 when not known yet
 * @param startUs start in microseconds
 * @param endUs end in microseconds (estimated when the duration is unknown)
 */
record FragmentRef(int index, long startTicks, long durationTicks, long startUs, long endUs) {}
