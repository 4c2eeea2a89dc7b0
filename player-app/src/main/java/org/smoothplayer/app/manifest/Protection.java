package org.smoothplayer.app.manifest;

import java.util.List;

/**
 * The manifest's {@code Protection} element: the content is encrypted.
 *
 * @param headers the {@code ProtectionHeader} children, in document order (may be empty)
 */
public record Protection(List<ProtectionHeader> headers) {
  public Protection {
    headers = List.copyOf(headers);
  }

  /** The SystemID of the first header, as written, or an empty string when there is none. */
  public String firstSystemId() {
    return headers.isEmpty() ? "" : headers.get(0).systemId();
  }
}
