package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.RequestHeaders;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.features.MaskingFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-rule routes (custom, fields, detectors) and the whole-rules routes without HTTP: each
 * edit lands in the rules in force, and every refusal leaves them untouched.
 */
class MaskingRoutesTest {
  private static final Identity ALICE =
      new Identity("alice", "Alice", Set.of("admins"), Identity.Kind.USER, null, "https://idp");

  @TempDir Path dir;
  private MaskingFeature masking;
  private MaskingAdmin admin;
  private MaskingRoutes routes;

  @BeforeEach
  void start() {
    masking =
        MaskingFeature.from(
            ConfigLoader.fromString(
                """
                admin:
                  stateDir: %s
                masking:
                  sets:
                    standard:
                      detectors: [email, phone]
                      fields: [{name: secrets, keys: [password]}]
                    open:
                      detectors: [jwt]
                  default_set: standard
                connections:
                  demo:
                    upstream: http://127.0.0.1:3001/mcp
                """
                    .formatted(dir),
                "routes-test.yaml"));
    admin = MaskingAdmin.start(masking, null, "file-hash");
    routes = new MaskingRoutes(admin);
  }

  @AfterEach
  void stop() {
    admin.close();
  }

  private AdminReply call(String method, String path, String body) {
    AdminRequest request =
        new AdminRequest(
            method,
            path,
            path,
            new RequestHeaders(),
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
            "127.0.0.1");
    try {
      return routes.route(request, ALICE).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (AdminProblem problem) {
      return problem.reply();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof AdminProblem problem) {
        return problem.reply();
      }
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode inForce(String pointer) {
    return masking.filter().rules().toJson().at(pointer);
  }

  @Test
  void fieldRulesAreAddedChangedAndRemoved() {
    String base = "/admin/masking/sets/standard/fields";
    assertThat(call("POST", base, "{\"name\":\"ids\",\"keys\":[\"ssn\"]}").status()).isEqualTo(201);
    assertThat(inForce("/sets/standard/fields/1/keys/0").asText()).isEqualTo("ssn");
    assertThat(call("POST", base, "{\"name\":\"ids\",\"keys\":[\"x\"]}").status()).isEqualTo(409);

    AdminReply changed = call("PUT", base + "/ids", "{\"keys\":[\"ssn\",\"*token*\"]}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(inForce("/sets/standard/fields/1/keys/1").asText()).isEqualTo("*token*");
    assertThat(call("GET", base + "/ids", null).body().path("name").asText()).isEqualTo("ids");
    assertThat(call("PUT", base + "/ids", "{\"name\":\"other\",\"keys\":[\"a\"]}").status())
        .isEqualTo(400);

    assertThat(call("DELETE", base + "/ids", null).status()).isEqualTo(200);
    assertThat(inForce("/sets/standard/fields").size()).isEqualTo(1);
    assertThat(call("GET", base, null).body().size()).isEqualTo(1);
  }

  @Test
  void detectorsAreTurnedOnWithOptionsAndOff() {
    String iban = "/admin/masking/sets/standard/detectors/iban";
    assertThat(call("GET", iban, null).status()).isEqualTo(404);
    assertThat(call("PUT", iban, "{\"action\":\"partial\",\"keep\":4}").status()).isEqualTo(200);
    assertThat(inForce("/sets/standard/detectors/iban/action").asText()).isEqualTo("partial");
    assertThat(call("GET", "/admin/masking/sets/standard/detectors", null).body().has("iban"))
        .isTrue();

    AdminReply badOption = call("PUT", iban, "{\"kep\":4}");
    assertThat(badOption.status()).isEqualTo(400);
    assertThat(badOption.body().path("message").asText()).contains("standard/iban").contains("kep");
    assertThat(inForce("/sets/standard/detectors/iban/keep").asInt()).isEqualTo(4);

    assertThat(call("DELETE", "/admin/masking/sets/standard/detectors/phone", null).status())
        .isEqualTo(200);
    assertThat(inForce("/sets/standard/detectors").has("phone")).isFalse();
    assertThat(call("DELETE", "/admin/masking/sets/standard/detectors/phone", null).status())
        .isEqualTo(404);
    assertThat(
            call("PUT", "/admin/masking/sets/standard/detectors/emial", "{}")
                .body()
                .path("message")
                .asText())
        .contains("unknown detector");
  }

  @Test
  void unknownSetsAndRoutesAre404AndWrongMethods405() {
    assertThat(call("GET", "/admin/masking/sets/nope", null).body().path("message").asText())
        .contains("standard, open");
    assertThat(call("GET", "/admin/masking/sets/open/things", null).status()).isEqualTo(404);
    assertThat(call("GET", "/admin/masking", null).status()).isEqualTo(404);
    AdminReply wrong = call("POST", "/admin/masking/rules", "{}");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.headers().get("Allow")).isEqualTo("GET, PUT, DELETE");
    assertThat(call("POST", "/admin/masking/sets/open/custom", "[1]").status()).isEqualTo(400);
    assertThat(call("POST", "/admin/masking/sets/open/custom", null).status()).isEqualTo(400);
  }

  @Test
  void aWriteThatChangesNothingIsNotSavedAndAResetRestoresTheFile() {
    AdminReply same = call("PUT", "/admin/masking/rules", admin.rules().toString());
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.headers().get("Gatehouse-Config-Hash")).isEqualTo("file-hash");
    assertThat(admin.fromState()).isFalse();
    assertThat(masking.stateFile().path()).doesNotExist();

    call("PUT", "/admin/masking/rules", "{\"detectors\":[\"jwt\"]}");
    assertThat(admin.fromState()).isTrue();
    assertThat(admin.configHash()).hasSize(64).isNotEqualTo("file-hash");
    assertThat(inForce("/default_set").asText()).isEqualTo("default");

    AdminReply reset = call("DELETE", "/admin/masking/rules", null);
    assertThat(reset.status()).isEqualTo(200);
    assertThat(admin.configHash()).isEqualTo("file-hash");
    assertThat(inForce("/default_set").asText()).isEqualTo("standard");
    assertThat(masking.stateFile().path()).doesNotExist();
  }
}
