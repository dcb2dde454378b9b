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

  @Test
  void anyStringRoundTripsAsStrictUtf8() throws Exception {
    java.util.Random random = new java.util.Random(42);
    char[][] ranges = {
      {0, 0x7f}, {0x80, 0x7ff}, {0x800, 0xd7ff}, {0xd800, 0xdfff}, {0xe000, 0xffff}
    };
    var strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    for (int n = 0; n < 3000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        if (random.nextInt(8) == 0) {
          sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
        } else {
          char[] r = ranges[random.nextInt(ranges.length)];
          sb.append((char) (r[0] + random.nextInt(r[1] - r[0] + 1)));
        }
      }
      String s = sb.toString();
      byte[] bytes = CanonicalJson.string(s);
      String decoded = strict.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      assertThat(JSON.readTree(decoded).textValue()).isEqualTo(s);
    }
  }

  @Test
  void aValueSerializedEarlierIsCopiedAsItsBytes() throws Exception {
    var payload = JSON.readTree("{\"z\":[1,\"\u00e9\"],\"a\":{\"k\":null}}");
    ObjectNode withTree = JSON.createObjectNode().put("type", "x");
    withTree.set("response", payload);
    ObjectNode withBytes = JSON.createObjectNode().put("type", "x");
    withBytes.set("response", CanonicalJson.serialized(CanonicalJson.write(payload)));
    assertThat(CanonicalJson.write(withBytes)).isEqualTo(CanonicalJson.write(withTree));
    byte[][] a = CanonicalJson.split(withBytes, "seq", "time");
    byte[][] b = CanonicalJson.split(withTree, "seq", "time");
    for (int i = 0; i < 3; i++) {
      assertThat(a[i]).isEqualTo(b[i]);
    }
    // Jackson, should anything else serialize the record, writes the same JSON.
    assertThat(JSON.readTree(JSON.writeValueAsString(withBytes))).isEqualTo(withTree);
  }
}
