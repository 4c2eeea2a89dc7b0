package org.smoothplayer.app.playback;

import org.smoothplayer.decoder.video.VideoFrame;

/**
 * A frame picked for display. The receiver draws it and then closes {@link #frame()} so its buffer
 * returns to the pool.
 *
 * @param frame the decoded frame
 * @param level the quality level (index in the video ladder) the frame was decoded from
 * @param driftUs clock position minus the frame's presentation time at the moment it was picked
 *     (positive: the video is late)
 */
public record ShownFrame(VideoFrame frame, int level, long driftUs) {}
