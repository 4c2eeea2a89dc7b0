package org.smoothplayer.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.io.IoErrors;
import org.smoothplayer.assets.generate.AudioCodec;
import org.smoothplayer.assets.generate.GenerationException;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smooth-player generate PRESET --out DIR}: encodes a test presentation to disk. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Encode a synthetic Smooth Streaming presentation (tiny, sample, pensieve).")
final class GenerateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PRESET", description = "One of: tiny, sample, pensieve.")
  String preset;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write the presentation into (created if missing).")
  Path outDir;

  @Option(
      names = "--style",
      paramLabel = "STYLE",
      description = "Manifest style: PLAIN, TIMED or REPEAT (default: the preset's).")
  ManifestStyle style;

  @Option(
      names = "--audio",
      paramLabel = "CODEC",
      description =
          "Audio codec: aac (AAC-LC stereo, the default), ec-3 (E-AC-3 5.1) or ac-3 (AC-3 5.1).")
  String audio;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PresentationSpec presentation;
    try {
      presentation = Preset.parse(preset).spec();
    } catch (IllegalArgumentException e) {
      err.println("smooth-player generate: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (style != null) {
      presentation =
          new PresentationSpec(
              presentation.name(),
              presentation.durationMs(),
              presentation.fragmentDurationMs(),
              presentation.ladder(),
              presentation.frameRate(),
              presentation.audio(),
              style,
              presentation.flashIntervalMs(),
              presentation.captions());
    }
    if (audio != null) {
      AudioCodec codec = audioCodec(audio);
      if (codec == null) {
        err.println(
            "smooth-player generate: --audio: expected aac, ec-3 or ac-3 but was '" + audio + "'");
        return Main.EXIT_USAGE;
      }
      if (!presentation.audio()) {
        err.println("smooth-player generate: --audio: the preset " + preset + " has no audio");
        return Main.EXIT_USAGE;
      }
      presentation = presentation.withAudioCodec(codec);
    }
    try {
      Presentations.generate(presentation, outDir, ProgressListener.forConsole(System.err));
    } catch (UncheckedIOException e) {
      err.println("smooth-player generate: " + IoErrors.describe(e));
      return Main.EXIT_FAILED;
    } catch (GenerationException e) {
      // An output folder holding other files, or an encoder failure: the message names it.
      err.println("smooth-player generate: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    out.println("wrote " + outDir.resolve("Manifest"));
    return 0;
  }

  /** The codec {@code --audio} names (any case; {@code aac}, {@code ec-3}, {@code ac-3}, ...). */
  private static @Nullable AudioCodec audioCodec(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "aac", "aacl" -> AudioCodec.AAC_LC;
      case "ec-3", "ec3", "eac3", "e-ac-3" -> AudioCodec.E_AC_3;
      case "ac-3", "ac3" -> AudioCodec.AC_3;
      default -> null;
    };
  }
}
