package org.smoothplayer.decoder.audio;

/**
 * Counters of an audio decoder.
 *
 * @param samplesDecoded samples handed to FFmpeg
 * @param framesOut 48 kHz sample frames handed to the sink
 * @param chunksOut chunks handed to the sink
 * @param errors error events reported
 */
public record AudioDecoderStats(long samplesDecoded, long framesOut, long chunksOut, long errors) {}
