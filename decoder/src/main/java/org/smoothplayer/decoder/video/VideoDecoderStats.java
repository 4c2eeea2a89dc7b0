package org.smoothplayer.decoder.video;

/**
 * Counters of a video decoder.
 *
 * @param samplesDecoded samples handed to FFmpeg
 * @param samplesSkipped samples dropped while waiting for a key frame
 * @param framesOut frames handed to the sink
 * @param errors error events reported
 * @param reconfigurations decoder contexts opened (the first configuration included)
 * @param pixelBuffersAllocated frame-sized buffers the pool has allocated so far
 */
public record VideoDecoderStats(
    long samplesDecoded,
    long samplesSkipped,
    long framesOut,
    long errors,
    long reconfigurations,
    long pixelBuffersAllocated) {}
