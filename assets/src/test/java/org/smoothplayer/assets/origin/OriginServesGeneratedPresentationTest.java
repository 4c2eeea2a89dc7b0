package org.smoothplayer.assets.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The generator and the origin together: the {@code tiny} preset (in each manifest style) served
 * over HTTP; every fragment URL its Manifest implies answers 200 with the file's bytes.
 */
class OriginServesGeneratedPresentationTest {

  @ParameterizedTest
  @EnumSource(ManifestStyle.class)
  void serves_every_fragment_url_the_tiny_manifest_implies(ManifestStyle style) throws Exception {
    PresentationSpec tiny = Preset.TINY.spec();
    PresentationSpec spec =
        new PresentationSpec(
            tiny.name(),
            tiny.durationMs(),
            tiny.fragmentDurationMs(),
            tiny.ladder(),
            tiny.frameRate(),
            tiny.audio(),
            style,
            tiny.flashIntervalMs());
    Path root = Presentations.cached(spec);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    try (LocalOrigin origin = LocalOrigin.builder(root).start()) {
      HttpResponse<byte[]> manifest = get(client, origin.baseUri().resolve("Manifest"));
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.headers().firstValue("Content-Type")).hasValue("text/xml");
      List<String> urls = fragmentUrls(manifest.body());

      int levels = spec.ladder().size() + (spec.audio() ? 1 : 0);
      long chunksPerLevel = spec.durationMs() / spec.fragmentDurationMs();
      assertThat(urls).hasSize((int) (levels * chunksPerLevel)).doesNotHaveDuplicates();
      for (String url : urls) {
        HttpResponse<byte[]> fragment = get(client, origin.baseUri().resolve(url));
        Path file = root.resolve(url);

        assertThat(fragment.statusCode()).as(url).isEqualTo(200);
        assertThat(fragment.headers().firstValue("Content-Type"))
            .as(url)
            .hasValue(url.contains("audio") ? "audio/mp4" : "video/mp4");
        assertThat(fragment.headers().firstValueAsLong("Content-Length"))
            .as(url)
            .hasValue(Files.size(file));
        assertThat(fragment.body()).as(url).isEqualTo(Files.readAllBytes(file));
      }
      assertThat(origin.requestCount()).isEqualTo(urls.size() + 1);
      assertThat(origin.acceptedConnections()).as("keep-alive").isEqualTo(1);
    }
  }

  private static HttpResponse<byte[]> get(HttpClient client, URI uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Every fragment URL of a Smooth Streaming manifest: for each StreamIndex, its Url template with
   * each QualityLevel bitrate and each chunk start time ({@code t}, else the previous start plus
   * duration; {@code r} repeats a chunk's duration r times in all).
   */
  private static List<String> fragmentUrls(byte[] manifest) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(manifest));
    List<String> urls = new ArrayList<>();
    NodeList streams = document.getElementsByTagName("StreamIndex");
    for (int s = 0; s < streams.getLength(); s++) {
      Element stream = (Element) streams.item(s);
      List<Long> starts = new ArrayList<>();
      long next = 0;
      NodeList chunks = stream.getElementsByTagName("c");
      for (int c = 0; c < chunks.getLength(); c++) {
        Element chunk = (Element) chunks.item(c);
        long start = chunk.hasAttribute("t") ? Long.parseLong(chunk.getAttribute("t")) : next;
        long duration = Long.parseLong(chunk.getAttribute("d"));
        int repeat = chunk.hasAttribute("r") ? Integer.parseInt(chunk.getAttribute("r")) : 1;
        for (int i = 0; i < repeat; i++) {
          starts.add(start);
          start += duration;
        }
        next = start;
      }
      assertThat(starts).hasSize(Integer.parseInt(stream.getAttribute("Chunks")));
      NodeList levels = stream.getElementsByTagName("QualityLevel");
      for (int q = 0; q < levels.getLength(); q++) {
        String bitrate = ((Element) levels.item(q)).getAttribute("Bitrate");
        for (long start : starts) {
          urls.add(
              stream
                  .getAttribute("Url")
                  .replace("{bitrate}", bitrate)
                  .replace("{start time}", Long.toString(start)));
        }
      }
    }
    return urls;
  }
}
