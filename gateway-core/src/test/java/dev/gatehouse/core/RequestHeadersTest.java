package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Request headers for filters: own values, or a view of the transport's with or without its own
 * first-value lookup.
 */
class RequestHeadersTest {
  private static final Map<String, List<String>> TRANSPORT =
      new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  static {
    TRANSPORT.put("Mcp-Session-Id", List.of("s1"));
    TRANSPORT.put("Accept", List.of("application/json", "text/event-stream"));
  }

  private static List<String> all(String name) {
    return TRANSPORT.getOrDefault(name, List.of());
  }

  @Test
  void ownValuesAreCaseInsensitiveAndKeepTheirOrder() {
    RequestHeaders h = new RequestHeaders().add("Accept", "a").add("accept", "b");
    assertThat(h.get("ACCEPT")).isEqualTo("a");
    assertThat(h.getAll("accept")).containsExactly("a", "b");
    assertThat(h.contains("Accept")).isTrue();
    assertThat(h.get("origin")).isNull();
    assertThat(h.contains("origin")).isFalse();
  }

  @Test
  void aViewAnswersFromTheTransportAndRefusesAdditions() {
    RequestHeaders view =
        RequestHeaders.view(
            RequestHeadersTest::all, name -> all(name).isEmpty() ? null : all(name).get(0));
    assertThat(view.get("mcp-session-id")).isEqualTo("s1");
    assertThat(view.get("accept")).isEqualTo("application/json");
    assertThat(view.getAll("Accept")).containsExactly("application/json", "text/event-stream");
    assertThat(view.contains("ACCEPT")).isTrue();
    assertThat(view.get("origin")).isNull();
    assertThat(view.contains("origin")).isFalse();
    assertThatThrownBy(() -> view.add("origin", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aViewsFirstValueLookupIsTheOneUsedForSingleValues() {
    RequestHeaders view = RequestHeaders.view(RequestHeadersTest::all, name -> "first:" + name);
    assertThat(view.get("accept")).isEqualTo("first:accept");
    assertThat(view.getAll("accept")).hasSize(2);
  }
}
