package org.smoothplayer.decoder.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.decoder.codec.AudioCodecConfig.AudioCodec;
import org.smoothplayer.decoder.codec.VideoCodecConfig.VideoCodec;

/**
 * Turns a manifest QualityLevel's codec attributes into a decoder configuration: H.264 (H264, AVC1,
 * DAVC), HEVC (HVC1, HEV1), AAC (AACL, AACH, mp4a, AudioTag 255) and Dolby AC-3 / E-AC-3 (AC-3,
 * EC-3). FourCCs are matched without regard to case. Stateless and thread-safe.
 */
public final class CodecConfigParser {

  /** NAL unit length size when the manifest has no NALUnitLengthField. */
  public static final int DEFAULT_NAL_LENGTH_BYTES = 4;

  /** The AudioTag (WAVE format tag) Smooth Streaming uses for AAC. */
  public static final int AUDIO_TAG_AAC = 255;

  /** Highest sampling rate accepted when synthesizing an AudioSpecificConfig. */
  private static final int MAX_SAMPLING_RATE_HZ = 96_000;

  /** Highest core rate of HE-AAC (the SBR output is twice the core rate). */
  private static final int MAX_SBR_CORE_RATE_HZ = 24_000;

  /** Most channels an E-AC-3 stream carries (7.1). */
  private static final int MAX_DOLBY_CHANNELS = 8;

  private static final String CPD = "CodecPrivateData";

  private CodecConfigParser() {}

  /**
   * Builds the decoder configuration of one QualityLevel.
   *
   * @throws UnsupportedCodecException if the codec is not one the player decodes
   * @throws CodecConfigException if the codec data are unusable
   */
  public static CodecConfig parse(CodecDescriptor d) {
    Objects.requireNonNull(d, "d");
    String streamType = d.streamType().trim().toLowerCase(Locale.ROOT);
    String fourCc = d.fourCc().trim();
    String upper = fourCc.toUpperCase(Locale.ROOT);
    boolean video = isH264(upper) || isHevc(upper);
    boolean aac = isAac(upper);
    AudioCodec dolby = dolby(upper);
    switch (streamType) {
      case "video" -> {
        if (aac || dolby != null) {
          throw mismatch(fourCc, "an audio", "video");
        }
        if (isH264(upper)) {
          return h264(d, fourCc);
        }
        if (isHevc(upper)) {
          return hevc(d, fourCc);
        }
        throw unsupported(fourCc, d);
      }
      case "audio" -> {
        if (video) {
          throw mismatch(fourCc, "a video", "audio");
        }
        boolean aacByTag = d.audioTag() == AUDIO_TAG_AAC || (fourCc.isEmpty() && d.audioTag() == 0);
        if (aac || aacByTag) {
          return aac(d, fourCc, upper.equals("AACH"));
        }
        if (dolby != null) {
          return dolby(d, fourCc, dolby);
        }
        throw unsupported(fourCc, d);
      }
      case "text" -> throw unsupported(fourCc, d);
      default ->
          throw new CodecConfigException(
              "Type", "stream type '" + d.streamType() + "'", "video, audio or text");
    }
  }

  private static boolean isH264(String upper) {
    return upper.equals("H264") || upper.equals("AVC1") || upper.equals("DAVC");
  }

  private static boolean isHevc(String upper) {
    return upper.equals("HVC1") || upper.equals("HEV1");
  }

  private static boolean isAac(String upper) {
    return upper.equals("AACL") || upper.equals("AACH") || upper.equals("MP4A");
  }

  /** AC-3 or E-AC-3 for their FourCCs, else null. */
  private static @Nullable AudioCodec dolby(String upper) {
    return switch (upper) {
      case "EC-3" -> AudioCodec.E_AC_3;
      case "AC-3" -> AudioCodec.AC_3;
      default -> null;
    };
  }

  private static UnsupportedCodecException unsupported(String fourCc, CodecDescriptor d) {
    String name;
    if (!fourCc.isEmpty()) {
      name = fourCc;
    } else if (d.audioTag() != 0) {
      name = "AudioTag " + d.audioTag();
    } else {
      name = "(no FourCC)";
    }
    return new UnsupportedCodecException(fourCc, name);
  }

  private static CodecConfigException mismatch(String fourCc, String kind, String streamType) {
    return new CodecConfigException(
        "FourCC",
        fourCc + " is " + kind + " codec in a " + streamType + " stream",
        "a " + streamType + " FourCC");
  }

  // ---------------------------------------------------------------- H.264

  private static VideoCodecConfig h264(CodecDescriptor d, String fourCc) {
    byte[] cpd = Nal.hex(d.codecPrivateDataHex(), CPD);
    if (cpd.length == 0) {
      throw new CodecConfigException(
          CPD, "empty or absent", "H.264 SPS and PPS as Annex-B hex or an avcC record");
    }
    List<byte[]> nals;
    int recordLength = 0;
    if (Nal.startsWithStartCode(cpd)) {
      nals = Nal.splitAnnexB(cpd, CPD);
    } else if (cpd[0] == 1) {
      nals = new ArrayList<>();
      recordLength = readAvcC(cpd, nals);
    } else {
      throw notParameterSets(cpd, "avcC");
    }
    List<byte[]> sps = new ArrayList<>();
    List<byte[]> spsExt = new ArrayList<>();
    List<byte[]> pps = new ArrayList<>();
    for (byte[] nal : nals) {
      switch (nal[0] & 0x1F) {
        case H264Sps.NAL_TYPE_SPS -> sps.add(nal);
        case H264Sps.NAL_TYPE_SPS_EXT -> spsExt.add(nal);
        case H264Sps.NAL_TYPE_PPS -> pps.add(nal);
        default -> {
          // SEI, AUD ...: not part of the decoder configuration.
        }
      }
    }
    requireNal(sps, "SPS (NAL unit type 7)", nals, true);
    requireNal(pps, "PPS (NAL unit type 8)", nals, true);
    H264Sps parsed = H264Sps.parse(sps.get(0));
    List<byte[]> ordered = new ArrayList<>(sps);
    ordered.addAll(spsExt);
    ordered.addAll(pps);
    return new VideoCodecConfig(
        VideoCodec.H264,
        fourCc,
        Nal.toAnnexB(ordered),
        nalLength(d, recordLength),
        parsed.widthPx(),
        parsed.heightPx(),
        parsed.profileName(),
        parsed.levelName());
  }

  /** Reads an AVCDecoderConfigurationRecord; returns its NAL length size. */
  private static int readAvcC(byte[] record, List<byte[]> nals) {
    Nal.ByteCursor c = new Nal.ByteCursor(record, CPD + " avcC");
    c.skip(4, "configurationVersion, profile, compatibility and level");
    int lengthSize = (c.u8("lengthSizeMinusOne") & 0x3) + 1;
    int spsCount = c.u8("numOfSequenceParameterSets") & 0x1F;
    for (int i = 0; i < spsCount; i++) {
      nals.add(
          nonEmpty(c.bytes(c.u16("sequenceParameterSetLength"), "sequenceParameterSetNALUnit")));
    }
    int ppsCount = c.u8("numOfPictureParameterSets");
    for (int i = 0; i < ppsCount; i++) {
      nals.add(nonEmpty(c.bytes(c.u16("pictureParameterSetLength"), "pictureParameterSetNALUnit")));
    }
    return lengthSize;
  }

  // ---------------------------------------------------------------- HEVC

  private static VideoCodecConfig hevc(CodecDescriptor d, String fourCc) {
    byte[] cpd = Nal.hex(d.codecPrivateDataHex(), CPD);
    if (cpd.length == 0) {
      throw new CodecConfigException(
          CPD, "empty or absent", "HEVC VPS, SPS and PPS as Annex-B hex or an hvcC record");
    }
    List<byte[]> nals;
    int recordLength = 0;
    if (Nal.startsWithStartCode(cpd)) {
      nals = Nal.splitAnnexB(cpd, CPD);
    } else if (cpd[0] == 1) {
      nals = new ArrayList<>();
      recordLength = readHvcC(cpd, nals);
    } else {
      throw notParameterSets(cpd, "hvcC");
    }
    List<byte[]> vps = new ArrayList<>();
    List<byte[]> sps = new ArrayList<>();
    List<byte[]> pps = new ArrayList<>();
    for (byte[] nal : nals) {
      switch (HevcSps.nalType(nal)) {
        case HevcSps.NAL_TYPE_VPS -> vps.add(nal);
        case HevcSps.NAL_TYPE_SPS -> sps.add(nal);
        case HevcSps.NAL_TYPE_PPS -> pps.add(nal);
        default -> {
          // SEI ...: not part of the decoder configuration.
        }
      }
    }
    requireNal(vps, "VPS (NAL unit type 32)", nals, false);
    requireNal(sps, "SPS (NAL unit type 33)", nals, false);
    requireNal(pps, "PPS (NAL unit type 34)", nals, false);
    HevcSps parsed = HevcSps.parse(sps.get(0));
    List<byte[]> ordered = new ArrayList<>(vps);
    ordered.addAll(sps);
    ordered.addAll(pps);
    return new VideoCodecConfig(
        VideoCodec.HEVC,
        fourCc,
        Nal.toAnnexB(ordered),
        nalLength(d, recordLength),
        parsed.widthPx(),
        parsed.heightPx(),
        parsed.profileName(),
        parsed.levelName());
  }

  /** Reads an HEVCDecoderConfigurationRecord; returns its NAL length size. */
  private static int readHvcC(byte[] record, List<byte[]> nals) {
    Nal.ByteCursor c = new Nal.ByteCursor(record, CPD + " hvcC");
    c.skip(21, "general profile, tier, level, chroma and bit depth fields");
    int lengthSize = (c.u8("lengthSizeMinusOne") & 0x3) + 1;
    int arrays = c.u8("numOfArrays");
    for (int i = 0; i < arrays; i++) {
      c.u8("NAL_unit_type");
      int count = c.u16("numNalus");
      for (int j = 0; j < count; j++) {
        nals.add(nonEmpty(c.bytes(c.u16("nalUnitLength"), "nalUnit")));
      }
    }
    return lengthSize;
  }

  // ---------------------------------------------------------------- shared video

  private static byte[] nonEmpty(byte[] nal) {
    if (nal.length == 0) {
      throw new CodecConfigException(CPD, "a parameter set of length 0", "non-empty NAL units");
    }
    return nal;
  }

  private static CodecConfigException notParameterSets(byte[] cpd, String record) {
    return new CodecConfigException(
        CPD,
        String.format("starts with byte 0x%02x", cpd[0] & 0xFF),
        "an Annex-B start code (00 00 00 01) or an " + record + " record (first byte 01)");
  }

  private static void requireNal(List<byte[]> found, String what, List<byte[]> all, boolean avc) {
    if (found.isEmpty()) {
      List<Integer> types = new ArrayList<>();
      for (byte[] nal : all) {
        types.add(avc ? nal[0] & 0x1F : HevcSps.nalType(nal));
      }
      throw new CodecConfigException(
          CPD, "no " + what + " among NAL unit types " + types, "a " + what);
    }
  }

  private static int nalLength(CodecDescriptor d, int recordLength) {
    int field = d.nalUnitLengthField();
    if (field == 0) {
      field = recordLength != 0 ? recordLength : DEFAULT_NAL_LENGTH_BYTES;
      if (field == 3) {
        throw new CodecConfigException(
            CPD + " lengthSizeMinusOne", "NAL length size 3", "1, 2 or 4 bytes");
      }
      return field;
    }
    if (field != 1 && field != 2 && field != 4) {
      throw new CodecConfigException("NALUnitLengthField", "value " + field, "1, 2 or 4");
    }
    return field;
  }

  // ---------------------------------------------------------------- AAC

  private static AudioCodecConfig aac(CodecDescriptor d, String fourCc, boolean aach) {
    byte[] cpd = Nal.hex(d.codecPrivateDataHex(), CPD);
    if (cpd.length > 0) {
      AudioSpecificConfig asc = AudioSpecificConfig.parse(cpd);
      if (asc.coreObjectType() != AudioSpecificConfig.AOT_AAC_LC) {
        throw new CodecConfigException(
            CPD + " audioObjectType",
            "audioObjectType " + asc.coreObjectType(),
            "2 (AAC LC), or 5 (SBR) / 29 (PS) over an AAC LC core");
      }
      AudioCodec codec;
      int rateHz = asc.outputSamplingRateHz();
      if (asc.ps()) {
        codec = AudioCodec.HE_AAC_V2;
      } else if (asc.sbr()) {
        codec = AudioCodec.HE_AAC;
      } else if (aach) {
        // Implicit SBR signalling: the AudioSpecificConfig describes the core only.
        codec = AudioCodec.HE_AAC;
        if (rateHz <= MAX_SBR_CORE_RATE_HZ) {
          rateHz *= 2;
        }
      } else {
        codec = AudioCodec.AAC_LC;
      }
      int channels = asc.outputChannels();
      if (channels == 0) {
        channels = d.channels();
      }
      if (channels <= 0) {
        throw new CodecConfigException(
            CPD + " channelConfiguration",
            "channelConfiguration " + asc.channelConfiguration() + " and no Channels attribute",
            "a known channel layout");
      }
      return new AudioCodecConfig(codec, fourCc, cpd, rateHz, channels);
    }
    int rateHz = d.samplingRateHz();
    if (rateHz <= 0 || rateHz > MAX_SAMPLING_RATE_HZ) {
      throw new CodecConfigException(
          "SamplingRate",
          "value " + rateHz + " while CodecPrivateData is empty",
          "1 to " + MAX_SAMPLING_RATE_HZ + " Hz to build the AudioSpecificConfig from");
    }
    int channelConfiguration = AudioSpecificConfig.channelConfigurationFor(d.channels());
    if (channelConfiguration < 0) {
      throw new CodecConfigException(
          "Channels",
          "value " + d.channels() + " while CodecPrivateData is empty",
          "1 to 8 channels to build the AudioSpecificConfig from");
    }
    if (aach) {
      // SamplingRate is the output rate in most manifests, the core rate in some: a rate an SBR
      // core can have (up to 24 kHz) is taken as the core rate.
      int coreHz = rateHz <= MAX_SBR_CORE_RATE_HZ ? rateHz : rateHz / 2;
      int outputHz = coreHz * 2;
      byte[] asc = AudioSpecificConfig.build(true, coreHz, outputHz, channelConfiguration);
      return new AudioCodecConfig(AudioCodec.HE_AAC, fourCc, asc, outputHz, d.channels());
    }
    byte[] asc = AudioSpecificConfig.build(false, rateHz, 0, channelConfiguration);
    return new AudioCodecConfig(AudioCodec.AAC_LC, fourCc, asc, rateHz, d.channels());
  }

  // ---------------------------------------------------------------- AC-3, E-AC-3

  /**
   * A Dolby level. Its syncframes carry rate, channels and everything else the decoder needs, so
   * CodecPrivateData (a WAVEFORMATEXTENSIBLE extension in Unified Streaming's manifests) is only
   * checked to be hex; SamplingRate and Channels are kept as signalled, for display.
   */
  private static AudioCodecConfig dolby(CodecDescriptor d, String fourCc, AudioCodec codec) {
    Nal.hex(d.codecPrivateDataHex(), CPD);
    if (d.samplingRateHz() < 0 || d.samplingRateHz() > MAX_SAMPLING_RATE_HZ) {
      throw new CodecConfigException(
          "SamplingRate", "value " + d.samplingRateHz(), "0 to " + MAX_SAMPLING_RATE_HZ + " Hz");
    }
    if (d.channels() < 0 || d.channels() > MAX_DOLBY_CHANNELS) {
      throw new CodecConfigException(
          "Channels", "value " + d.channels(), "0 to " + MAX_DOLBY_CHANNELS);
    }
    return new AudioCodecConfig(
        codec, fourCc, new byte[0], Math.max(0, d.samplingRateHz()), Math.max(0, d.channels()));
  }
}
