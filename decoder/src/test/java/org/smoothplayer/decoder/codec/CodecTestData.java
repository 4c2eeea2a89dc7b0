package org.smoothplayer.decoder.codec;

/**
 * Real parameter sets, as Annex-B hex, encoded on this project's machines from random YUV frames
 * with the Debian x264 0.164.3095 and x265 3.5 command-line encoders (e.g. {@code x264 --input-res
 * 854x480 --profile baseline --level 3.0 --frames 1}; x265 with {@code --frames 3}, since with
 * {@code --frames 1} it signals the Main Still Picture profile); only the SPS/PPS (and VPS) NAL
 * units were kept.
 */
final class CodecTestData {
  private CodecTestData() {}

  /** x264 default (High), 1920x1080: coded 1920x1088, bottom crop 8. */
  static final String H264_HIGH_1080P =
      "0000000167640028acd940780227e584000003000400000300ca3c60c658" + "0000000168ebe3cb22c0";

  /** x264 --profile baseline --level 3.0, 854x480: coded 864x480, right crop 10. */
  static final String H264_BASELINE_480P =
      "000000016742c01ed900d83de6e1000003000100000300328f162e48" + "0000000168cb83cb20";

  /** x264 --interlaced, 1920x1080: frame_mbs_only_flag 0. */
  static final String H264_INTERLACED_1080I =
      "0000000167640028acd94078044fdc20000003002000000653e2c5b2c0" + "0000000168fba3cb22c0";

  /** x264 --output-csp i422, 1920x1080: High 4:2:2 profile. */
  static final String H264_HIGH422_1080P =
      "00000001677a0028bcd940780227e261000003000100000300328f183196" + "0000000168ebe3cb22c0";

  /** x265 default (Main), 854x480: conformance window of 2 luma samples on the right. */
  static final String HEVC_MAIN_480P =
      "0000000140010c01ffff01600000030090000003000003005a959809"
          + "0000000142010101600000030090000003000003005aa006b201e1d796566924cae01000003e8000061a8080"
          + "000000014401c172b46240";

  /** x265 default (Main), 1920x1080. */
  static final String HEVC_MAIN_1080P =
      "0000000140010c01ffff016000000300900000030000030078959809"
          + "00000001420101016000000300900000030000030078a003c08010e596566924cae01000003e8000061a8080"
          + "000000014401c172b46240";

  /** x265 --profile main10 --output-depth 10, 640x360. */
  static final String HEVC_MAIN10_360P =
      "0000000140010c01ffff02200000030090000003000003003f959809"
          + "0000000142010102200000030090000003000003003fa005020169365959a4932b80400000fa0000186a02"
          + "000000014401c172b46240";
}
