package org.smoothplayer.assets.origin.live;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * A live Manifest read with the JDK's DOM parser, chunks expanded as [MS-SSTR] defines them;
 * streams by Name (by Type when a stream has no Name).
 */
record ParsedLiveManifest(Map<String, String> root, Map<String, Stream> streams) {

  /**
   * One StreamIndex.
   *
   * @param attributes its attributes
   * @param bitrates its QualityLevel bitrates
   * @param chunks its chunks (t absent: the previous end; the first without t starts at 0)
   * @param chunkAttributes the raw attributes of each c
   */
  record Stream(
      Map<String, String> attributes,
      List<Long> bitrates,
      List<LiveTestContent.Chunk> chunks,
      List<Map<String, String>> chunkAttributes) {}

  static ParsedLiveManifest parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element root =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement();
    Map<String, Stream> streams = new LinkedHashMap<>();
    NodeList indexes = root.getElementsByTagName("StreamIndex");
    for (int i = 0; i < indexes.getLength(); i++) {
      Element index = (Element) indexes.item(i);
      List<Long> bitrates = new ArrayList<>();
      NodeList levels = index.getElementsByTagName("QualityLevel");
      for (int l = 0; l < levels.getLength(); l++) {
        bitrates.add(Long.parseLong(((Element) levels.item(l)).getAttribute("Bitrate")));
      }
      List<LiveTestContent.Chunk> chunks = new ArrayList<>();
      List<Map<String, String>> raw = new ArrayList<>();
      NodeList cs = index.getElementsByTagName("c");
      long next = 0;
      for (int c = 0; c < cs.getLength(); c++) {
        Element chunk = (Element) cs.item(c);
        long start = chunk.hasAttribute("t") ? Long.parseLong(chunk.getAttribute("t")) : next;
        long duration = Long.parseLong(chunk.getAttribute("d"));
        chunks.add(new LiveTestContent.Chunk(start, duration));
        raw.add(attributes(chunk));
        next = start + duration;
      }
      String key =
          index.hasAttribute("Name") ? index.getAttribute("Name") : index.getAttribute("Type");
      streams.put(key, new Stream(attributes(index), bitrates, chunks, raw));
    }
    return new ParsedLiveManifest(attributes(root), streams);
  }

  /** The StreamIndex named {@code name} (the type when it has no Name). */
  Stream stream(String name) {
    Stream stream = streams.get(name);
    if (stream == null) {
      throw new AssertionError("no StreamIndex named " + name + " in " + streams.keySet());
    }
    return stream;
  }

  private static Map<String, String> attributes(Element element) {
    Map<String, String> map = new LinkedHashMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int a = 0; a < attributes.getLength(); a++) {
      map.put(attributes.item(a).getNodeName(), attributes.item(a).getNodeValue());
    }
    return map;
  }
}
