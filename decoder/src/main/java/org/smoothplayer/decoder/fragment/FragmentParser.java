package org.smoothplayer.decoder.fragment;

import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.DUPLICATE_BOX;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.MISSING_BOX;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.MISSING_SAMPLE_DEFAULT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.SAMPLE_DATA_OUTSIDE_MDAT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TOO_MANY_SAMPLES;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TRACK_MISMATCH;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TRUN_SAMPLE_COUNT_EXCEEDS_BOX;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.UNSUPPORTED_VERSION;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.VALUE_OUT_OF_RANGE;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Parses one Smooth Streaming fragment ({@code moof} + {@code mdat}, no {@code moov}) into samples
 * with exact microsecond times.
 *
 * <p>The box structure is read with a bounds-checked reader of its own rather than mp4parser, which
 * trusts box sizes and entry counts (allocation and loops driven by hostile input): every size,
 * count and offset is checked against the bytes actually present before it is used, so bad input
 * always ends in a {@link FragmentParseException} naming the box, its offset and what was expected.
 * Stateless and thread-safe.
 */
public final class FragmentParser {

  /** Upper bound on the samples of one fragment (a 2-s fragment has about 100). */
  public static final int MAX_SAMPLES = 100_000;

  static final String TFXD_UUID = "6d1d9b0542d544e680e2141daff757b2";
  static final String TFRF_UUID = "d4807ef2ca3946958e5426cb9e46a79f";
  static final String PIFF_SAMPLE_ENCRYPTION_UUID = "a2394f525a9b4f14a2446c427c648df4";
  static final String PIFF_TRACK_ENCRYPTION_UUID = "8974dbce7be74c5184f97148f9882554";

  private static final int TFHD_BASE_DATA_OFFSET = 0x000001;
  private static final int TFHD_SAMPLE_DESCRIPTION_INDEX = 0x000002;
  private static final int TFHD_DEFAULT_DURATION = 0x000008;
  private static final int TFHD_DEFAULT_SIZE = 0x000010;
  private static final int TFHD_DEFAULT_FLAGS = 0x000020;
  private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;

  private static final int TRUN_DATA_OFFSET = 0x000001;
  private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x000004;
  private static final int TRUN_DURATION = 0x000100;
  private static final int TRUN_SIZE = 0x000200;
  private static final int TRUN_FLAGS = 0x000400;
  private static final int TRUN_COMPOSITION_OFFSET = 0x000800;

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private FragmentParser() {}

  /**
   * Parses a fragment.
   *
   * @param fragment the fragment's bytes from its position to its limit (position and limit are not
   *     changed); sample data are slices of it, so keep it unchanged while samples are in use
   * @param ctx the stream's timescale, type and the chunk start time from the manifest
   * @return the fragment with its samples in decode order
   * @throws FragmentParseException if the bytes are not a well-formed fragment
   * @throws ProtectedContentException if the samples are encrypted
   */
  public static Fragment parse(ByteBuffer fragment, FragmentContext ctx) {
    return parse(fragment, ctx, false);
  }

  /**
   * Like {@link #parse} but returns encrypted fragments instead of refusing them, with {@link
   * Fragment#encrypted()} set and the sample bytes still encrypted: for probing and diagnostics,
   * never for decoding.
   */
  public static Fragment parseStructure(ByteBuffer fragment, FragmentContext ctx) {
    return parse(fragment, ctx, true);
  }

  /**
   * Converts ticks to microseconds exactly (rounding towards negative infinity), without an
   * intermediate product that could overflow.
   *
   * @throws ArithmeticException if the result does not fit a long
   */
  public static long ticksToUs(long ticks, long timescale) {
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale must be > 0, was " + timescale);
    }
    long whole = Math.floorDiv(ticks, timescale);
    long rest = Math.floorMod(ticks, timescale);
    long restUs;
    if (rest <= Long.MAX_VALUE / MICROS_PER_SECOND) {
      restUs = rest * MICROS_PER_SECOND / timescale;
    } else {
      restUs =
          BigInteger.valueOf(rest)
              .multiply(BigInteger.valueOf(MICROS_PER_SECOND))
              .divide(BigInteger.valueOf(timescale))
              .longValueExact();
    }
    return Math.addExact(Math.multiplyExact(whole, MICROS_PER_SECOND), restUs);
  }

  private static Fragment parse(ByteBuffer fragment, FragmentContext ctx, boolean allowEncrypted) {
    Objects.requireNonNull(fragment, "fragment");
    Objects.requireNonNull(ctx, "ctx");
    ByteBuffer data = fragment.slice().order(ByteOrder.BIG_ENDIAN);
    List<String> protection = new ArrayList<>();

    List<Box> top = Box.readAll(data, 0, data.limit(), null);
    Box moof = null;
    List<Box> mdats = new ArrayList<>();
    for (Box box : top) {
      switch (box.type()) {
        case "moof" -> {
          if (moof != null) {
            throw duplicate(box, "fragment", "one moof per fragment");
          }
          moof = box;
        }
        case "mdat" -> mdats.add(box);
        case "moov" -> scanInitForProtection(data, box, protection);
        default -> {
          // styp, sidx, free, skip, uuid ...: not needed to play the fragment.
        }
      }
    }
    if (moof == null) {
      throw new FragmentParseException(
          MISSING_BOX,
          "fragment",
          0,
          "no moof box among the top-level boxes " + types(top),
          "a moof box");
    }

    Box mfhd = null;
    List<Box> trafBoxes = new ArrayList<>();
    for (Box box : Box.readAll(data, moof.payloadStart(), moof.end(), moof)) {
      if (box.is("mfhd")) {
        if (mfhd != null) {
          throw duplicate(box, "moof", "one mfhd per moof");
        }
        mfhd = box;
      } else if (box.is("traf")) {
        trafBoxes.add(box);
      }
    }
    if (mfhd == null) {
      throw missing(moof, "mfhd");
    }
    if (trafBoxes.isEmpty()) {
      throw missing(moof, "traf");
    }
    Fields mfhdFields = new Fields(data, mfhd);
    mfhdFields.versionAndFlags();
    long sequenceNumber = mfhdFields.u32("sequence_number");

    List<Traf> trafs = new ArrayList<>();
    for (Box trafBox : trafBoxes) {
      Traf traf = readTraf(data, trafBox, protection);
      if (!trafs.isEmpty() && trafs.get(0).trackId != traf.trackId) {
        throw new FragmentParseException(
            TRACK_MISMATCH,
            "traf",
            trafBox.offset(),
            "track_ID " + traf.trackId + " after a traf of track_ID " + trafs.get(0).trackId,
            "every traf of a Smooth Streaming fragment to carry the same track");
      }
      trafs.add(traf);
    }

    if (!protection.isEmpty() && !allowEncrypted) {
      throw new ProtectedContentException(protection.get(0));
    }
    if (mdats.isEmpty()) {
      throw new FragmentParseException(
          MISSING_BOX,
          "fragment",
          0,
          "no mdat box among the top-level boxes " + types(top),
          "an mdat box holding the sample data");
    }

    Traf first = trafs.get(0);
    long startTicks;
    if (first.tfxd != null) {
      startTicks = first.tfxd.absoluteTimeTicks();
    } else if (first.tfdtTicks >= 0) {
      startTicks = first.tfdtTicks;
    } else {
      startTicks = ctx.startTicks();
    }
    List<EncodedSample> samples = new ArrayList<>();
    SampleCursor cursor = new SampleCursor(startTicks);
    long previousTrafEnd = moof.offset();
    for (int i = 0; i < trafs.size(); i++) {
      Traf traf = trafs.get(i);
      long base;
      if ((traf.tfhdFlags & TFHD_BASE_DATA_OFFSET) != 0) {
        base = traf.baseDataOffset;
      } else if ((traf.tfhdFlags & TFHD_DEFAULT_BASE_IS_MOOF) != 0 || i == 0) {
        base = moof.offset();
      } else {
        base = previousTrafEnd;
      }
      previousTrafEnd = readSamples(data, traf, base, mdats, ctx, cursor, samples);
    }

    return new Fragment(
        sequenceNumber,
        startTicks,
        cursor.decodeTicks - startTicks,
        samples,
        Optional.ofNullable(first.tfxd),
        first.tfrf,
        !protection.isEmpty());
  }

  /** One track fragment's boxes, read and range-checked. */
  private static final class Traf {
    final Box box;
    long trackId = -1;
    int tfhdFlags;
    long baseDataOffset;
    long defaultDuration = -1;
    long defaultSize = -1;
    long defaultFlags = -1;
    long tfdtTicks = -1;
    @Nullable TfxdInfo tfxd;
    List<TfrfEntry> tfrf = List.of();
    final List<Trun> truns = new ArrayList<>();
    @Nullable Box sdtp;

    /** Bytes of the tfxd and tfrf boxes (0 when absent), for the live data_offset quirk. */
    int tfxdBytes;

    int tfrfBytes;

    Traf(Box box) {
      this.box = box;
    }
  }

  /** One track run's header; its entries start at {@code entriesStart}. */
  private record Trun(
      Box box,
      int flags,
      int sampleCount,
      int dataOffset,
      long firstSampleFlags,
      int entriesStart,
      int entryBytes) {}

  private static Traf readTraf(ByteBuffer data, Box trafBox, List<String> protection) {
    Traf traf = new Traf(trafBox);
    Box tfhd = null;
    Box tfdt = null;
    Box tfxd = null;
    Box tfrf = null;
    for (Box box : Box.readAll(data, trafBox.payloadStart(), trafBox.end(), trafBox)) {
      switch (box.type()) {
        case "tfhd" -> tfhd = once(tfhd, box);
        case "tfdt" -> tfdt = once(tfdt, box);
        case "trun" -> traf.truns.add(readTrun(data, box));
        case "sdtp" -> traf.sdtp = once(traf.sdtp, box);
        case "senc" -> protection.add("senc box in traf at offset " + box.offset());
        case "saiz" -> checkSaiz(data, box, protection);
        case "uuid" -> {
          if (box.isUuid(TFXD_UUID)) {
            tfxd = once(tfxd, box);
          } else if (box.isUuid(TFRF_UUID)) {
            tfrf = once(tfrf, box);
          } else if (box.isUuid(PIFF_SAMPLE_ENCRYPTION_UUID)) {
            protection.add("PIFF SampleEncryption uuid box in traf at offset " + box.offset());
          }
        }
        default -> {
          // subs, sbgp, sgpd, saio, free ...: not needed to play the fragment.
        }
      }
    }
    if (tfhd == null) {
      throw missing(trafBox, "tfhd");
    }
    readTfhd(data, tfhd, traf);
    if (traf.truns.isEmpty()) {
      throw missing(trafBox, "trun");
    }
    if (tfdt != null) {
      Fields f = new Fields(data, tfdt);
      int version = version(f, tfdt, 1);
      traf.tfdtTicks = version == 1 ? f.u64("baseMediaDecodeTime") : f.u32("baseMediaDecodeTime");
    }
    if (tfxd != null) {
      traf.tfxdBytes = tfxd.sizeBytes();
      Fields f = new Fields(data, tfxd);
      int version = version(f, tfxd, 1);
      traf.tfxd =
          version == 1
              ? new TfxdInfo(f.u64("fragment_absolute_time"), f.u64("fragment_duration"))
              : new TfxdInfo(f.u32("fragment_absolute_time"), f.u32("fragment_duration"));
    }
    if (tfrf != null) {
      traf.tfrfBytes = tfrf.sizeBytes();
      Fields f = new Fields(data, tfrf);
      int version = version(f, tfrf, 1);
      int count = f.u8("fragment_count");
      List<TfrfEntry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        entries.add(
            version == 1
                ? new TfrfEntry(f.u64("fragment_absolute_time"), f.u64("fragment_duration"))
                : new TfrfEntry(f.u32("fragment_absolute_time"), f.u32("fragment_duration")));
      }
      traf.tfrf = entries;
    }
    return traf;
  }

  private static void readTfhd(ByteBuffer data, Box tfhd, Traf traf) {
    Fields f = new Fields(data, tfhd);
    int versionAndFlags = f.versionAndFlags();
    checkVersion(tfhd, versionAndFlags >>> 24, 0);
    int flags = versionAndFlags & 0xFF_FFFF;
    traf.tfhdFlags = flags;
    traf.trackId = f.u32("track_ID");
    if ((flags & TFHD_BASE_DATA_OFFSET) != 0) {
      traf.baseDataOffset = f.u64("base_data_offset");
    }
    if ((flags & TFHD_SAMPLE_DESCRIPTION_INDEX) != 0) {
      f.u32("sample_description_index");
    }
    if ((flags & TFHD_DEFAULT_DURATION) != 0) {
      traf.defaultDuration = f.u32("default_sample_duration");
    }
    if ((flags & TFHD_DEFAULT_SIZE) != 0) {
      traf.defaultSize = f.u32("default_sample_size");
    }
    if ((flags & TFHD_DEFAULT_FLAGS) != 0) {
      traf.defaultFlags = f.u32("default_sample_flags");
    }
  }

  private static Trun readTrun(ByteBuffer data, Box box) {
    Fields f = new Fields(data, box);
    int versionAndFlags = f.versionAndFlags();
    checkVersion(box, versionAndFlags >>> 24, 1);
    int flags = versionAndFlags & 0xFF_FFFF;
    long sampleCount = f.u32("sample_count");
    int dataOffset = (flags & TRUN_DATA_OFFSET) != 0 ? f.s32("data_offset") : 0;
    long firstFlags = (flags & TRUN_FIRST_SAMPLE_FLAGS) != 0 ? f.u32("first_sample_flags") : -1;
    int entryBytes =
        4
            * Integer.bitCount(
                flags & (TRUN_DURATION | TRUN_SIZE | TRUN_FLAGS | TRUN_COMPOSITION_OFFSET));
    if (sampleCount * entryBytes > f.remaining()) {
      throw new FragmentParseException(
          TRUN_SAMPLE_COUNT_EXCEEDS_BOX,
          "trun",
          box.offset(),
          "sample_count "
              + sampleCount
              + " needs "
              + sampleCount * entryBytes
              + " bytes of "
              + entryBytes
              + "-byte entries but only "
              + f.remaining()
              + " remain in the box",
          "a sample_count that fits the box");
    }
    if (sampleCount > MAX_SAMPLES) {
      throw new FragmentParseException(
          TOO_MANY_SAMPLES,
          "trun",
          box.offset(),
          "sample_count " + sampleCount + " is above the limit of " + MAX_SAMPLES,
          "at most " + MAX_SAMPLES + " samples per fragment");
    }
    return new Trun(
        box, flags, (int) sampleCount, dataOffset, firstFlags, f.position(), entryBytes);
  }

  /** Returns the end offset of the traf's sample data. */
  private static long readSamples(
      ByteBuffer data,
      Traf traf,
      long baseDataOffset,
      List<Box> mdats,
      FragmentContext ctx,
      SampleCursor cursor,
      List<EncodedSample> out) {
    long dataPos = baseDataOffset;
    int indexInTraf = 0;
    for (int r = 0; r < traf.truns.size(); r++) {
      Trun trun = traf.truns.get(r);
      if (out.size() + (long) trun.sampleCount > MAX_SAMPLES) {
        throw new FragmentParseException(
            TOO_MANY_SAMPLES,
            "trun",
            trun.box.offset(),
            "the fragment's truns announce more than " + MAX_SAMPLES + " samples",
            "at most " + MAX_SAMPLES + " samples per fragment");
      }
      if ((trun.flags & TRUN_DATA_OFFSET) != 0) {
        dataPos = baseDataOffset + trun.dataOffset;
        if (r == 0) {
          dataPos = liveServerOffsetQuirk(traf, dataPos, mdats);
        }
      }
      int entry = trun.entriesStart;
      for (int i = 0; i < trun.sampleCount; i++, indexInTraf++) {
        long duration = traf.defaultDuration;
        long size = traf.defaultSize;
        long flags = i == 0 && trun.firstSampleFlags >= 0 ? trun.firstSampleFlags : -1;
        boolean explicitFlags = false;
        int compositionOffset = 0;
        if ((trun.flags & TRUN_DURATION) != 0) {
          duration = data.getInt(entry) & 0xFFFF_FFFFL;
          entry += 4;
        }
        if ((trun.flags & TRUN_SIZE) != 0) {
          size = data.getInt(entry) & 0xFFFF_FFFFL;
          entry += 4;
        }
        if ((trun.flags & TRUN_FLAGS) != 0) {
          flags = data.getInt(entry) & 0xFFFF_FFFFL;
          explicitFlags = true;
          entry += 4;
        }
        if ((trun.flags & TRUN_COMPOSITION_OFFSET) != 0) {
          // Read as signed in version 0 too: many packagers (Expression Encoder, IIS) write
          // negative offsets in version 0 truns; real offsets never reach 2^31.
          compositionOffset = data.getInt(entry);
          entry += 4;
        }
        if (duration < 0) {
          throw missingDefault(trun, i, "duration", "default_sample_duration");
        }
        if (size < 0) {
          throw missingDefault(trun, i, "size", "default_sample_size");
        }
        checkInsideMdat(trun, i, dataPos, size, mdats);
        boolean keyFrame =
            isKeyFrame(ctx.type(), traf, data, indexInTraf, out.size(), flags, explicitFlags);
        try {
          out.add(cursor.next(duration, compositionOffset, keyFrame, data, dataPos, size, ctx));
        } catch (ArithmeticException e) {
          throw new FragmentParseException(
              VALUE_OUT_OF_RANGE,
              "trun",
              trun.box.offset(),
              "sample "
                  + i
                  + " time overflows 64-bit arithmetic (decode time ticks "
                  + cursor.decodeTicks
                  + ", duration "
                  + duration
                  + ", timescale "
                  + ctx.timescale()
                  + ")",
              "sample times below 2^63 ticks and 2^63 microseconds");
        }
        dataPos += size;
      }
    }
    return dataPos;
  }

  /**
   * Live Smooth Streaming servers insert the tfrf (and sometimes tfxd) box into a finished moof
   * without updating trun.data_offset, which then points that many bytes before the mdat payload.
   * Only that exact case is corrected: an offset short of an mdat payload start by precisely the
   * size of those boxes. Any other offset outside mdat stays an error.
   */
  private static long liveServerOffsetQuirk(Traf traf, long dataPos, List<Box> mdats) {
    for (Box mdat : mdats) {
      long shortBy = mdat.payloadStart() - dataPos;
      if (shortBy > 0
          && (shortBy == traf.tfrfBytes
              || shortBy == traf.tfxdBytes
              || shortBy == (long) traf.tfrfBytes + traf.tfxdBytes)) {
        return mdat.payloadStart();
      }
    }
    return dataPos;
  }

  /** Running decode time: ticks accumulate exactly, each time is converted to µs once. */
  private static final class SampleCursor {
    long decodeTicks;

    SampleCursor(long startTicks) {
      this.decodeTicks = startTicks;
    }

    EncodedSample next(
        long durationTicks,
        int compositionOffsetTicks,
        boolean keyFrame,
        ByteBuffer data,
        long dataPos,
        long size,
        FragmentContext ctx) {
      long timescale = ctx.timescale();
      long nextTicks = Math.addExact(decodeTicks, durationTicks);
      long presentationTicks = Math.addExact(decodeTicks, compositionOffsetTicks);
      long decodeUs = ticksToUs(decodeTicks, timescale);
      long durationUs = ticksToUs(nextTicks, timescale) - decodeUs;
      long presentationUs = ticksToUs(presentationTicks, timescale);
      EncodedSample sample =
          new EncodedSample(
              decodeUs,
              presentationUs,
              durationUs,
              keyFrame,
              data.slice((int) dataPos, (int) size));
      decodeTicks = nextTicks;
      return sample;
    }
  }

  /**
   * Key-frame rule. Audio and text: every sample. Video, first source that gives an answer: the
   * sample's own trun flags, an sdtp entry with sample_depends_on 1 or 2, first_sample_flags, the
   * tfhd default flags; with none of them only the first sample of the fragment (Smooth Streaming
   * fragments start at a key frame).
   */
  private static boolean isKeyFrame(
      TrackType type,
      Traf traf,
      ByteBuffer data,
      int indexInTraf,
      int indexInFragment,
      long flags,
      boolean explicitFlags) {
    if (type != TrackType.VIDEO) {
      return true;
    }
    if (explicitFlags) {
      return flagsSayKey(flags);
    }
    Box sdtp = traf.sdtp;
    if (sdtp != null) {
      int entryPos = sdtp.payloadStart() + 4 + indexInTraf;
      if (entryPos < sdtp.end()) {
        int dependsOn = (data.get(entryPos) >> 4) & 0x3;
        if (dependsOn == 1 || dependsOn == 2) {
          return dependsOn == 2;
        }
      }
    }
    if (flags >= 0) {
      return flagsSayKey(flags);
    }
    if (traf.defaultFlags >= 0) {
      return flagsSayKey(traf.defaultFlags);
    }
    return indexInFragment == 0;
  }

  /** sample_is_non_sync_sample == 0 and sample_depends_on != 1 (does depend on others). */
  private static boolean flagsSayKey(long flags) {
    boolean nonSync = (flags & 0x0001_0000L) != 0;
    int dependsOn = (int) (flags >> 24) & 0x3;
    return !nonSync && dependsOn != 1;
  }

  private static void checkInsideMdat(Trun trun, int index, long pos, long size, List<Box> mdats) {
    for (Box mdat : mdats) {
      if (pos >= mdat.payloadStart() && pos + size <= mdat.end()) {
        return;
      }
    }
    throw new FragmentParseException(
        SAMPLE_DATA_OUTSIDE_MDAT,
        "trun",
        trun.box.offset(),
        "sample "
            + index
            + " occupies bytes ["
            + pos
            + ", "
            + (pos + size)
            + ") outside every mdat payload "
            + mdats.stream()
                .map(m -> "[" + m.payloadStart() + ", " + m.end() + ")")
                .collect(Collectors.joining(", ")),
        "data_offset and sample sizes that point inside an mdat");
  }

  private static void checkSaiz(ByteBuffer data, Box saiz, List<String> protection) {
    Fields f = new Fields(data, saiz);
    int versionAndFlags = f.versionAndFlags();
    if ((versionAndFlags & 1) != 0) {
      long auxInfoType = f.u32("aux_info_type");
      String scheme = Box.fourCc(data, f.position() - 4);
      if (auxInfoType != 0
          && (scheme.equals("cenc")
              || scheme.equals("cbcs")
              || scheme.equals("cens")
              || scheme.equals("cbc1"))) {
        protection.add("saiz box of scheme " + scheme + " at offset " + saiz.offset());
      }
    }
  }

  /** Looks inside an init segment (moov) for encrypted sample entries or track encryption. */
  private static void scanInitForProtection(ByteBuffer data, Box box, List<String> protection) {
    int childrenStart = box.payloadStart();
    if (box.is("stsd")) {
      childrenStart += 8; // version and flags, entry_count
      if (childrenStart > box.end()) {
        return;
      }
    }
    for (Box child : Box.readAll(data, childrenStart, box.end(), box)) {
      switch (child.type()) {
        case "trak", "mdia", "minf", "stbl", "stsd", "mvex" ->
            scanInitForProtection(data, child, protection);
        case "encv", "enca", "tenc" ->
            protection.add(child.type() + " box in the init segment at offset " + child.offset());
        case "uuid" -> {
          if (child.isUuid(PIFF_TRACK_ENCRYPTION_UUID)) {
            protection.add("PIFF TrackEncryption uuid box at offset " + child.offset());
          }
        }
        default -> {
          // Other init-segment boxes are irrelevant to fragment parsing.
        }
      }
    }
  }

  private static int version(Fields f, Box box, int maxVersion) {
    int version = f.versionAndFlags() >>> 24;
    checkVersion(box, version, maxVersion);
    return version;
  }

  private static void checkVersion(Box box, int version, int maxVersion) {
    if (version > maxVersion) {
      throw new FragmentParseException(
          UNSUPPORTED_VERSION,
          box.uuid() == null ? box.type() : box.type() + " " + box.uuid(),
          box.offset(),
          "version " + version,
          maxVersion == 0 ? "version 0" : "version 0 to " + maxVersion);
    }
  }

  private static Box once(@Nullable Box previous, Box box) {
    if (previous != null) {
      throw duplicate(box, "traf", "one " + box.type() + " per traf");
    }
    return box;
  }

  private static FragmentParseException duplicate(Box box, String parent, String expected) {
    return new FragmentParseException(
        DUPLICATE_BOX,
        box.type(),
        box.offset(),
        "second " + box.type() + " in " + parent,
        expected);
  }

  private static FragmentParseException missing(Box parent, String child) {
    return new FragmentParseException(
        MISSING_BOX, parent.type(), parent.offset(), "no " + child + " box", "a " + child + " box");
  }

  private static FragmentParseException missingDefault(
      Trun trun, int index, String what, String tfhdField) {
    return new FragmentParseException(
        MISSING_SAMPLE_DEFAULT,
        "trun",
        trun.box.offset(),
        "sample " + index + " has no " + what + " in trun and tfhd has no " + tfhdField,
        "a per-sample " + what + " or a tfhd " + tfhdField);
  }

  private static String types(List<Box> boxes) {
    return boxes.stream().map(Box::type).collect(Collectors.joining(", ", "[", "]"));
  }
}
