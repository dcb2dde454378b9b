package dev.gatehouse.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sortsKeysEscapesMinimallyAndHasNoWhitespace() throws Exception {
    var node =
        JSON.readTree(
            "{ \"b\": [1, 2.50, -0.0, 1e3, true, null], \"a\": {\"é\": \"line\\nbreak \\u0007 \\\"q\\\" \\\\ \\ud800\"}, \"A\": 12345678901234567890 }");
    assertThat(new String(CanonicalJson.write(node), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"A\":12345678901234567890,\"a\":{\"é\":\"line\\nbreak \\u0007 \\\"q\\\" \\\\ \\ud800\"},\"b\":[1,2.5,0,1000,true,null]}");
  }

  @Test
  void splitAroundSeqAndTimeGivesTheSameBytesAsWrite() throws Exception {
    for (String json :
        new String[] {
          "{}",
          "{\"a\":1}",
          "{\"zz\":1}",
          "{\"session\":\"s\"}",
          "{\"a\":1,\"session\":\"s\",\"type\":\"x\",\"identity\":{\"subject\":\"u\"}}",
          "{\"target\":\"t\",\"sf\":2}"
        }) {
      ObjectNode rec = (ObjectNode) JSON.readTree(json);
      byte[][] parts = CanonicalJson.split(rec, "seq", "time");
      StringBuilder joined = new StringBuilder("{");
      String p0 = new String(parts[0], StandardCharsets.UTF_8);
      String p1 = new String(parts[1], StandardCharsets.UTF_8);
      String p2 = new String(parts[2], StandardCharsets.UTF_8);
      joined.append(p0.isEmpty() ? "" : p0 + ",").append("\"seq\":7,");
      joined.append(p1.isEmpty() ? "" : p1 + ",").append("\"time\":\"T\"");
      joined.append(p2.isEmpty() ? "" : "," + p2).append('}');
      rec.put("seq", 7);
      rec.put("time", "T");
      assertThat(joined.toString())
          .as(json)
          .isEqualTo(new String(CanonicalJson.write(rec), StandardCharsets.UTF_8));
    }
  }

  @Test
  void stringsCopyPlainRunsAndEscapeAtRunBoundaries() {
    // Escapes at the very start and end, between plain runs, and a surrogate pair (kept raw)
    // next to a lone surrogate (escaped).
    String s = "\"start \uD83D\uDE00 mid\u0001\\x\uDC00end\n";
    assertThat(new String(CanonicalJson.string(s), StandardCharsets.UTF_8))
        .isEqualTo("\"\\\"start \uD83D\uDE00 mid\\u0001\\\\x\\udc00end\\n\"");
    assertThat(new String(CanonicalJson.string(""), StandardCharsets.UTF_8)).isEqualTo("\"\"");
    assertThat(new String(CanonicalJson.string("plain"), StandardCharsets.UTF_8))
        .isEqualTo("\"plain\"");
  }
}
