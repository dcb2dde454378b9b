package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error names the key (JSON pointer) and the line a person has to edit. */
class ConfigErrorsTest {
  private static final String CONNECTION =
      "connections:\n  demo:\n    upstream: http://127.0.0.1:3001/mcp\n";

  private static ConfigException error(String yaml) {
    return error(yaml, Map.of());
  }

  private static ConfigException error(String yaml, Map<String, String> env) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.parse(yaml, "test.yaml").resolve(env::get));
    assertThat(e).as("expected a ConfigException for:%n%s", yaml).isNotNull();
    return e;
  }

  @Test
  void badDuration() {
    ConfigException e = error("timeouts:\n  response: 30s\n  connect: 5 seconds\n" + CONNECTION);

    assertThat(e.pointer()).isEqualTo("/timeouts/connect");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage())
        .startsWith("config key /timeouts/connect (line 3): must be a positive duration")
        .contains("250ms, 5s, 2m, 1h")
        .endsWith("found '5 seconds'");
  }

  @Test
  void durationWithoutUnitAndZeroDuration() {
    assertThat(error("pool:\n  idleTimeout: 30\n" + CONNECTION).pointer())
        .isEqualTo("/pool/idleTimeout");
    assertThat(error("timeouts:\n  sseIdle: 0s\n" + CONNECTION).getMessage())
        .contains("/timeouts/sseIdle (line 2)");
  }

  @Test
  void unknownKeyInAnOwnedSectionSuggestsTheRightOne() {
    ConfigException e = error("timeouts:\n  conect: 5s\n" + CONNECTION);

    assertThat(e.pointer()).isEqualTo("/timeouts/conect");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.detail())
        .isEqualTo(
            "unknown key (did you mean 'connect'?); known keys here: connect, request, response,"
                + " sseIdle");
  }

  @Test
  void unknownTopLevelSection() {
    ConfigException e = error(CONNECTION + "conections: {}\n");

    assertThat(e.pointer()).isEqualTo("/conections");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.detail()).contains("did you mean 'connections'?");
  }

  @Test
  void unknownKeyInAConnection() {
    ConfigException e = error(CONNECTION + "    upstreem: http://x/mcp\n");

    assertThat(e.pointer()).isEqualTo("/connections/demo/upstreem");
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void missingUpstreamPointsAtTheConnection() {
    ConfigException e = error("connections:\n  crm:\n    legacySseUpstream: http://h/sse\n");

    assertThat(e.pointer()).isEqualTo("/connections/crm/upstream");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.detail()).startsWith("is required");
  }

  @Test
  void noConnectionsAtAll() {
    assertThat(error("pool:\n  maxConnections: 4\n").pointer()).isEqualTo("/connections");
    ConfigException empty = error("connections: {}\n");
    assertThat(empty.line()).isEqualTo(1);
    assertThat(empty.detail()).startsWith("at least one connection is needed");
  }

  @Test
  void badUrls() {
    ConfigException scheme = error("connections:\n  a:\n    upstream: ftp://h/mcp\n");
    assertThat(scheme.pointer()).isEqualTo("/connections/a/upstream");
    assertThat(scheme.line()).isEqualTo(3);
    assertThat(scheme.detail()).contains("must be an absolute http:// or https:// URL");

    ConfigException relative = error("connections:\n  a:\n    upstream: /mcp\n");
    assertThat(relative.detail()).contains("absolute");

    ConfigException syntax = error("connections:\n  a:\n    upstream: \"http://bad host/mcp\"\n");
    assertThat(syntax.detail()).startsWith("is not a valid URL");

    ConfigException userInfo = error("connections:\n  a:\n    upstream: http://user:pw@h/mcp\n");
    assertThat(userInfo.detail()).contains("must not carry credentials");
    assertThat(userInfo.getMessage()).doesNotContain("pw@");

    ConfigException publicUrl = error("gateway:\n  publicUrl: mcp.example.com\n" + CONNECTION);
    assertThat(publicUrl.pointer()).isEqualTo("/gateway/publicUrl");
    assertThat(publicUrl.line()).isEqualTo(2);
  }

  @Test
  void missingEnvironmentSecret() {
    String yaml =
        CONNECTION
            + "    credential:\n      fromEnv: GATEHOUSE_TEST_UNSET_VARIABLE\n      prefix: \"Bearer"
            + " \"\n";

    ConfigException e = error(yaml);

    assertThat(e.pointer()).isEqualTo("/connections/demo/credential/fromEnv");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.getMessage())
        .isEqualTo(
            "config key /connections/demo/credential/fromEnv (line 5): environment variable"
                + " GATEHOUSE_TEST_UNSET_VARIABLE is not set");
    assertThat(error(yaml, Map.of("GATEHOUSE_TEST_UNSET_VARIABLE", "")).detail())
        .endsWith("is empty");
  }

  @Test
  void missingSecretFile(@TempDir Path dir) {
    ConfigException e =
        error(CONNECTION + "    credential:\n      fromFile: " + dir.resolve("nope") + "\n");

    assertThat(e.pointer()).isEqualTo("/connections/demo/credential/fromFile");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.detail()).contains("does not exist");
  }

  @Test
  void secretWithALineBreakIsRefused(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("s"), "line1\nline2\n");

    ConfigException e = error(CONNECTION + "    credential:\n      fromFile: " + secret + "\n");

    assertThat(e.detail()).contains("line break");
    assertThat(e.getMessage()).doesNotContain("line1");
  }

  @Test
  void inlineSecretsAreRefused() {
    ConfigException e = error(CONNECTION + "    credential:\n      value: hunter2\n");

    assertThat(e.pointer()).isEqualTo("/connections/demo/credential/value");
    assertThat(e.detail()).startsWith("secrets are never written inline");
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }

  @Test
  void credentialNeedsExactlyOneSource() {
    assertThat(error(CONNECTION + "    credential:\n      header: X-Key\n").detail())
        .startsWith("needs fromEnv");
    ConfigException both =
        error(CONNECTION + "    credential:\n      fromEnv: A\n      fromFile: /b\n");
    assertThat(both.pointer()).isEqualTo("/connections/demo/credential");
    assertThat(both.line()).isEqualTo(4);
    assertThat(both.detail()).contains("not both");
    assertThat(
            error(CONNECTION + "    credential:\n      header: \"Bad Header\"\n      fromEnv: A\n")
                .pointer())
        .isEqualTo("/connections/demo/credential/header");
  }

  @Test
  void badSizes() {
    ConfigException decimal = error("http:\n  maxBodySize: 4MB\n" + CONNECTION);
    assertThat(decimal.pointer()).isEqualTo("/http/maxBodySize");
    assertThat(decimal.line()).isEqualTo(2);
    assertThat(decimal.detail()).contains("binary unit (B, KiB, MiB, GiB)");

    assertThat(error("http:\n  maxBodySize: 4GiB\n" + CONNECTION).detail())
        .contains("at most 2147483647B");
    assertThat(error("http:\n  maxHeaderSize: 0\n" + CONNECTION).pointer())
        .isEqualTo("/http/maxHeaderSize");
  }

  @Test
  void badNumbers() {
    ConfigException port = error("listeners:\n  admin:\n    port: 70000\n" + CONNECTION);
    assertThat(port.pointer()).isEqualTo("/listeners/admin/port");
    assertThat(port.line()).isEqualTo(3);
    assertThat(port.detail()).isEqualTo("must be a whole number from 0 to 65535, found 70000");

    assertThat(error("pool:\n  maxConnections: \"8\"\n" + CONNECTION).detail())
        .isEqualTo("must be a whole number from 1 to 100000, found '8'");
    assertThat(error("pool:\n  maxConnections: 1.5\n" + CONNECTION).pointer())
        .isEqualTo("/pool/maxConnections");
  }

  @Test
  void sameAddressForBothListeners() {
    ConfigException e =
        error("listeners:\n  mcp:\n    port: 9000\n  admin:\n    port: 9000\n" + CONNECTION);

    assertThat(e.pointer()).isEqualTo("/listeners/admin/port");
    assertThat(e.line()).isEqualTo(5);
  }

  @Test
  void badAllowListEntryNamesItsIndex() {
    ConfigException e =
        error(
            "http:\n  allowedOrigins:\n    - https://ok.example\n    - ok.example/path\n"
                + CONNECTION);

    assertThat(e.pointer()).isEqualTo("/http/allowedOrigins/1");
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void sectionOfTheWrongShape() {
    ConfigException e = error("timeouts: 5s\n" + CONNECTION);

    assertThat(e.pointer()).isEqualTo("/timeouts");
    assertThat(e.detail()).isEqualTo("must be a mapping of keys, found '5s'");
  }

  @Test
  void demoProfileCannotBeSwitchedOnFromAFile() {
    ConfigException e = error("gateway:\n  demo: true\n" + CONNECTION);

    assertThat(e.pointer()).isEqualTo("/gateway/demo");
    assertThat(e.detail()).contains("gatehouse demo");
  }

  @Test
  void badConnectionName() {
    ConfigException e = error("connections:\n  \"a/b\":\n    upstream: http://h/mcp\n");

    assertThat(e.pointer()).isEqualTo("/connections/a~1b");
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void yamlSyntaxErrorHasALine() {
    ConfigException e = error("timeouts:\n  connect: 5s\n   response: [unclosed\n" + CONNECTION);

    assertThat(e.line()).isPositive();
    assertThat(e.detail()).startsWith("invalid YAML");
  }

  @Test
  void duplicateKeys() {
    ConfigException e = error(CONNECTION + "timeouts:\n  connect: 1s\n  connect: 2s\n");

    assertThat(e.pointer()).isEqualTo("/timeouts/connect");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.detail()).startsWith("duplicate key (first at line 5)");
  }

  @Test
  void secondDocumentAndAliasesAreRefused() {
    assertThat(error(CONNECTION + "---\n" + CONNECTION).detail())
        .startsWith("only one YAML document");
    ConfigException alias = error("timeouts:\n  connect: &t 5s\n  response: *t\n" + CONNECTION);
    assertThat(alias.pointer()).isEqualTo("/timeouts/response");
    assertThat(alias.detail()).contains("aliases");
  }

  @Test
  void topLevelMustBeAMapping() {
    assertThat(error("- a\n- b\n").detail()).startsWith("the file must be a YAML mapping");
  }

  @Test
  void missingFile(@TempDir Path dir) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.yaml")));

    assertThat(e.pointer()).isEmpty();
    assertThat(e.getMessage()).startsWith("config: configuration file ").endsWith("does not exist");
  }

  @Test
  void notUtf8(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9});

    assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file)).detail())
        .contains("not valid UTF-8");
  }
}
