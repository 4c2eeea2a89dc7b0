package org.smoothplayer.app.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One {@link SessionEvent} as one JSON object, and back.
 *
 * <p>The object is {@code {"type":"<name>","tMs":<number>, <the other record components in
 * declaration order>}} with the record's component names as keys. Maps are JSON objects (keys
 * sorted, so the output is stable), lists are arrays, doubles are numbers; a NaN or infinite double
 * is written as {@code null} and read back as NaN. Reading ignores keys it does not know, returns
 * nothing for an unknown {@code type} (a newer writer's event), and throws {@link
 * SessionLogException} naming the line, the field and what was expected for anything missing or
 * mistyped. The mapping follows the records of {@link SessionEvent} by reflection, so a record
 * added there is logged without a change here as long as its components are of the supported kinds
 * (double, int, long, boolean, String, {@code Map<String,String>}, {@code Map<String,Double>},
 * {@code List<Long>}, {@code List<String>}).
 *
 * <p>Thread-safe; all state is immutable after class initialisation.
 */
public final class SessionJson {
  /** The field that carries the event's name. */
  public static final String TYPE_FIELD = "type";

  /** The field that carries the event's time. */
  public static final String TIME_FIELD = "tMs";

  /** The field name used in errors about the line as a whole. */
  static final String LINE_FIELD = "<line>";

  private static final int FOUND_TEXT_LIMIT = 60;

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER =
      new ObjectMapper(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Map<String, EventType> BY_NAME;
  private static final Map<Class<?>, EventType> BY_CLASS;

  static {
    Map<String, EventType> byName = new LinkedHashMap<>();
    Map<Class<?>, EventType> byClass = new LinkedHashMap<>();
    for (Class<?> permitted : SessionEvent.class.getPermittedSubclasses()) {
      EventType type = EventType.of(permitted);
      if (byName.put(type.name, type) != null) {
        throw new IllegalStateException("two session event records are named " + type.name);
      }
      byClass.put(permitted, type);
    }
    BY_NAME = Collections.unmodifiableMap(byName);
    BY_CLASS = Collections.unmodifiableMap(byClass);
  }

  private SessionJson() {}

  /** The names of every event type this codec reads and writes, in declaration order. */
  public static Set<String> typeNames() {
    return BY_NAME.keySet();
  }

  /** The log name of an event record class, such as {@code "fragment_loaded"}. */
  public static String typeName(Class<? extends SessionEvent> eventClass) {
    EventType type = BY_CLASS.get(eventClass);
    if (type == null) {
      throw new IllegalArgumentException(eventClass + " is not a SessionEvent record");
    }
    return type.name;
  }

  /** The event as one JSON object on one line (no line terminator). */
  public static String toJson(SessionEvent event) {
    EventType type = BY_CLASS.get(event.getClass());
    if (type == null) {
      throw new IllegalArgumentException(event.getClass() + " is not a SessionEvent record");
    }
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(TYPE_FIELD, event.type());
      json.writeFieldName(TIME_FIELD);
      writeDouble(json, event.tMs());
      for (Component component : type.components) {
        if (component.name.equals(TIME_FIELD)) {
          continue;
        }
        json.writeFieldName(component.name);
        component.kind.write(json, component.get(event));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
    return out.toString();
  }

  /**
   * Reads one line.
   *
   * @param line the JSON object
   * @param lineNumber its 1-based line number, for errors
   * @return the event, or empty when its {@code type} is not known to this version
   * @throws SessionLogException when the line is not a JSON object, or a field is missing or of the
   *     wrong kind
   */
  public static Optional<SessionEvent> fromJson(String line, long lineNumber)
      throws SessionLogException {
    return Optional.ofNullable(decode(parseTree(line, lineNumber), lineNumber).event());
  }

  /** Parses the JSON syntax of one line; the error names {@link #LINE_FIELD}. */
  static JsonNode parseTree(String line, long lineNumber) throws SessionLogException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new SessionLogException(lineNumber, LINE_FIELD, "one JSON object", invalidJson(e));
    }
    if (tree == null || !tree.isObject()) {
      throw new SessionLogException(lineNumber, LINE_FIELD, "one JSON object", describe(tree));
    }
    return tree;
  }

  /**
   * What a syntax error found, where: {@code invalid JSON at column 17 (Unexpected end-of-input:
   * expected close marker for Object)}. Jackson's own message repeats a source description ({@code
   * (start marker at [Source: REDACTED ...; line: 1, column: 1])}) that says nothing to a reader.
   */
  static String invalidJson(JsonProcessingException e) {
    String message =
        String.valueOf(e.getOriginalMessage())
            .replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
            .replaceAll("\\s*(at )?\\[Source: [^\\]]*\\]", "")
            .replaceAll("\\s+", " ")
            .strip();
    String where = "";
    if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
      int line = e.getLocation().getLineNr();
      where =
          (line > 1 ? " at line " + line + ", column " : " at column ")
              + e.getLocation().getColumnNr();
    }
    return "invalid JSON" + where + " (" + message + ")";
  }

  /** The type name of a parsed line and its event, null when the type is unknown. */
  record Decoded(String type, @Nullable SessionEvent event) {}

  /** Maps a parsed line to its event. */
  static Decoded decode(JsonNode object, long lineNumber) throws SessionLogException {
    JsonNode typeNode = object.get(TYPE_FIELD);
    if (typeNode == null || !typeNode.isTextual()) {
      throw new SessionLogException(
          lineNumber, TYPE_FIELD, "the event type name as a string", describe(typeNode));
    }
    String name = typeNode.textValue();
    EventType type = BY_NAME.get(name);
    if (type == null) {
      return new Decoded(name, null);
    }
    Object[] values = new Object[type.components.size()];
    for (int i = 0; i < values.length; i++) {
      Component component = type.components.get(i);
      values[i] = component.kind.read(object.get(component.name), component.name, lineNumber);
    }
    try {
      return new Decoded(name, (SessionEvent) type.constructor.newInstance(values));
    } catch (InvocationTargetException e) {
      throw new SessionLogException(
          lineNumber,
          LINE_FIELD,
          "values a " + name + " event accepts",
          String.valueOf(e.getCause()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.recordClass, e);
    }
  }

  /** Writes a double as a number, or null when it is NaN or infinite. */
  static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumber(value);
    } else {
      json.writeNull();
    }
  }

  /** Reads a number (null means NaN). */
  static double readDouble(@Nullable JsonNode node, String field, long lineNumber)
      throws SessionLogException {
    if (node != null && node.isNumber()) {
      return node.doubleValue();
    }
    if (node != null && node.isNull()) {
      return Double.NaN;
    }
    throw new SessionLogException(lineNumber, field, "a number (or null for NaN)", describe(node));
  }

  /** Reads an integer that fits in a long. */
  static long readLong(@Nullable JsonNode node, String field, long lineNumber)
      throws SessionLogException {
    if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    throw new SessionLogException(lineNumber, field, "a 64-bit integer", describe(node));
  }

  /** Reads an integer that fits in an int. */
  static int readInt(@Nullable JsonNode node, String field, long lineNumber)
      throws SessionLogException {
    if (node != null && node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    throw new SessionLogException(lineNumber, field, "a 32-bit integer", describe(node));
  }

  /** Reads a string. */
  static String readString(@Nullable JsonNode node, String field, long lineNumber)
      throws SessionLogException {
    if (node != null && node.isTextual()) {
      return node.textValue();
    }
    throw new SessionLogException(lineNumber, field, "a string", describe(node));
  }

  /** A short description of a JSON value for error messages. */
  static String describe(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing (the field is missing)";
    }
    String kind = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    String text = node.toString();
    if (text.length() > FOUND_TEXT_LIMIT) {
      text = text.substring(0, FOUND_TEXT_LIMIT) + "...";
    }
    return kind + " " + text;
  }

  /** The supported kinds of record component and how each maps to JSON. */
  private enum Kind {
    DOUBLE("a number (or null for NaN)") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        writeDouble(json, (Double) value);
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        return readDouble(node, field, line);
      }

      @Override
      Object defaultValue() {
        return 0.0;
      }
    },
    INT("a 32-bit integer") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeNumber((Integer) value);
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        return readInt(node, field, line);
      }

      @Override
      Object defaultValue() {
        return 0;
      }
    },
    LONG("a 64-bit integer") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeNumber((Long) value);
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        return readLong(node, field, line);
      }

      @Override
      Object defaultValue() {
        return 0L;
      }
    },
    BOOLEAN("true or false") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeBoolean((Boolean) value);
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        if (node != null && node.isBoolean()) {
          return node.booleanValue();
        }
        throw new SessionLogException(line, field, "true or false", describe(node));
      }

      @Override
      Object defaultValue() {
        return false;
      }
    },
    STRING("a string") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeString((String) value);
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        return readString(node, field, line);
      }

      @Override
      Object defaultValue() {
        return "";
      }
    },
    STRING_MAP("an object of strings") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : new TreeMap<>((Map<?, ?>) value).entrySet()) {
          json.writeStringField((String) entry.getKey(), (String) entry.getValue());
        }
        json.writeEndObject();
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : objectEntries(node, field, line, this)) {
          map.put(entry.getKey(), readString(entry.getValue(), field + "." + entry.getKey(), line));
        }
        return map;
      }

      @Override
      Object defaultValue() {
        return Map.of();
      }
    },
    DOUBLE_MAP("an object of numbers") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : new TreeMap<>((Map<?, ?>) value).entrySet()) {
          json.writeFieldName((String) entry.getKey());
          writeDouble(json, (Double) entry.getValue());
        }
        json.writeEndObject();
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : objectEntries(node, field, line, this)) {
          map.put(entry.getKey(), readDouble(entry.getValue(), field + "." + entry.getKey(), line));
        }
        return map;
      }

      @Override
      Object defaultValue() {
        return Map.of();
      }
    },
    LONG_LIST("an array of integers") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeStartArray();
        for (Object element : (List<?>) value) {
          json.writeNumber((Long) element);
        }
        json.writeEndArray();
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        List<Long> list = new ArrayList<>();
        int i = 0;
        for (JsonNode element : arrayElements(node, field, line, this)) {
          list.add(readLong(element, field + "[" + i++ + "]", line));
        }
        return list;
      }

      @Override
      Object defaultValue() {
        return List.of();
      }
    },
    STRING_LIST("an array of strings") {
      @Override
      void write(JsonGenerator json, Object value) throws IOException {
        json.writeStartArray();
        for (Object element : (List<?>) value) {
          json.writeString((String) element);
        }
        json.writeEndArray();
      }

      @Override
      Object read(@Nullable JsonNode node, String field, long line) throws SessionLogException {
        List<String> list = new ArrayList<>();
        int i = 0;
        for (JsonNode element : arrayElements(node, field, line, this)) {
          list.add(readString(element, field + "[" + i++ + "]", line));
        }
        return list;
      }

      @Override
      Object defaultValue() {
        return List.of();
      }
    };

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }

    abstract void write(JsonGenerator json, Object value) throws IOException;

    abstract Object read(@Nullable JsonNode node, String field, long line)
        throws SessionLogException;

    abstract Object defaultValue();

    static Kind of(Type type) {
      if (type == double.class) {
        return DOUBLE;
      } else if (type == int.class) {
        return INT;
      } else if (type == long.class) {
        return LONG;
      } else if (type == boolean.class) {
        return BOOLEAN;
      } else if (type == String.class) {
        return STRING;
      } else if (type instanceof ParameterizedType parameterized) {
        Type raw = parameterized.getRawType();
        Type[] args = parameterized.getActualTypeArguments();
        if (raw == Map.class && args[0] == String.class && args[1] == String.class) {
          return STRING_MAP;
        } else if (raw == Map.class && args[0] == String.class && args[1] == Double.class) {
          return DOUBLE_MAP;
        } else if (raw == List.class && args[0] == Long.class) {
          return LONG_LIST;
        } else if (raw == List.class && args[0] == String.class) {
          return STRING_LIST;
        }
      }
      throw new IllegalStateException("no JSON mapping for a record component of type " + type);
    }

    private static Iterable<Map.Entry<String, JsonNode>> objectEntries(
        @Nullable JsonNode node, String field, long line, Kind kind) throws SessionLogException {
      if (node == null || !node.isObject()) {
        throw new SessionLogException(line, field, kind.expected, describe(node));
      }
      return node.properties();
    }

    private static Iterable<JsonNode> arrayElements(
        @Nullable JsonNode node, String field, long line, Kind kind) throws SessionLogException {
      if (node == null || !node.isArray()) {
        throw new SessionLogException(line, field, kind.expected, describe(node));
      }
      return node;
    }
  }

  /** One record component: its name, kind and accessor. */
  private record Component(String name, Kind kind, Method accessor) {
    Object get(SessionEvent event) {
      try {
        return accessor.invoke(event);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + name + " of " + event.getClass(), e);
      }
    }
  }

  /** One event record class with its log name. */
  private static final class EventType {
    final String name;
    final Class<?> recordClass;
    final List<Component> components;
    final Constructor<?> constructor;

    private EventType(
        String name, Class<?> recordClass, List<Component> components, Constructor<?> constructor) {
      this.name = name;
      this.recordClass = recordClass;
      this.components = components;
      this.constructor = constructor;
    }

    static EventType of(Class<?> recordClass) {
      RecordComponent[] recordComponents = recordClass.getRecordComponents();
      if (recordComponents == null) {
        throw new IllegalStateException(recordClass + " is not a record");
      }
      List<Component> components = new ArrayList<>();
      Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
      Object[] defaults = new Object[recordComponents.length];
      for (int i = 0; i < recordComponents.length; i++) {
        RecordComponent rc = recordComponents[i];
        Kind kind = Kind.of(rc.getGenericType());
        components.add(new Component(rc.getName(), kind, rc.getAccessor()));
        parameterTypes[i] = rc.getType();
        defaults[i] = kind.defaultValue();
      }
      try {
        Constructor<?> constructor = recordClass.getDeclaredConstructor(parameterTypes);
        // The name is the record's own type(); ask a neutral instance for it.
        String name = ((SessionEvent) constructor.newInstance(defaults)).type();
        return new EventType(name, recordClass, List.copyOf(components), constructor);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot construct " + recordClass, e);
      }
    }
  }
}
