package org.smoothplayer.app.session.report;

/** CSV fields as RFC 4180 writes them. */
final class Csv {
  private Csv() {}

  /** The text as one field: quoted (quotes doubled) when it holds a comma, quote or line break. */
  static String field(String text) {
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
