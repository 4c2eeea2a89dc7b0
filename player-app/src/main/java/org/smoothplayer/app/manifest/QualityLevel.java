package org.smoothplayer.app.manifest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code QualityLevel}: one encoding (track) of a stream.
 *
 * <p>Numeric attributes the manifest leaves out are 0 (except {@link #nalUnitLengthField()}, whose
 * [MS-SSTR] default is 4).
 *
 * @param index the Index attribute, or the level's position in its stream when absent
 * @param bitrateBps the Bitrate attribute (0 only for text levels that omit it)
 * @param fourCc the FourCC (falling back to the StreamIndex's non-standard FourCC), or null when
 *     neither is given (allowed for audio and text)
 * @param codecPrivateDataHex CodecPrivateData with all white space removed (may be empty; not
 *     validated as hex here)
 * @param maxWidthPx MaxWidth (or the legacy Width), 0 when absent
 * @param maxHeightPx MaxHeight (or the legacy Height), 0 when absent
 * @param samplingRateHz SamplingRate, 0 when absent
 * @param channels Channels, 0 when absent
 * @param bitsPerSample BitsPerSample, 0 when absent
 * @param packetSizeBytes PacketSize, 0 when absent
 * @param audioTag AudioTag, 0 when absent
 * @param nalUnitLengthField NALUnitLengthField, 4 when absent
 * @param customAttributes the CustomAttributes children, in document order
 * @param line the line of the element in the manifest (for messages)
 */
public record QualityLevel(
    int index,
    long bitrateBps,
    @Nullable String fourCc,
    String codecPrivateDataHex,
    int maxWidthPx,
    int maxHeightPx,
    int samplingRateHz,
    int channels,
    int bitsPerSample,
    int packetSizeBytes,
    int audioTag,
    int nalUnitLengthField,
    List<CustomAttribute> customAttributes,
    int line) {

  /** The [MS-SSTR] default of NALUnitLengthField. */
  public static final int DEFAULT_NAL_UNIT_LENGTH_FIELD = 4;

  public QualityLevel {
    customAttributes = List.copyOf(customAttributes);
  }

  /**
   * The value of the {@code {CustomAttributes}} URL placeholder: {@code name=value} pairs joined
   * with {@code ,}.
   */
  public String customAttributesPlaceholder() {
    StringBuilder sb = new StringBuilder();
    for (CustomAttribute a : customAttributes) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(a.name()).append('=').append(a.value());
    }
    return sb.toString();
  }
}
