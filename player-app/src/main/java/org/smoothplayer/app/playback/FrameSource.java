package org.smoothplayer.app.playback;

import org.jspecify.annotations.Nullable;

/** Where a renderer (the FX pulse or the headless render thread) takes the frame to show now. */
public interface FrameSource {
  /**
   * The newest frame due by the master clock, or null when no new frame is due. Frames that were
   * due but superseded before being shown are dropped and counted. Called by one render thread
   * only.
   */
  @Nullable ShownFrame pickDue();
}
