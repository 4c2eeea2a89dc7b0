package org.smoothplayer.app.manifest;

import java.util.Locale;
import org.smoothplayer.decoder.codec.CodecConfigException;
import org.smoothplayer.decoder.codec.CodecConfigParser;
import org.smoothplayer.decoder.codec.CodecDescriptor;
import org.smoothplayer.decoder.codec.UnsupportedCodecException;

/**
 * Decides, per QualityLevel, whether the decoder can play it, through the decoder's {@link
 * CodecConfigParser}. Text streams are never decoded.
 */
public final class CodecSupport {
  private CodecSupport() {}

  /** The codec descriptor of a level, as the decoder's parser wants it. */
  public static CodecDescriptor descriptor(StreamIndex stream, QualityLevel level) {
    String fourCc = level.fourCc() == null ? "" : level.fourCc();
    return new CodecDescriptor(
        stream.type().keyword(),
        fourCc,
        level.codecPrivateDataHex(),
        level.nalUnitLengthField(),
        level.samplingRateHz(),
        level.channels(),
        level.bitsPerSample(),
        level.packetSizeBytes(),
        level.audioTag());
  }

  /** Evaluates one level. Never throws for bad codec data: the reason says what is wrong. */
  public static LevelSupport evaluate(StreamIndex stream, QualityLevel level) {
    if (stream.type() == StreamType.TEXT) {
      String fourCc = level.fourCc() == null ? "" : level.fourCc().toUpperCase(Locale.ROOT);
      return new LevelSupport(
          null,
          fourCc.equals("TTML") || fourCc.equals("DFXP")
              ? "a text stream, not decoded: the window shows it as captions (Captions menu)"
              : "a text stream with FourCC \""
                  + fourCc
                  + "\": not shown (captions are TTML or DFXP)");
    }
    try {
      return new LevelSupport(CodecConfigParser.parse(descriptor(stream, level)), "");
    } catch (UnsupportedCodecException | CodecConfigException e) {
      return new LevelSupport(null, "QualityLevel at line " + level.line() + ": " + e.getMessage());
    }
  }
}
