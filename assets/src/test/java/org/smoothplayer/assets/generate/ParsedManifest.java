package org.smoothplayer.assets.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A Manifest read back with the JDK's XML parser, chunk times expanded (t, d, r) like a client. */
record ParsedManifest(Element root, long durationTicks, List<Stream> streams) {

  record Chunk(long startTicks, long durationTicks) {}

  record Stream(
      String type, String urlPattern, int declaredChunks, List<Long> bitrates, List<Chunk> chunks) {

    /** The relative URL a client builds for a chunk of a level. */
    String url(long bitrateBps, Chunk chunk) {
      return urlPattern
          .replace("{bitrate}", Long.toString(bitrateBps))
          .replace("{start time}", Long.toString(chunk.startTicks()));
    }
  }

  static ParsedManifest read(Path dir) throws IOException {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc = factory.newDocumentBuilder().parse(dir.resolve("Manifest").toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("Manifest is not well-formed XML: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    List<Stream> streams = new ArrayList<>();
    NodeList indexes = root.getElementsByTagName("StreamIndex");
    for (int i = 0; i < indexes.getLength(); i++) {
      Element index = (Element) indexes.item(i);
      List<Long> bitrates = new ArrayList<>();
      NodeList levels = index.getElementsByTagName("QualityLevel");
      for (int l = 0; l < levels.getLength(); l++) {
        bitrates.add(Long.parseLong(((Element) levels.item(l)).getAttribute("Bitrate")));
      }
      List<Chunk> chunks = new ArrayList<>();
      NodeList cs = index.getElementsByTagName("c");
      long next = 0;
      for (int c = 0; c < cs.getLength(); c++) {
        Element chunk = (Element) cs.item(c);
        long start = chunk.hasAttribute("t") ? Long.parseLong(chunk.getAttribute("t")) : next;
        long duration = Long.parseLong(chunk.getAttribute("d"));
        int repeat = chunk.hasAttribute("r") ? Integer.parseInt(chunk.getAttribute("r")) : 1;
        for (int r = 0; r < repeat; r++) {
          chunks.add(new Chunk(start, duration));
          start += duration;
        }
        next = start;
      }
      streams.add(
          new Stream(
              index.getAttribute("Type"),
              index.getAttribute("Url"),
              Integer.parseInt(index.getAttribute("Chunks")),
              bitrates,
              chunks));
    }
    return new ParsedManifest(root, Long.parseLong(root.getAttribute("Duration")), streams);
  }

  /** The files a presentation folder holds when it holds exactly what this manifest references. */
  Set<String> referencedFiles() {
    Set<String> expected = new TreeSet<>(List.of("Manifest", "presentation.json"));
    for (Stream stream : streams) {
      for (long bitrate : stream.bitrates()) {
        for (Chunk chunk : stream.chunks()) {
          expected.add(stream.url(bitrate, chunk));
        }
      }
    }
    return expected;
  }

  /** Every regular file under {@code dir}, as a path relative to it. */
  static Set<String> filesUnder(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  Stream stream(String type) {
    return streams.stream().filter(s -> s.type().equals(type)).findFirst().orElseThrow();
  }
}
