package dev.gatehouse.policy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.JsonRpcBody;
import dev.gatehouse.core.JsonRpcMessage;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.policy.PolicyKeys;
import dev.gatehouse.policy.auth.AuthResult.GrantedScopes;
import dev.gatehouse.policy.config.PolicyConfigException;
import dev.gatehouse.policy.testing.Exchanges;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final Identity ENGINEER =
      new Identity("alice", "Alice", Set.of("engineering"), Identity.Kind.USER, null, "i");
  static final Identity SUPPORT =
      new Identity("sam", "Sam", Set.of("support"), Identity.Kind.USER, null, "i");
  static final Identity CI =
      new Identity("deploy-bot", "deploy-bot", Set.of("ci"), Identity.Kind.SERVICE, null, "i");
  static final Identity STRANGER =
      new Identity("eve", "Eve", Set.of("marketing"), Identity.Kind.USER, null, "i");

  /** The example of docs/access-policy.md. */
  static final String CONFIG =
      """
      {"rules": [
        {"name": "engineers", "groups": ["engineering"],
         "allow": {"tools": ["*"], "resources": ["repo://*"], "prompts": ["*"],
                   "methods": ["completion/complete", "logging/setLevel"]}},
        {"name": "support-read", "groups": ["support"],
         "allow": {"tools": ["search_*", "get_*"], "resources": ["repo://docs/*"]}},
        {"name": "ci", "kinds": ["service"], "allow": {"tools": ["create_release"]}},
        {"name": "no-destructive", "everyone": true,
         "deny": {"tools": ["delete_*", "drop_*"], "methods": ["resources/subscribe"]}}
      ]}
      """;

  static AccessPolicy policy() throws Exception {
    return AccessPolicySettings.parse(JSON.readTree(CONFIG), "/connections/github/access");
  }

  static JsonRpcMessage message(String json) {
    JsonRpcBody body = JsonRpcParser.parse(json.getBytes(StandardCharsets.UTF_8));
    return ((JsonRpcBody.Messages) body).first();
  }

  static JsonRpcMessage call(String tool) {
    return message(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\"}}");
  }

  @Test
  void rulesAllowByGroupAndKind() throws Exception {
    AccessPolicy p = policy();
    assertThat(p.decide(ENGINEER, call("create_issue")))
        .extracting(AccessDecision::allowed, AccessDecision::rule)
        .containsExactly(true, "engineers");
    assertThat(p.decide(SUPPORT, call("search_issues")).allowed()).isTrue();
    assertThat(p.decide(SUPPORT, call("create_issue")).rule()).isEqualTo("default-deny");
    assertThat(p.decide(CI, call("create_release")).rule()).isEqualTo("ci");
    assertThat(p.decide(CI, call("search_issues")).allowed()).isFalse();
  }

  @Test
  void denyOverridesAllow() throws Exception {
    AccessDecision d = policy().decide(ENGINEER, call("delete_repo"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.rule()).isEqualTo("no-destructive");
    JsonRpcMessage subscribe =
        message(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"repo://x\"}}");
    assertThat(policy().decide(ENGINEER, subscribe).rule()).isEqualTo("no-destructive");
    JsonRpcMessage read =
        message(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"repo://x\"}}");
    assertThat(policy().decide(ENGINEER, read).allowed()).isTrue();
  }

  @Test
  void defaultDenyAndProtocolMethods() throws Exception {
    AccessPolicy p = policy();
    JsonRpcMessage init =
        message("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
    JsonRpcMessage initialized =
        message("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    JsonRpcMessage reply = message("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}");
    JsonRpcMessage complete =
        message("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"completion/complete\",\"params\":{}}");
    for (JsonRpcMessage m : new JsonRpcMessage[] {init, initialized, reply}) {
      assertThat(p.decide(SUPPORT, m).rule()).isEqualTo("protocol");
      assertThat(p.decide(STRANGER, m).allowed()).as("not a member").isFalse();
    }
    assertThat(p.decide(ENGINEER, complete).allowed()).isTrue();
    assertThat(p.decide(SUPPORT, complete).allowed()).isFalse();
    assertThat(
            p.decide(ENGINEER, message("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/list\"}"))
                .allowed())
        .isFalse();
    assertThat(AccessPolicy.DENY_ALL.decide(ENGINEER, init).allowed()).isFalse();
    assertThat(
            p.decide(
                    ENGINEER,
                    message(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}"))
                .allowed())
        .as("a call naming no tool")
        .isFalse();
  }

  @Test
  void listsAreFilteredWithTheCallPredicate() throws Exception {
    ObjectNode result =
        (ObjectNode)
            JSON.readTree(
                "{\"tools\":[{\"name\":\"search_issues\"},{\"name\":\"create_issue\"},"
                    + "{\"name\":\"delete_repo\"},{\"noname\":1}],\"nextCursor\":\"c\"}");
    int removed = ListFilter.filter("tools/list", result, policy(), SUPPORT);
    assertThat(removed).isEqualTo(3);
    assertThat(result.get("tools")).hasSize(1);
    assertThat(result.get("tools").get(0).get("name").asText()).isEqualTo("search_issues");
    assertThat(result.get("nextCursor").asText()).isEqualTo("c");

    ObjectNode templates =
        (ObjectNode)
            JSON.readTree(
                "{\"resourceTemplates\":[{\"uriTemplate\":\"repo://docs/{path}\"},"
                    + "{\"uriTemplate\":\"repo://src/{path}\"}]}");
    ListFilter.filter("resources/templates/list", templates, policy(), SUPPORT);
    assertThat(templates.get("resourceTemplates")).hasSize(1);
  }

  @Test
  void filterRefusesCallsWith403AndFiltersListReplies() throws Exception {
    AccessPolicy p = policy();
    AuthorizationFilter filter =
        new AuthorizationFilter(c -> "github".equals(c) ? p : null, c -> "https://gw/prm");

    McpExchange denied =
        Exchanges.post(
            "github",
            "/mcp/github",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"create_issue\"}}");
    denied.identity(SUPPORT);
    Decision d = filter.onRequest(denied);
    assertThat(d).isInstanceOf(Decision.Respond.class);
    Decision.Respond r = (Decision.Respond) d;
    assertThat(r.reply().status()).isEqualTo(403);
    assertThat(r.reply().body().get("id").asInt()).isEqualTo(9);
    assertThat(r.reply().body().at("/error/message").asText()).contains("create_issue");
    assertThat(r.verdict().outcome()).isEqualTo(Verdict.Outcome.BLOCKED);
    assertThat(r.verdict().rule()).isEqualTo("authz:default-deny");
    assertThat(r.reply().headers()).doesNotContainKey("WWW-Authenticate");

    McpExchange list =
        Exchanges.post(
            "github",
            "/mcp/github",
            "{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"method\":\"tools/list\"}");
    list.identity(SUPPORT);
    assertThat(filter.onRequest(list)).isEqualTo(Decision.CONTINUE);
    assertThat(list.get(PolicyKeys.ACCESS_RULE)).isEqualTo("protocol");
    ObjectNode reply =
        (ObjectNode)
            JSON.readTree(
                "{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"result\":{\"tools\":[{\"name\":\"get_issue\"},{\"name\":\"create_issue\"}]}}");
    filter.onServerMessage(list, new ServerMessage(reply, false, 200));
    assertThat(reply.at("/result/tools")).hasSize(1);

    McpExchange unknownConnection =
        Exchanges.post("other", "/mcp/other", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    unknownConnection.identity(ENGINEER);
    assertThat(filter.onRequest(unknownConnection)).isInstanceOf(Decision.Respond.class);

    McpExchange batch =
        Exchanges.post(
            "github",
            "/mcp/github",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"drop_db\"}}]");
    batch.identity(ENGINEER);
    Decision.Respond batchRefused = (Decision.Respond) filter.onRequest(batch);
    assertThat(batchRefused.reply().body().get("id").asInt()).isEqualTo(2);

    McpExchange stream = Exchanges.post("github", "/mcp/github", null);
    stream.identity(SUPPORT);
    assertThat(filter.onRequest(stream)).isEqualTo(Decision.CONTINUE);
    stream.identity(STRANGER);
    assertThat(filter.onRequest(stream)).isInstanceOf(Decision.Respond.class);
  }

  @Test
  void missingScopeGets403WithInsufficientScope() throws Exception {
    JsonNode cfg =
        JSON.readTree(
            "{\"scopes\":[\"mcp:tools\"],\"rules\":[{\"name\":\"all\",\"everyone\":true,\"allow\":{\"tools\":[\"*\"]}}]}");
    AccessPolicy p = AccessPolicySettings.parse(cfg, "/connections/c/access");
    AuthorizationFilter filter = new AuthorizationFilter(c -> p, c -> "https://gw/prm");
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    McpExchange lacking = Exchanges.post("c", "/mcp/c", ping);
    lacking.identity(ENGINEER);
    lacking.put(PolicyKeys.SCOPES, GrantedScopes.of(Set.of("openid")));
    Decision.Respond r = (Decision.Respond) filter.onRequest(lacking);
    assertThat(r.reply().status()).isEqualTo(403);
    assertThat(r.reply().headers().get("WWW-Authenticate"))
        .isEqualTo(
            "Bearer resource_metadata=\"https://gw/prm\", error=\"insufficient_scope\","
                + " error_description=\"the token lacks a required scope\", scope=\"mcp:tools\"");

    McpExchange having = Exchanges.post("c", "/mcp/c", ping);
    having.identity(ENGINEER);
    having.put(PolicyKeys.SCOPES, GrantedScopes.of(Set.of("mcp:tools")));
    assertThat(filter.onRequest(having)).isEqualTo(Decision.CONTINUE);

    McpExchange serviceToken = Exchanges.post("c", "/mcp/c", ping);
    serviceToken.identity(CI);
    serviceToken.put(PolicyKeys.SCOPES, GrantedScopes.NOT_APPLICABLE);
    assertThat(filter.onRequest(serviceToken)).isEqualTo(Decision.CONTINUE);

    McpExchange unauthenticated = Exchanges.post("c", "/mcp/c", ping);
    assertThat(filter.onRequest(unauthenticated))
        .as("no scopes attached: fail closed")
        .isInstanceOf(Decision.Respond.class);
  }

  @Test
  void configErrorsNameTheKey() {
    assertThatThrownBy(() -> parse("{\"rules\":[{\"name\":\"r\",\"allow\":{\"tools\":[\"*\"]}}]}"))
        .isInstanceOf(PolicyConfigException.class)
        .hasMessageContaining("/connections/c/access/rules/0")
        .hasMessageContaining("say whom");
    assertThatThrownBy(() -> parse("{\"rules\":[{\"name\":\"r\",\"everyone\":true,\"alow\":{}}]}"))
        .extracting(e -> ((PolicyConfigException) e).pointer())
        .isEqualTo("/connections/c/access/rules/0/alow");
    assertThatThrownBy(() -> parse("{\"rules\":[{\"name\":\"r\",\"everyone\":true}]}"))
        .hasMessageContaining("allow or a deny");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"rules\":[{\"name\":\"r\",\"kinds\":[\"robot\"],\"allow\":{\"tools\":[\"a\"]}}]}"))
        .extracting(e -> ((PolicyConfigException) e).pointer())
        .isEqualTo("/connections/c/access/rules/0/kinds");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"rules\":[{\"name\":\"r\",\"everyone\":true,\"allow\":{\"tools\":[\"a\"]}},"
                        + "{\"name\":\"r\",\"everyone\":true,\"allow\":{\"tools\":[\"b\"]}}]}"))
        .hasMessageContaining("used twice");
  }

  static AccessPolicy parse(String json) throws Exception {
    return AccessPolicySettings.parse(JSON.readTree(json), "/connections/c/access");
  }

  @Test
  void globs() {
    assertThat(new Glob("*").matches("")).isTrue();
    assertThat(new Glob("get_*").matches("get_issue")).isTrue();
    assertThat(new Glob("get_*").matches("xget_issue")).isFalse();
    assertThat(new Glob("repo://*/readme").matches("repo://a/b/readme")).isTrue();
    assertThat(new Glob("a?c").matches("abc")).isTrue();
    assertThat(new Glob("a?c").matches("ac")).isFalse();
    assertThat(new Glob("*a*a*a*a*b").matches("a".repeat(5000))).isFalse();
  }
}
