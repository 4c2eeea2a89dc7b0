package org.smoothplayer.assets.generate;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a generated TTML document with the JDK's StAX parser (independent of the writer and of the
 * player's parser): the root's parameters and every {@code p} as tick times and lines.
 *
 * @param tickRate {@code ttp:tickRate}
 * @param language {@code xml:lang}
 * @param cues every {@code p}, in document order
 */
record TtmlTestReader(long tickRate, String language, List<Paragraph> cues) {
  private static final Pattern TICKS = Pattern.compile("([0-9]+)t");

  /**
   * One {@code p}.
   *
   * @param beginTicks its {@code begin}
   * @param endTicks its {@code end}
   * @param lines its text split at {@code br}
   */
  record Paragraph(long beginTicks, long endTicks, List<String> lines) {}

  static TtmlTestReader read(byte[] document) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(document));
    long tickRate = -1;
    String language = "";
    List<Paragraph> cues = new ArrayList<>();
    List<String> lines = null;
    StringBuilder line = new StringBuilder();
    long begin = 0;
    long end = 0;
    boolean root = true;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        QName name = xml.getName();
        if (!CaptionTrack.TTML_NAMESPACE.equals(name.getNamespaceURI())) {
          throw new XMLStreamException("element " + name + " is outside the TTML namespace");
        }
        if (root) {
          if (!name.getLocalPart().equals("tt")) {
            throw new XMLStreamException("root is " + name + ", expected tt");
          }
          tickRate =
              Long.parseLong(
                  xml.getAttributeValue(CaptionTrack.TTML_PARAMETER_NAMESPACE, "tickRate"));
          language = xml.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
          root = false;
        } else if (name.getLocalPart().equals("p")) {
          begin = ticks(xml.getAttributeValue(null, "begin"));
          end = ticks(xml.getAttributeValue(null, "end"));
          lines = new ArrayList<>();
          line.setLength(0);
        } else if (name.getLocalPart().equals("br")) {
          if (lines == null) {
            throw new XMLStreamException("br outside a p");
          }
          lines.add(line.toString());
          line.setLength(0);
        }
      } else if (event == XMLStreamConstants.CHARACTERS && lines != null) {
        line.append(xml.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT
          && xml.getLocalName().equals("p")
          && lines != null) {
        lines.add(line.toString());
        cues.add(new Paragraph(begin, end, List.copyOf(lines)));
        lines = null;
      }
    }
    return new TtmlTestReader(tickRate, language, cues);
  }

  private static long ticks(String value) throws XMLStreamException {
    Matcher m = TICKS.matcher(value == null ? "" : value);
    if (!m.matches()) {
      throw new XMLStreamException("time '" + value + "' is not in ticks (expected N t)");
    }
    return Long.parseLong(m.group(1));
  }
}
