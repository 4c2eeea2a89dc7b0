package org.smoothplayer.app.manifest;

import java.util.Locale;

/**
 * One {@code ProtectionHeader} of the manifest's {@code Protection} element.
 *
 * @param systemId the SystemID attribute as written (braces and case preserved)
 * @param dataBase64 the element's text with all white space removed (normally base64 of a PlayReady
 *     object; not validated)
 */
public record ProtectionHeader(String systemId, String dataBase64) {
  /** The PlayReady system ID, in normalized form. */
  public static final String PLAYREADY_SYSTEM_ID = "9a04f079-9840-4286-ab92-e65be0885f95";

  /** The system ID without braces or surrounding white space, in lower case. */
  public String normalizedSystemId() {
    String id = systemId.strip();
    if (id.startsWith("{") && id.endsWith("}")) {
      id = id.substring(1, id.length() - 1);
    }
    return id.toLowerCase(Locale.ROOT);
  }

  /** Whether this header names the PlayReady DRM system. */
  public boolean isPlayReady() {
    return normalizedSystemId().equals(PLAYREADY_SYSTEM_ID);
  }
}
