package org.smoothplayer.assets.origin.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.assets.generate.AudioCodec;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.ProgressListener;

/** A presentation with E-AC-3 audio broadcast live: its audio level keeps the EC-3 attributes. */
class LiveEac3ManifestTest {
  @TempDir Path root;

  @Test
  void the_live_manifest_describes_an_e_ac_3_level_as_the_on_demand_one_does() throws Exception {
    PresentationSpec spec =
        new PresentationSpec(
                "live-eac3-test",
                4_000,
                2_000,
                List.of(new LevelSpec(100_000, 64, 36)),
                25,
                true,
                ManifestStyle.TIMED,
                2_000)
            .withAudioCodec(AudioCodec.E_AC_3);
    Presentations.generate(spec, root, ProgressListener.none());
    LiveTestContent.Clock clock = new LiveTestContent.Clock();
    LiveBroadcast live =
        LiveBroadcast.start(root, LiveOptions.defaults().withStartOffsetS(4).withClock(clock::now));

    String manifest = live.manifest();

    assertThat(manifest)
        .contains(
            "<QualityLevel Index=\"0\" Bitrate=\"224000\" FourCC=\"EC-3\" SamplingRate=\"48000\""
                + " Channels=\"6\" BitsPerSample=\"16\" PacketSize=\"896\" AudioTag=\"65534\""
                + " CodecPrivateData=\"00063F000000AF87FBA7022DFB42A4D405CD93843BDD\"/>");
    assertThat(ParsedLiveManifest.parse(manifest).stream("audio").chunks()).hasSize(2);
  }
}
