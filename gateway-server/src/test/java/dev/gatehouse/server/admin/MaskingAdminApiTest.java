package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.e2e.support.RawMcp;
import dev.gatehouse.server.features.MaskingStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masking admin API through a running gateway, with a real OIDC provider (mock-oauth2-server),
 * the demo's sample server upstream and audit on: a rule added, changed and removed applies to the
 * very next call; only admins get in; invalid rules change nothing; a change survives a restart;
 * every change is an audit record with its actor, and the log verifies.
 */
class MaskingAdminApiTest {
  private static final String RULES = "/admin/masking/rules";
  private static final String CUSTOM = "/admin/masking/sets/default/custom";

  @RegisterExtension static final IdpAndSampleServer ENV = new IdpAndSampleServer();

  @TempDir Path dir;

  private static String token(String subject, String group) {
    return ENV.idp()
        .issueToken("corp", subject, AdminGateway.AUDIENCE, Map.of("groups", List.of(group)), 3600)
        .serialize();
  }

  private static String admin() {
    return token("alice", AdminGateway.ADMINS);
  }

  private static String support() {
    return token("sam", "support");
  }

  private AdminGateway gateway() throws Exception {
    if (!Files.exists(dir.resolve("audit.key"))) {
      AdminGateway.keygen(dir);
    }
    return AdminGateway.start(
        dir, ENV.upstream().endpoint().toString(), AdminGateway.auth(ENV.issuer(), true));
  }

  @Test
  void ruleAddedChangedAndRemovedThroughTheAdminApiAppliesToTheVeryNextCall() throws Exception {
    String user = support();
    String alice = admin();
    String hashAfterAdd;
    try (AdminGateway gw = gateway()) {
      RawMcp mcp = gw.session(user);
      assertThat(AdminGateway.lookup(mcp, user, "ada")).contains("Lovelace");

      AdminClient.Reply added =
          gw.admin()
              .send("POST", CUSTOM, alice, "{\"name\":\"codenames\",\"terms\":[\"Lovelace\"]}");
      assertThat(added.status()).as(added.toString()).isEqualTo(201);
      assertThat(added.json().at("/sets/default/custom/0/name").asText()).isEqualTo("codenames");
      hashAfterAdd = added.header("Gatehouse-Config-Hash");
      assertThat(AdminGateway.lookup(mcp, user, "ada"))
          .doesNotContain("Lovelace")
          .contains("[CODENAMES]");

      AdminClient.Reply changed =
          gw.admin()
              .send(
                  "PUT",
                  CUSTOM + "/codenames",
                  alice,
                  "{\"regex\":\"C-[0-9]{4}\",\"label\":\"CUSTOMER_ID\"}");
      assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
      String ada = AdminGateway.lookup(mcp, user, "ada");
      assertThat(ada).contains("Lovelace").contains("[CUSTOMER_ID]").doesNotContain("C-1001");

      AdminClient.Reply listed = gw.admin().send("GET", CUSTOM + "/codenames", alice, null);
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.json().path("regex").asText()).isEqualTo("C-[0-9]{4}");

      AdminClient.Reply removed = gw.admin().send("DELETE", CUSTOM + "/codenames", alice, null);
      assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
      assertThat(removed.json().at("/sets/default/custom").size()).isZero();
      assertThat(AdminGateway.lookup(mcp, user, "ada")).contains("C-1001");
      // Built-in detectors stayed on through all of it.
      assertThat(AdminGateway.lookup(mcp, user, "ada")).doesNotContain("ada.lovelace@example.com");
    }

    List<JsonNode> changes = AdminGateway.configChanges(dir);
    assertThat(changes).hasSize(3);
    for (JsonNode change : changes) {
      assertThat(change.path("source").asText()).isEqualTo("admin-api");
      assertThat(change.path("actor").asText()).isEqualTo("alice");
      assertThat(change.at("/detail/identity/groups").toString()).contains(AdminGateway.ADMINS);
      assertThat(change.at("/detail/before")).isNotEqualTo(change.at("/detail/after"));
    }
    JsonNode add = changes.get(0);
    assertThat(add.at("/detail/operation").asText()).isEqualTo("POST " + CUSTOM);
    assertThat(add.at("/detail/before/sets/default/custom").size()).isZero();
    assertThat(add.at("/detail/after/sets/default/custom/0/terms/0").asText())
        .isEqualTo("Lovelace");
    assertThat(add.path("configHash").asText()).isEqualTo(hashAfterAdd);
    assertThat(changes.get(1).path("previousConfigHash").asText()).isEqualTo(hashAfterAdd);
    // Exchanges after the change name the config they were masked under.
    assertThat(
            AdminGateway.records(dir).stream()
                .filter(r -> r.path("type").asText().equals("exchange"))
                .map(r -> r.path("configHash").asText()))
        .contains(hashAfterAdd);
    assertThat(AdminGateway.verify(dir)).isNotBlank();
  }

  @Test
  void onlyAnAdminGetsInAndARefusalChangesNothing() throws Exception {
    try (AdminGateway gw = gateway()) {
      AdminClient admin = gw.admin();
      AdminClient.Reply anonymous = admin.send("GET", RULES, null, null);
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(admin.send("GET", RULES, "not-a-jwt", null).status()).isEqualTo(401);

      String rule = "{\"name\":\"codenames\",\"terms\":[\"Lovelace\"]}";
      AdminClient.Reply user = admin.send("POST", CUSTOM, support(), rule);
      assertThat(user.status()).isEqualTo(403);
      assertThat(user.json().path("message").asText()).contains("sam").contains("admin group");
      assertThat(admin.send("POST", CUSTOM, null, rule).status()).isEqualTo(401);

      AdminClient.Reply rules = admin.send("GET", RULES, admin(), null);
      assertThat(rules.status()).isEqualTo(200);
      assertThat(rules.json().at("/sets/default/custom").size()).isZero();
      assertThat(rules.json().at("/sets/default/detectors/email/action").asText())
          .isEqualTo("redact");
      assertThat(rules.header("ETag")).isNotBlank();
      // The probes stay open for orchestrators.
      assertThat(admin.send("GET", "/healthz", null, null).status()).isEqualTo(200);
    }
    assertThat(AdminGateway.configChanges(dir)).isEmpty();
    assertThat(dir.resolve("state").resolve(MaskingStateFile.FILE_NAME)).doesNotExist();
  }

  @Test
  void invalidRulesAreRefusedWithTheReasonAndNothingChanges() throws Exception {
    try (AdminGateway gw = gateway()) {
      AdminClient admin = gw.admin();
      String alice = admin();
      String etag = admin.send("GET", RULES, alice, null).header("ETag");

      AdminClient.Reply nested =
          admin.send("POST", CUSTOM, alice, "{\"name\":\"greedy\",\"regex\":\"(a+)+b\"}");
      assertThat(nested.status()).isEqualTo(400);
      assertThat(nested.json().path("error").asText()).isEqualTo("invalid_rules");
      assertThat(nested.json().path("message").asText()).contains("default/greedy");

      AdminClient.Reply unknown =
          admin.send("PUT", RULES, alice, "{\"detectors\":{\"emial\":{\"action\":\"redact\"}}}");
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().path("message").asText()).contains("emial");

      assertThat(admin.send("PUT", RULES, alice, "{not json").status()).isEqualTo(400);
      assertThat(admin.send("DELETE", CUSTOM + "/nothing", alice, null).status()).isEqualTo(404);
      assertThat(admin.send("PATCH", RULES, alice, "{}").header("Allow")).contains("PUT");

      AdminClient.Reply stale =
          admin.send(
              "POST",
              CUSTOM,
              alice,
              "{\"name\":\"codenames\",\"terms\":[\"Lovelace\"]}",
              Map.of("If-Match", "\"0123456789abcdef0123456789abcdef\""));
      assertThat(stale.status()).isEqualTo(412);

      assertThat(admin.send("GET", RULES, alice, null).header("ETag")).isEqualTo(etag);
      RawMcp mcp = gw.session(support());
      assertThat(AdminGateway.lookup(mcp, support(), "ada")).contains("Lovelace");
    }
    assertThat(AdminGateway.configChanges(dir)).isEmpty();
    assertThat(dir.resolve("state").resolve(MaskingStateFile.FILE_NAME)).doesNotExist();
  }

  @Test
  void aChangeSurvivesARestartAndAResetRestoresTheConfigurationFile() throws Exception {
    String alice = admin();
    String user = support();
    String etag;
    try (AdminGateway gw = gateway()) {
      // Only email, plus customer ids: phone numbers are no longer masked.
      AdminClient.Reply put =
          gw.admin()
              .send(
                  "PUT",
                  RULES,
                  alice,
                  """
                  {"detectors": ["email"],
                   "custom": [{"name": "customer_id", "regex": "C-[0-9]{4}"}]}""");
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
      etag = put.header("ETag");
    }
    assertThat(dir.resolve("state").resolve(MaskingStateFile.FILE_NAME)).exists();

    try (AdminGateway gw = gateway()) {
      AdminClient.Reply rules = gw.admin().send("GET", RULES, alice, null);
      assertThat(rules.header("ETag")).isEqualTo(etag);
      RawMcp mcp = gw.session(user);
      String ada = AdminGateway.lookup(mcp, user, "ada");
      assertThat(ada)
          .contains("[CUSTOMER_ID]")
          .contains("+44 20 7946 0958")
          .doesNotContain("ada.lovelace@example.com");

      AdminClient.Reply reset = gw.admin().send("DELETE", RULES, alice, null);
      assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
      assertThat(AdminGateway.lookup(mcp, user, "ada"))
          .contains("C-1001")
          .doesNotContain("+44 20 7946 0958");
    }
    assertThat(dir.resolve("state").resolve(MaskingStateFile.FILE_NAME)).doesNotExist();

    List<JsonNode> changes = AdminGateway.configChanges(dir);
    assertThat(changes)
        .extracting(c -> c.path("source").asText())
        .containsExactly("admin-api", "admin-state", "admin-api");
    JsonNode restart = changes.get(1);
    assertThat(restart.at("/detail/savedBy").asText()).isEqualTo("alice");
    assertThat(restart.path("configHash").asText())
        .isEqualTo(changes.get(0).path("configHash").asText());
    // After the reset, the config hash is the file's own again (that of the start record).
    String fileHash =
        AdminGateway.records(dir).stream()
            .filter(r -> r.path("type").asText().equals("gateway-start"))
            .findFirst()
            .orElseThrow()
            .path("configHash")
            .asText();
    assertThat(changes.get(2).path("configHash").asText()).isEqualTo(fileHash);
    AdminGateway.verify(dir);
  }

  @Test
  void withoutAnAdminGroupOrWithoutAuthTheAdminApiRefusesEverything() throws Exception {
    AdminGateway.keygen(dir);
    try (AdminGateway gw =
        AdminGateway.start(
            dir, ENV.upstream().endpoint().toString(), AdminGateway.auth(ENV.issuer(), false))) {
      AdminClient.Reply refused = gw.admin().send("GET", RULES, admin(), null);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).contains("auth.adminGroup");
      assertThat(gw.admin().send("GET", "/readyz", null, null).status()).isIn(200, 503);
    }
    try (AdminGateway gw = AdminGateway.start(dir, ENV.upstream().endpoint().toString(), "")) {
      AdminClient.Reply refused =
          gw.admin().send("PUT", RULES, admin(), "{\"detectors\":[\"email\"]}");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).contains("no auth section");
    }
    assertThat(AdminGateway.configChanges(dir)).isEmpty();
  }
}
