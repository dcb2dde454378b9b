package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRpcParserTest {
  private static JsonRpcBody parse(String json) {
    return JsonRpcParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void classifiesRequestsNotificationsAndResponses() {
    var request =
        (JsonRpcBody.Messages)
            parse(
                "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
    assertThat(request.first().kind()).isEqualTo(JsonRpcMessage.Kind.REQUEST);
    assertThat(request.first().targetName()).isEqualTo("x");
    var notification =
        (JsonRpcBody.Messages)
            parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(notification.first().kind()).isEqualTo(JsonRpcMessage.Kind.NOTIFICATION);
    var response = (JsonRpcBody.Messages) parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    assertThat(response.first().kind()).isEqualTo(JsonRpcMessage.Kind.RESPONSE);
    var batch =
        (JsonRpcBody.Messages)
            parse(
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"n\"}]");
    assertThat(batch.batch()).isTrue();
    assertThat(batch.messages()).hasSize(2);
  }

  @Test
  void resourceReadTargetsTheUri() {
    var read =
        (JsonRpcBody.Messages)
            parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://x\"}}");
    assertThat(read.first().targetName()).isEqualTo("test://x");
  }

  @Test
  void invalidJsonIsAParseError() {
    assertThat(parse("{\"jsonrpc\":"))
        .isEqualTo(
            new JsonRpcBody.Invalid(
                JsonRpcErrors.PARSE_ERROR, "Parse error: body is not valid JSON", null));
    assertThat(((JsonRpcBody.Invalid) parse("")).code()).isEqualTo(JsonRpcErrors.PARSE_ERROR);
  }

  @Test
  void aRepeatedKeyIsRefusedSoTheCheckedMessageIsTheForwardedOne() {
    // Jackson would keep the last "name" and check it; a parser keeping the first would call the
    // other tool. The gateway forwards the bytes, so it must refuse the ambiguity.
    var duplicate =
        (JsonRpcBody.Invalid)
            parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"delete_all\",\"name\":\"echo\"}}");
    assertThat(duplicate.code()).isEqualTo(JsonRpcErrors.PARSE_ERROR);
    assertThat(duplicate.message()).contains("a key appears twice").contains("'name'");
  }

  @Test
  void aRepeatedKeyIsRefusedAtEveryDepthAndInsideArrays() {
    // The check runs as the tree is built: each object, however deep or wherever in an array or a
    // batch, must refuse a repeated key, and the message names exactly that key.
    String[] bodies = {
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
          + "\"arguments\":{\"rows\":[{\"a\":1},{\"b\":1,\"b\":2}]}}}",
      "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"method\":\"tools/call\"}]",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"d\":{\"d\":{\"d\":{\"e\":[],\"e\":{}}}}}}",
    };
    String[] keys = {"'id'", "'b'", "'method'", "'e'"};
    for (int i = 0; i < bodies.length; i++) {
      var refused = (JsonRpcBody.Invalid) parse(bodies[i]);
      assertThat(refused.code()).as(bodies[i]).isEqualTo(JsonRpcErrors.PARSE_ERROR);
      assertThat(refused.message())
          .isEqualTo("Parse error: a key appears twice in one object (" + keys[i] + ")");
    }
    // The same name in sibling objects is no repetition.
    assertThat(
            parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"a\":{\"id\":1},\"b\":{\"id\":1}}}"))
        .isInstanceOf(JsonRpcBody.Messages.class);
  }

  @Test
  void aSecondValueAfterTheMessageIsRefused() {
    var twoValues =
        (JsonRpcBody.Invalid)
            parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}"
                    + " {\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_all\"}}");
    assertThat(twoValues.code()).isEqualTo(JsonRpcErrors.PARSE_ERROR);
    assertThat(twoValues.message()).isEqualTo("Parse error: more than one JSON value in the body");
  }

  @Test
  void invalidJsonRpcKeepsTheIdWhereReadable() {
    var wrongVersion =
        (JsonRpcBody.Invalid) parse("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"x\"}");
    assertThat(wrongVersion.code()).isEqualTo(JsonRpcErrors.INVALID_REQUEST);
    assertThat(wrongVersion.id().asInt()).isEqualTo(7);
    assertThat(((JsonRpcBody.Invalid) parse("[]")).message()).contains("empty batch");
    assertThat(((JsonRpcBody.Invalid) parse("42")).code()).isEqualTo(JsonRpcErrors.INVALID_REQUEST);
    assertThat(
            ((JsonRpcBody.Invalid) parse("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"x\"}"))
                .message())
        .contains("null");
    assertThat(
            ((JsonRpcBody.Invalid) parse("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}"))
                .message())
        .contains("id");
    assertThat(
            ((JsonRpcBody.Invalid)
                    parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}"))
                .code())
        .isEqualTo(JsonRpcErrors.INVALID_REQUEST);
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThat(((JsonRpcBody.Invalid) parse(deep)).code()).isEqualTo(JsonRpcErrors.PARSE_ERROR);
  }
}
