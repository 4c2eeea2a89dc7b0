package org.smoothplayer.decoder.fragment;

/**
 * The Smooth Streaming TfxdBox (uuid 6d1d9b05-42d5-44e6-80e2-141daff757b2): the fragment's absolute
 * start time and duration, in the stream's timescale.
 *
 * @param absoluteTimeTicks start time of the fragment
 * @param durationTicks duration of the fragment
 */
public record TfxdInfo(long absoluteTimeTicks, long durationTicks) {}
