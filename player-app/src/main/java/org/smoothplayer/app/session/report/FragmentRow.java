package org.smoothplayer.app.session.report;

/**
 * One fragment that arrived whole, with the decision that chose it (video only).
 *
 * @param tMs when it arrived, milliseconds since the session started
 * @param stream "video" or "audio"
 * @param chunkIndex index of the fragment in its stream
 * @param level its quality level
 * @param bitrateBps declared bitrate of the level
 * @param bytes body size
 * @param ttfbMs time to first byte
 * @param downloadMs whole transfer time
 * @param throughputBps bytes × 8 / download time
 * @param bufferAtDecisionS the buffer the decision for this fragment saw, NaN without a decision
 * @param reason the decision's reason, "" without a decision
 */
public record FragmentRow(
    double tMs,
    String stream,
    int chunkIndex,
    int level,
    long bitrateBps,
    long bytes,
    double ttfbMs,
    double downloadMs,
    double throughputBps,
    double bufferAtDecisionS,
    String reason) {}
