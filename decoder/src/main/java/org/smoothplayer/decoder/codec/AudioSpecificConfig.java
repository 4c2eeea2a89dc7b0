package org.smoothplayer.decoder.codec;

import java.io.ByteArrayOutputStream;

/**
 * An MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1), read far enough to know the AAC flavour,
 * sampling rate and channels, including explicit SBR/PS signalling (hierarchical with
 * audioObjectType 5/29, or backward-compatible sync extensions).
 *
 * @param signalledObjectType the first audioObjectType (2 LC, 5 SBR, 29 PS, ...)
 * @param coreObjectType the audioObjectType of the core coder (2 for AAC LC)
 * @param coreSamplingRateHz the core coder's sampling rate
 * @param channelConfiguration channelConfiguration (0: given by a program_config_element)
 * @param pceChannels channels counted in the program_config_element (0 if none)
 * @param sbr whether spectral band replication is signalled (HE-AAC)
 * @param ps whether parametric stereo is signalled (HE-AAC v2)
 * @param extensionSamplingRateHz the SBR output sampling rate (0 when not signalled)
 */
public record AudioSpecificConfig(
    int signalledObjectType,
    int coreObjectType,
    int coreSamplingRateHz,
    int channelConfiguration,
    int pceChannels,
    boolean sbr,
    boolean ps,
    int extensionSamplingRateHz) {

  /** audioObjectType of AAC LC. */
  public static final int AOT_AAC_LC = 2;

  /** audioObjectType of SBR (HE-AAC). */
  public static final int AOT_SBR = 5;

  /** audioObjectType of PS (HE-AAC v2). */
  public static final int AOT_PS = 29;

  private static final int[] SAMPLING_RATES = {
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
  };

  private static final int SYNC_EXTENSION_SBR = 0x2b7;
  private static final int SYNC_EXTENSION_PS = 0x548;

  /**
   * Parses an AudioSpecificConfig.
   *
   * @throws CodecConfigException if it does not parse
   */
  public static AudioSpecificConfig parse(byte[] asc) {
    BitReader r = new BitReader(asc, "AudioSpecificConfig");
    int signalled = objectType(r);
    int coreRate = samplingRate(r, "samplingFrequencyIndex");
    int channelConfiguration = r.bitsInt(4, "channelConfiguration");
    boolean sbr = false;
    boolean ps = false;
    int extRate = 0;
    int core = signalled;
    if (signalled == AOT_SBR || signalled == AOT_PS) {
      sbr = true;
      ps = signalled == AOT_PS;
      extRate = samplingRate(r, "extensionSamplingFrequencyIndex");
      core = objectType(r);
    }
    int pceChannels = 0;
    if (isGeneralAudio(core)) {
      r.skip(1, "frameLengthFlag");
      if (r.flag("dependsOnCoreCoder")) {
        r.skip(14, "coreCoderDelay");
      }
      boolean extensionFlag = r.flag("extensionFlag");
      if (channelConfiguration == 0) {
        pceChannels = programConfigElementChannels(r);
      }
      if (core == 6 || core == 20) {
        r.skip(3, "layerNr");
      }
      if (extensionFlag) {
        if (core == 22) {
          r.skip(16, "numOfSubFrame and layer_length");
        }
        if (core == 17 || core == 19 || core == 20 || core == 23) {
          r.skip(3, "resilience flags");
        }
        r.skip(1, "extensionFlag3");
      }
      if (!sbr && r.bitsLeft() >= 16) {
        if (r.bits(11, "syncExtensionType") == SYNC_EXTENSION_SBR) {
          int extensionType = objectType(r);
          if (extensionType == AOT_SBR) {
            sbr = r.flag("sbrPresentFlag");
            if (sbr) {
              extRate = samplingRate(r, "extensionSamplingFrequencyIndex");
              if (r.bitsLeft() >= 12 && r.bits(11, "syncExtensionType") == SYNC_EXTENSION_PS) {
                ps = r.flag("psPresentFlag");
              }
            }
          }
        }
      }
    }
    return new AudioSpecificConfig(
        signalled, core, coreRate, channelConfiguration, pceChannels, sbr, ps, extRate);
  }

  private static boolean isGeneralAudio(int aot) {
    return switch (aot) {
      case 1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23 -> true;
      default -> false;
    };
  }

  private static int objectType(BitReader r) {
    int aot = r.bitsInt(5, "audioObjectType");
    return aot == 31 ? 32 + r.bitsInt(6, "audioObjectTypeExt") : aot;
  }

  private static int samplingRate(BitReader r, String field) {
    int index = r.bitsInt(4, field);
    if (index == 0xF) {
      int rate = r.bitsInt(24, "samplingFrequency");
      if (rate == 0) {
        throw new CodecConfigException(
            "AudioSpecificConfig samplingFrequency", "explicit sampling rate 0", "a rate above 0");
      }
      return rate;
    }
    if (index >= SAMPLING_RATES.length) {
      throw new CodecConfigException(
          "AudioSpecificConfig " + field,
          "reserved index " + index,
          "0 to " + (SAMPLING_RATES.length - 1) + " or 15 (explicit rate)");
    }
    return SAMPLING_RATES[index];
  }

  /** Reads a program_config_element (14496-3 4.4.1.1) and returns its channel count. */
  private static int programConfigElementChannels(BitReader r) {
    r.skip(4 + 2 + 4, "element_instance_tag, object_type, sampling_frequency_index");
    int front = r.bitsInt(4, "num_front_channel_elements");
    int side = r.bitsInt(4, "num_side_channel_elements");
    int back = r.bitsInt(4, "num_back_channel_elements");
    int lfe = r.bitsInt(2, "num_lfe_channel_elements");
    int assoc = r.bitsInt(3, "num_assoc_data_elements");
    int cc = r.bitsInt(4, "num_valid_cc_elements");
    for (String mixdown : new String[] {"mono_mixdown", "stereo_mixdown"}) {
      if (r.flag(mixdown + "_present")) {
        r.skip(4, mixdown + "_element_number");
      }
    }
    if (r.flag("matrix_mixdown_idx_present")) {
      r.skip(3, "matrix_mixdown_idx and pseudo_surround_enable");
    }
    int channels = 0;
    for (int i = 0; i < front + side + back; i++) {
      channels += r.flag("is_cpe") ? 2 : 1;
      r.skip(4, "element_tag_select");
    }
    channels += lfe;
    r.skip(4L * lfe + 4L * assoc + 5L * cc, "lfe, assoc_data and cc elements");
    r.byteAlign();
    int commentBytes = r.bitsInt(8, "comment_field_bytes");
    r.skip(8L * commentBytes, "comment_field_data");
    if (channels == 0) {
      throw new CodecConfigException(
          "AudioSpecificConfig program_config_element",
          "no channel elements",
          "at least one channel");
    }
    return channels;
  }

  /** The sampling rate the decoder outputs (the SBR rate for HE-AAC). */
  public int outputSamplingRateHz() {
    if (!sbr) {
      return coreSamplingRateHz;
    }
    return extensionSamplingRateHz != 0 ? extensionSamplingRateHz : 2 * coreSamplingRateHz;
  }

  /** The channels the decoder outputs (2 with parametric stereo). */
  public int outputChannels() {
    if (ps) {
      return 2;
    }
    return switch (channelConfiguration) {
      case 0 -> pceChannels;
      case 1, 2, 3, 4, 5, 6 -> channelConfiguration;
      case 7, 12, 14 -> 8;
      case 11 -> 7;
      case 13 -> 24;
      default -> 0;
    };
  }

  /** The RFC 6381 codecs parameter, e.g. {@code mp4a.40.2}. */
  public String codecString() {
    return "mp4a.40." + signalledObjectType;
  }

  /** The standard index of a sampling rate, or -1 if it needs an explicit 24-bit rate. */
  static int samplingFrequencyIndex(int rateHz) {
    for (int i = 0; i < SAMPLING_RATES.length; i++) {
      if (SAMPLING_RATES[i] == rateHz) {
        return i;
      }
    }
    return -1;
  }

  /** The channelConfiguration for a channel count, or -1 if there is none. */
  static int channelConfigurationFor(int channels) {
    return switch (channels) {
      case 1, 2, 3, 4, 5, 6 -> channels;
      case 7 -> 11;
      case 8 -> 7;
      default -> -1;
    };
  }

  /**
   * Builds an AudioSpecificConfig: AAC LC, or with {@code sbr} HE-AAC in explicit hierarchical
   * signalling (audioObjectType 5, extension rate, core type 2).
   *
   * @param coreRateHz the AAC core's sampling rate
   * @param extensionRateHz the SBR output rate (ignored without {@code sbr})
   * @param channelConfiguration from {@link #channelConfigurationFor}
   */
  static byte[] build(boolean sbr, int coreRateHz, int extensionRateHz, int channelConfiguration) {
    BitWriter w = new BitWriter();
    w.write(sbr ? AOT_SBR : AOT_AAC_LC, 5);
    writeRate(w, coreRateHz);
    w.write(channelConfiguration, 4);
    if (sbr) {
      writeRate(w, extensionRateHz);
      w.write(AOT_AAC_LC, 5);
    }
    w.write(0, 3); // GASpecificConfig: frameLengthFlag, dependsOnCoreCoder, extensionFlag
    return w.toByteArray();
  }

  private static void writeRate(BitWriter w, int rateHz) {
    int index = samplingFrequencyIndex(rateHz);
    if (index >= 0) {
      w.write(index, 4);
    } else {
      w.write(0xF, 4);
      w.write(rateHz, 24);
    }
  }

  /** Writes bits MSB-first. */
  private static final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    void write(int value, int bits) {
      for (int i = bits - 1; i >= 0; i--) {
        current = (current << 1) | ((value >> i) & 1);
        if (++used == 8) {
          out.write(current);
          current = 0;
          used = 0;
        }
      }
    }

    byte[] toByteArray() {
      if (used > 0) {
        out.write(current << (8 - used));
        current = 0;
        used = 0;
      }
      return out.toByteArray();
    }
  }
}
