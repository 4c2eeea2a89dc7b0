package org.smoothplayer.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.session.SessionEvent.AvDrift;
import org.smoothplayer.app.session.SessionEvent.Decision;
import org.smoothplayer.app.session.SessionEvent.StallEnded;

class SessionJsonTest {

  @Test
  void the_hand_written_events_cover_every_event_type() {
    List<String> types = Events.everyType().stream().map(SessionEvent::type).toList();
    assertThat(types).containsExactlyInAnyOrderElementsOf(SessionJson.typeNames());
  }

  @Test
  void every_event_type_matches_its_golden_json_line_byte_for_byte() throws IOException {
    String lines =
        Events.everyType().stream()
            .map(event -> SessionJson.toJson(event) + "\n")
            .collect(Collectors.joining());
    Golden.check("every-event.jsonl", lines);
  }

  @Test
  void the_golden_json_lines_read_back_equal_to_the_events() throws IOException {
    List<SessionEvent> read =
        SessionLogReader.read(new StringReader(Golden.read("every-event.jsonl")));
    assertThat(read).containsExactlyElementsOf(Events.everyType());
  }

  @Test
  void type_comes_first_then_tMs_then_the_components_in_record_order() {
    String json =
        SessionJson.toJson(new SessionEvent.QualityRendered(431.5, 2, 4_500_000L, 0, 2_000_000L));
    assertThat(json)
        .isEqualTo(
            "{\"type\":\"quality_rendered\",\"tMs\":431.5,\"level\":2,\"bitrateBps\":4500000,"
                + "\"previousLevel\":0,\"positionUs\":2000000}");
  }

  @Test
  void maps_are_written_with_sorted_keys_whatever_their_iteration_order() {
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("z.last", "1 -> 2");
    changes.put("a.first", "x -> y");
    String json = SessionJson.toJson(new SessionEvent.ConfigChanged(1.0, changes));
    assertThat(json).contains("\"changes\":{\"a.first\":\"x -> y\",\"z.last\":\"1 -> 2\"}");
  }

  @Test
  void nan_and_infinite_doubles_are_written_as_null_and_read_back_as_nan() throws IOException {
    SessionEvent drift =
        new AvDrift(Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY, 3);
    String json = SessionJson.toJson(drift);
    assertThat(json)
        .isEqualTo(
            "{\"type\":\"av_drift\",\"tMs\":null,\"driftMs\":null,\"maxAbsDriftMs\":null,"
                + "\"frames\":3}");
    AvDrift read = (AvDrift) SessionJson.fromJson(json, 1).orElseThrow();
    assertThat(read.tMs()).isNaN();
    assertThat(read.driftMs()).isNaN();
    assertThat(read.maxAbsDriftMs()).isNaN();
  }

  @Test
  void a_nan_inside_a_map_of_numbers_survives_the_round_trip() throws IOException {
    Decision decision =
        new Decision(1, 0, 0, 1, "r", 0, 0, -1, Map.of("estimateBps", Double.NaN, "x", 1.5));
    Decision read = (Decision) SessionJson.fromJson(SessionJson.toJson(decision), 1).orElseThrow();
    assertThat(read.numbers().get("estimateBps")).isNaN();
    assertThat(read.numbers()).containsEntry("x", 1.5);
  }

  @Test
  void an_unknown_type_reads_as_nothing() throws IOException {
    assertThat(SessionJson.fromJson("{\"type\":\"from_the_future\",\"tMs\":1}", 1)).isEmpty();
  }

  @Test
  void unknown_keys_of_a_known_type_are_ignored() throws IOException {
    Optional<SessionEvent> read =
        SessionJson.fromJson(
            "{\"type\":\"notice\",\"tMs\":5,\"message\":\"hi\",\"addedLater\":[1,2]}", 1);
    assertThat(read).contains(new SessionEvent.Notice(5, "hi"));
  }

  @Test
  void integers_are_accepted_where_doubles_are_expected() throws IOException {
    assertThat(
            SessionJson.fromJson(
                "{\"type\":\"stall_ended\",\"tMs\":7,\"positionUs\":1," + "\"durationMs\":750}", 1))
        .contains(new StallEnded(7.0, 1, 750.0));
  }

  @Test
  void a_missing_field_names_the_line_the_field_and_what_was_expected() {
    assertThatThrownBy(() -> SessionJson.fromJson("{\"type\":\"seek\",\"tMs\":1,\"fromUs\":5}", 12))
        .isInstanceOfSatisfying(
            SessionLogException.class,
            e -> {
              assertThat(e.lineNumber()).isEqualTo(12);
              assertThat(e.field()).isEqualTo("toUs");
              assertThat(e.expected()).isEqualTo("a 64-bit integer");
              assertThat(e)
                  .hasMessage(
                      "line 12: field \"toUs\": expected a 64-bit integer, found nothing (the field is"
                          + " missing)");
            });
  }

  @Test
  void a_field_of_the_wrong_kind_is_refused_with_what_was_found() {
    assertThatThrownBy(
            () ->
                SessionJson.fromJson(
                    "{\"type\":\"frames_dropped\",\"tMs\":1,\"level\":\"two\",\"count\":1,"
                        + "\"totalDropped\":1}",
                    3))
        .isInstanceOf(SessionLogException.class)
        .hasMessage("line 3: field \"level\": expected a 32-bit integer, found string \"two\"");
  }

  @Test
  void a_fraction_or_an_out_of_range_number_is_not_an_integer() {
    assertThatThrownBy(
            () ->
                SessionJson.fromJson(
                    "{\"type\":\"frames_dropped\",\"tMs\":1,\"level\":1.5,\"count\":1,"
                        + "\"totalDropped\":1}",
                    1))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("level"));
    assertThatThrownBy(
            () ->
                SessionJson.fromJson(
                    "{\"type\":\"frames_dropped\",\"tMs\":1,\"level\":3000000000,\"count\":1,"
                        + "\"totalDropped\":1}",
                    1))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("level"));
  }

  @Test
  void a_bad_element_inside_a_list_or_map_is_named_by_its_path() {
    assertThatThrownBy(
            () ->
                SessionJson.fromJson(
                    "{\"type\":\"manifest_loaded\",\"tMs\":1,\"url\":\"u\",\"live\":false,"
                        + "\"durationUs\":1,\"videoBitratesBps\":[1,\"x\"],"
                        + "\"videoFragmentDurationUs\":1,\"audioLanguages\":[],\"loadMs\":1}",
                    4))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("videoBitratesBps[1]"));
    assertThatThrownBy(
            () ->
                SessionJson.fromJson(
                    "{\"type\":\"config_changed\",\"tMs\":1,\"changes\":{\"k\":3}}", 4))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("changes.k"));
  }

  @Test
  void a_line_without_a_type_or_that_is_not_an_object_is_refused() {
    assertThatThrownBy(() -> SessionJson.fromJson("{\"tMs\":1}", 2))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("type"));
    assertThatThrownBy(() -> SessionJson.fromJson("[1,2]", 2))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("<line>"));
    assertThatThrownBy(() -> SessionJson.fromJson("{\"type\":\"notice\"} trailing", 2))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("<line>"));
  }

  @Test
  void a_line_that_is_not_json_says_where_it_stopped_without_the_parsers_source_dump() {
    assertThatThrownBy(() -> SessionJson.fromJson("{\"type\":\"notice\"", 4))
        .hasMessage(
            "line 4: field \"<line>\": expected one JSON object, found invalid JSON at column 17"
                + " (Unexpected end-of-input: expected close marker for Object)");
    assertThatThrownBy(() -> SessionJson.fromJson("{\"type\": nope}", 4))
        .hasMessageStartingWith(
            "line 4: field \"<line>\": expected one JSON object, found invalid JSON at column ")
        .hasMessageContaining("Unrecognized token 'nope'")
        .hasMessageNotContaining("Source:");
  }

  @Test
  void the_type_name_of_a_record_class_is_its_log_name() {
    assertThat(SessionJson.typeName(SessionEvent.FragmentLoaded.class))
        .isEqualTo("fragment_loaded");
  }
}
