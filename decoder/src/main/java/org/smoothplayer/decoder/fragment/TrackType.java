package org.smoothplayer.decoder.fragment;

/** The kind of stream a fragment belongs to (the manifest's StreamIndex Type). */
public enum TrackType {
  VIDEO,
  AUDIO,
  TEXT
}
