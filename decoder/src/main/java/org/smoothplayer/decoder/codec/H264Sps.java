package org.smoothplayer.decoder.codec;

/**
 * The fields of an H.264 sequence parameter set that the player needs (ITU-T H.264 7.3.2.1.1).
 * Scaling lists are read and skipped; the VUI is ignored.
 *
 * @param profileIdc profile_idc
 * @param constraintFlags the byte holding constraint_set0_flag (MSB) to constraint_set5_flag
 * @param levelIdc level_idc
 * @param spsId seq_parameter_set_id
 * @param chromaFormatIdc chroma_format_idc (1 = 4:2:0 when absent)
 * @param separateColourPlane separate_colour_plane_flag
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param frameMbsOnly frame_mbs_only_flag (false: interlaced coding possible)
 * @param codedWidthPx width of the decoded picture before cropping
 * @param codedHeightPx height of the decoded picture before cropping
 * @param cropLeftPx pixels cropped on the left
 * @param cropRightPx pixels cropped on the right
 * @param cropTopPx pixels cropped at the top
 * @param cropBottomPx pixels cropped at the bottom
 */
public record H264Sps(
    int profileIdc,
    int constraintFlags,
    int levelIdc,
    int spsId,
    int chromaFormatIdc,
    boolean separateColourPlane,
    int bitDepthLuma,
    int bitDepthChroma,
    boolean frameMbsOnly,
    int codedWidthPx,
    int codedHeightPx,
    int cropLeftPx,
    int cropRightPx,
    int cropTopPx,
    int cropBottomPx) {

  /** NAL unit type of a sequence parameter set. */
  public static final int NAL_TYPE_SPS = 7;

  /** NAL unit type of a picture parameter set. */
  public static final int NAL_TYPE_PPS = 8;

  /** NAL unit type of a sequence parameter set extension. */
  public static final int NAL_TYPE_SPS_EXT = 13;

  /** Largest picture dimension accepted, in macroblocks (16 px each). */
  private static final int MAX_DIMENSION_MBS = 1024;

  /**
   * Parses an SPS NAL unit.
   *
   * @param nalWithoutStartCode the NAL unit, header byte first, emulation-prevention bytes still in
   * @throws CodecConfigException if it is not an SPS or does not parse
   */
  public static H264Sps parse(byte[] nalWithoutStartCode) {
    byte[] rbsp = Nal.unescape(nalWithoutStartCode);
    BitReader r = new BitReader(rbsp, "SPS");
    if (r.flag("forbidden_zero_bit")) {
      throw new CodecConfigException(
          "SPS forbidden_zero_bit", "forbidden_zero_bit is 1", "0 (a valid NAL unit header)");
    }
    r.skip(2, "nal_ref_idc");
    int nalType = r.bitsInt(5, "nal_unit_type");
    if (nalType != NAL_TYPE_SPS) {
      throw new CodecConfigException(
          "SPS nal_unit_type",
          "NAL unit type " + nalType,
          NAL_TYPE_SPS + " (sequence parameter set)");
    }
    int profileIdc = r.bitsInt(8, "profile_idc");
    int constraintFlags = r.bitsInt(8, "constraint_set_flags");
    int levelIdc = r.bitsInt(8, "level_idc");
    int spsId = r.ue("seq_parameter_set_id", 31);
    int chromaFormatIdc = 1;
    boolean separateColourPlane = false;
    int bitDepthLuma = 8;
    int bitDepthChroma = 8;
    if (hasChromaInfo(profileIdc)) {
      chromaFormatIdc = r.ue("chroma_format_idc", 3);
      if (chromaFormatIdc == 3) {
        separateColourPlane = r.flag("separate_colour_plane_flag");
      }
      bitDepthLuma = 8 + r.ue("bit_depth_luma_minus8", 6);
      bitDepthChroma = 8 + r.ue("bit_depth_chroma_minus8", 6);
      r.flag("qpprime_y_zero_transform_bypass_flag");
      if (r.flag("seq_scaling_matrix_present_flag")) {
        int lists = chromaFormatIdc != 3 ? 8 : 12;
        for (int i = 0; i < lists; i++) {
          if (r.flag("seq_scaling_list_present_flag")) {
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    r.ue("log2_max_frame_num_minus4", 12);
    int picOrderCntType = r.ue("pic_order_cnt_type", 2);
    if (picOrderCntType == 0) {
      r.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
    } else if (picOrderCntType == 1) {
      r.flag("delta_pic_order_always_zero_flag");
      r.se("offset_for_non_ref_pic");
      r.se("offset_for_top_to_bottom_field");
      int cycle = r.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
      for (int i = 0; i < cycle; i++) {
        r.se("offset_for_ref_frame");
      }
    }
    r.ue("max_num_ref_frames");
    r.flag("gaps_in_frame_num_value_allowed_flag");
    int widthMbs = r.ue("pic_width_in_mbs_minus1", MAX_DIMENSION_MBS - 1) + 1;
    int heightMapUnits = r.ue("pic_height_in_map_units_minus1", MAX_DIMENSION_MBS - 1) + 1;
    boolean frameMbsOnly = r.flag("frame_mbs_only_flag");
    if (!frameMbsOnly) {
      r.flag("mb_adaptive_frame_field_flag");
    }
    r.flag("direct_8x8_inference_flag");
    int codedWidth = widthMbs * 16;
    int codedHeight = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
    int cropLeft = 0;
    int cropRight = 0;
    int cropTop = 0;
    int cropBottom = 0;
    if (r.flag("frame_cropping_flag")) {
      int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
      int cropUnitX;
      int cropUnitY;
      if (chromaArrayType == 0) {
        cropUnitX = 1;
        cropUnitY = frameMbsOnly ? 1 : 2;
      } else {
        int subWidthC = chromaArrayType == 3 ? 1 : 2;
        int subHeightC = chromaArrayType == 1 ? 2 : 1;
        cropUnitX = subWidthC;
        cropUnitY = subHeightC * (frameMbsOnly ? 1 : 2);
      }
      cropLeft = cropUnitX * r.ue("frame_crop_left_offset", codedWidth);
      cropRight = cropUnitX * r.ue("frame_crop_right_offset", codedWidth);
      cropTop = cropUnitY * r.ue("frame_crop_top_offset", codedHeight);
      cropBottom = cropUnitY * r.ue("frame_crop_bottom_offset", codedHeight);
      if (cropLeft + cropRight >= codedWidth || cropTop + cropBottom >= codedHeight) {
        throw new CodecConfigException(
            "SPS frame_crop offsets",
            "cropping "
                + cropLeft
                + "+"
                + cropRight
                + " x "
                + cropTop
                + "+"
                + cropBottom
                + " px leaves nothing of the "
                + codedWidth
                + "x"
                + codedHeight
                + " picture",
            "crop offsets smaller than the picture");
      }
    }
    // The VUI that follows is ignored.
    return new H264Sps(
        profileIdc,
        constraintFlags,
        levelIdc,
        spsId,
        chromaFormatIdc,
        separateColourPlane,
        bitDepthLuma,
        bitDepthChroma,
        frameMbsOnly,
        codedWidth,
        codedHeight,
        cropLeft,
        cropRight,
        cropTop,
        cropBottom);
  }

  private static boolean hasChromaInfo(int profileIdc) {
    return switch (profileIdc) {
      case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
      default -> false;
    };
  }

  private static void skipScalingList(BitReader r, int size) {
    int lastScale = 8;
    int nextScale = 8;
    for (int j = 0; j < size; j++) {
      if (nextScale != 0) {
        long delta = r.se("delta_scale");
        if (delta < -128 || delta > 127) {
          throw new CodecConfigException(
              "SPS delta_scale", "value " + delta + " is out of range", "-128 to 127");
        }
        nextScale = (int) ((lastScale + delta + 256) % 256);
      }
      lastScale = nextScale == 0 ? lastScale : nextScale;
    }
  }

  /** Displayed width: coded width minus the crop. */
  public int widthPx() {
    return codedWidthPx - cropLeftPx - cropRightPx;
  }

  /** Displayed height: coded height minus the crop. */
  public int heightPx() {
    return codedHeightPx - cropTopPx - cropBottomPx;
  }

  private boolean constraintSet(int n) {
    return (constraintFlags & (0x80 >> n)) != 0;
  }

  /** The profile's name, e.g. {@code High}, {@code Constrained Baseline}. */
  public String profileName() {
    return switch (profileIdc) {
      case 66 -> constraintSet(1) ? "Constrained Baseline" : "Baseline";
      case 77 -> "Main";
      case 88 -> "Extended";
      case 100 -> {
        if (constraintSet(4) && constraintSet(5)) {
          yield "Constrained High";
        }
        yield constraintSet(4) ? "Progressive High" : "High";
      }
      case 110 -> constraintSet(3) ? "High 10 Intra" : "High 10";
      case 122 -> constraintSet(3) ? "High 4:2:2 Intra" : "High 4:2:2";
      case 244 -> constraintSet(3) ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
      case 44 -> "CAVLC 4:4:4 Intra";
      case 83 -> "Scalable Baseline";
      case 86 -> "Scalable High";
      case 118 -> "Multiview High";
      case 128 -> "Stereo High";
      case 134 -> "MFC High";
      case 135 -> "MFC Depth High";
      case 138 -> "Multiview Depth High";
      case 139 -> "Enhanced Multiview Depth High";
      default -> "profile_idc " + profileIdc;
    };
  }

  /** The level's name, e.g. {@code 3.1}, {@code 4.0}, {@code 1b}. */
  public String levelName() {
    if (levelIdc == 9 || (levelIdc == 11 && constraintSet(3) && profileIdc <= 88)) {
      return "1b";
    }
    return (levelIdc / 10) + "." + (levelIdc % 10);
  }

  /** The RFC 6381 codecs parameter, e.g. {@code avc1.64001f}. */
  public String codecString() {
    return String.format("avc1.%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
  }
}
