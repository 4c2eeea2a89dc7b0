package org.smoothplayer.app.tools;

import java.nio.file.Path;

/**
 * One frame written as PNG.
 *
 * @param level the level it was decoded from
 * @param png the file written
 * @param presentationTimeUs the frame's presentation time, from the start of the video's timeline
 * @param widthPx the picture width
 * @param heightPx the picture height
 */
public record Snapshot(
    VideoLevel level, Path png, long presentationTimeUs, int widthPx, int heightPx) {}
