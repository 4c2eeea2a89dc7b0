package org.smoothplayer.decoder.fragment;

/**
 * One look-ahead entry of the Smooth Streaming TfrfBox (uuid d4807ef2-ca39-4695-8e54-26cb9e46a79f):
 * a fragment that follows this one in a live presentation.
 *
 * @param absoluteTimeTicks start time of the announced fragment
 * @param durationTicks duration of the announced fragment
 */
public record TfrfEntry(long absoluteTimeTicks, long durationTicks) {}
