package org.smoothplayer.heuristics.sim;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes session events as JSON lines ({@code {"type":...,"tMs":...,...}}), the format of the
 * player's session log; hand-written, JDK only.
 */
public final class JsonLines implements SessionListener {
  private final PrintStream out;

  /** Writes to {@code out} (the caller closes it). */
  public JsonLines(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onEvent(String type, Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"type\":");
    string(sb, type);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      sb.append(',');
      string(sb, e.getKey());
      sb.append(':');
      value(sb, e.getValue());
    }
    sb.append('}');
    out.println(sb);
  }

  /** Appends one JSON value (numbers, strings, booleans, maps, lists, long and int arrays). */
  static void value(StringBuilder sb, Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map) {
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        value(sb, e.getValue());
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      sb.append('}');
    } else if (v instanceof long[]) {
      long[] a = (long[]) v;
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        sb.append(i == 0 ? "" : ",").append(a[i]);
      }
      sb.append(']');
    } else if (v instanceof int[]) {
      int[] a = (int[]) v;
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        sb.append(i == 0 ? "" : ",").append(a[i]);
      }
      sb.append(']');
    } else if (v instanceof Iterable) {
      sb.append('[');
      Iterator<?> it = ((Iterable<?>) v).iterator();
      while (it.hasNext()) {
        value(sb, it.next());
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      sb.append(']');
    } else if (v == null) {
      sb.append("null");
    } else {
      string(sb, v.toString());
    }
  }

  /** Appends a JSON string literal with escapes. */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
