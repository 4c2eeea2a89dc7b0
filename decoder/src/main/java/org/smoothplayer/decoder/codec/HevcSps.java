package org.smoothplayer.decoder.codec;

/**
 * The fields of an HEVC sequence parameter set that the player needs (ITU-T H.265 7.3.2.2), read up
 * to the bit depths.
 *
 * @param generalProfileSpace general_profile_space
 * @param highTier general_tier_flag
 * @param generalProfileIdc general_profile_idc
 * @param generalLevelIdc general_level_idc (30 times the level number)
 * @param spsId sps_seq_parameter_set_id
 * @param chromaFormatIdc chroma_format_idc
 * @param codedWidthPx pic_width_in_luma_samples
 * @param codedHeightPx pic_height_in_luma_samples
 * @param cropLeftPx conformance window, left, in luma samples
 * @param cropRightPx conformance window, right, in luma samples
 * @param cropTopPx conformance window, top, in luma samples
 * @param cropBottomPx conformance window, bottom, in luma samples
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 */
public record HevcSps(
    int generalProfileSpace,
    boolean highTier,
    int generalProfileIdc,
    int generalLevelIdc,
    int spsId,
    int chromaFormatIdc,
    int codedWidthPx,
    int codedHeightPx,
    int cropLeftPx,
    int cropRightPx,
    int cropTopPx,
    int cropBottomPx,
    int bitDepthLuma,
    int bitDepthChroma) {

  /** NAL unit type of a video parameter set. */
  public static final int NAL_TYPE_VPS = 32;

  /** NAL unit type of a sequence parameter set. */
  public static final int NAL_TYPE_SPS = 33;

  /** NAL unit type of a picture parameter set. */
  public static final int NAL_TYPE_PPS = 34;

  /** Largest picture dimension accepted, in luma samples. */
  private static final int MAX_DIMENSION_PX = 16384;

  /** The NAL unit type of an HEVC NAL unit (first header byte). */
  static int nalType(byte[] nal) {
    return nal.length == 0 ? -1 : (nal[0] >> 1) & 0x3F;
  }

  /**
   * Parses an SPS NAL unit.
   *
   * @param nalWithoutStartCode the NAL unit, two header bytes first, emulation-prevention bytes
   *     still in
   * @throws CodecConfigException if it is not an SPS or does not parse
   */
  public static HevcSps parse(byte[] nalWithoutStartCode) {
    BitReader r = new BitReader(Nal.unescape(nalWithoutStartCode), "HEVC SPS");
    r.skip(1, "forbidden_zero_bit");
    int nalType = r.bitsInt(6, "nal_unit_type");
    if (nalType != NAL_TYPE_SPS) {
      throw new CodecConfigException(
          "HEVC SPS nal_unit_type",
          "NAL unit type " + nalType,
          NAL_TYPE_SPS + " (sequence parameter set)");
    }
    r.skip(9, "nuh_layer_id and nuh_temporal_id_plus1");
    r.skip(4, "sps_video_parameter_set_id");
    int maxSubLayersMinus1 = r.bitsInt(3, "sps_max_sub_layers_minus1");
    r.skip(1, "sps_temporal_id_nesting_flag");
    int profileSpace = r.bitsInt(2, "general_profile_space");
    boolean highTier = r.flag("general_tier_flag");
    int profileIdc = r.bitsInt(5, "general_profile_idc");
    r.skip(32, "general_profile_compatibility_flags");
    r.skip(48, "general constraint flags");
    int levelIdc = r.bitsInt(8, "general_level_idc");
    boolean[] subProfile = new boolean[maxSubLayersMinus1];
    boolean[] subLevel = new boolean[maxSubLayersMinus1];
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      subProfile[i] = r.flag("sub_layer_profile_present_flag");
      subLevel[i] = r.flag("sub_layer_level_present_flag");
    }
    if (maxSubLayersMinus1 > 0) {
      r.skip(2L * (8 - maxSubLayersMinus1), "reserved_zero_2bits");
    }
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      if (subProfile[i]) {
        r.skip(88, "sub_layer profile");
      }
      if (subLevel[i]) {
        r.skip(8, "sub_layer_level_idc");
      }
    }
    int spsId = r.ue("sps_seq_parameter_set_id", 15);
    int chromaFormatIdc = r.ue("chroma_format_idc", 3);
    boolean separateColourPlane = chromaFormatIdc == 3 && r.flag("separate_colour_plane_flag");
    int width = r.ue("pic_width_in_luma_samples", MAX_DIMENSION_PX);
    int height = r.ue("pic_height_in_luma_samples", MAX_DIMENSION_PX);
    if (width == 0 || height == 0) {
      throw new CodecConfigException(
          "HEVC SPS pic_width/height_in_luma_samples",
          width + "x" + height,
          "a picture size above 0x0");
    }
    int left = 0;
    int right = 0;
    int top = 0;
    int bottom = 0;
    if (r.flag("conformance_window_flag")) {
      int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
      int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
      int subHeightC = chromaArrayType == 1 ? 2 : 1;
      left = subWidthC * r.ue("conf_win_left_offset", width);
      right = subWidthC * r.ue("conf_win_right_offset", width);
      top = subHeightC * r.ue("conf_win_top_offset", height);
      bottom = subHeightC * r.ue("conf_win_bottom_offset", height);
      if (left + right >= width || top + bottom >= height) {
        throw new CodecConfigException(
            "HEVC SPS conformance window",
            "window offsets "
                + left
                + "+"
                + right
                + " x "
                + top
                + "+"
                + bottom
                + " leave nothing of the "
                + width
                + "x"
                + height
                + " picture",
            "offsets smaller than the picture");
      }
    }
    int bitDepthLuma = 8 + r.ue("bit_depth_luma_minus8", 8);
    int bitDepthChroma = 8 + r.ue("bit_depth_chroma_minus8", 8);
    return new HevcSps(
        profileSpace,
        highTier,
        profileIdc,
        levelIdc,
        spsId,
        chromaFormatIdc,
        width,
        height,
        left,
        right,
        top,
        bottom,
        bitDepthLuma,
        bitDepthChroma);
  }

  /** Displayed width: coded width minus the conformance window. */
  public int widthPx() {
    return codedWidthPx - cropLeftPx - cropRightPx;
  }

  /** Displayed height: coded height minus the conformance window. */
  public int heightPx() {
    return codedHeightPx - cropTopPx - cropBottomPx;
  }

  /** The profile's name, e.g. {@code Main}, {@code Main 10}. */
  public String profileName() {
    return switch (generalProfileIdc) {
      case 1 -> "Main";
      case 2 -> "Main 10";
      case 3 -> "Main Still Picture";
      case 4 -> "Format Range Extensions";
      case 5 -> "High Throughput";
      case 6 -> "Multiview Main";
      case 7 -> "Scalable Main";
      case 8 -> "3D Main";
      case 9 -> "Screen Content Coding";
      case 10 -> "Scalable Format Range Extensions";
      case 11 -> "High Throughput Screen Content Coding";
      default -> "general_profile_idc " + generalProfileIdc;
    };
  }

  /** The level's name, e.g. {@code 3.1}, {@code 4.0}. */
  public String levelName() {
    return (generalLevelIdc / 30) + "." + (generalLevelIdc % 30 / 3);
  }

  /** The tier's name: {@code Main} or {@code High}. */
  public String tierName() {
    return highTier ? "High" : "Main";
  }
}
