package org.smoothplayer.app.manifest;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import javax.xml.stream.XMLInputFactory;

/**
 * The StAX reader factory for XML from the network (manifests, TTML captions): no DTD, no external
 * or expanded entities, namespace aware, coalesced text, eager parsing, and bounds on depth,
 * attribute size and count and text length, so hostile input ends in a parse error, not in memory
 * or time spent.
 */
public final class HardenedXml {

  private HardenedXml() {}

  /**
   * A configured factory (thread-safe once configured).
   *
   * @param maxElementDepth deepest nesting accepted
   * @param maxAttributeChars longest attribute value
   * @param maxTextChars longest text run
   * @param maxAttributesPerElement most attributes on one element
   */
  public static XMLInputFactory factory(
      int maxElementDepth, int maxAttributeChars, int maxTextChars, int maxAttributesPerElement) {
    WstxInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(WstxInputProperties.P_LAZY_PARSING, false);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, maxElementDepth);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, maxAttributeChars);
    f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxTextChars);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, maxAttributesPerElement);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    return f;
  }
}
