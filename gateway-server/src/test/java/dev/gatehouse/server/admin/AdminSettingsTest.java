package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.FeatureSections;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ResolvedConfigWriter;
import dev.gatehouse.server.features.MaskingFeature;
import dev.gatehouse.server.features.MaskingStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code admin:} section, and the saved masking rules that {@code admin.stateDir} locates. */
class AdminSettingsTest {
  private static final String CONNECTION =
      "connections:\n  demo:\n    upstream: http://127.0.0.1:3001/mcp\n";

  @TempDir Path dir;

  private static GatehouseConfig load(String yaml) {
    return FeatureSections.check(ConfigLoader.fromString(yaml + CONNECTION, "test.yaml"));
  }

  private static ConfigException error(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
    assertThat(e).as("expected a ConfigException for:%n%s", yaml).isNotNull();
    return e;
  }

  @Test
  void stateDirDefaultsToStateAndIsReadFromTheSection() {
    assertThat(AdminSettings.from(load("")).stateDir()).isEqualTo(Path.of("state"));
    GatehouseConfig config = load("admin:\n  stateDir: " + dir + "\n");
    assertThat(AdminSettings.from(config).stateDir()).isEqualTo(dir);
    assertThat(ResolvedConfigWriter.toYaml(config)).contains("stateDir").contains(dir.toString());
  }

  @Test
  void unknownKeysAndBadValuesNameTheKeyAndLine() {
    ConfigException unknown = error("admin:\n  stateDirectory: /tmp\n");
    assertThat(unknown.pointer()).isEqualTo("/admin/stateDirectory");
    assertThat(unknown.line()).isEqualTo(2);
    assertThat(error("admin:\n  stateDir: \"\"\n").pointer()).isEqualTo("/admin/stateDir");
    assertThat(error("admin: [a]\n").pointer()).isEqualTo("/admin");
  }

  @Test
  void savedRulesThatDoNotLoadStopTheStartNamingTheFile() throws Exception {
    Files.writeString(dir.resolve(MaskingStateFile.FILE_NAME), "{\"format\": \"something else\"}");
    ConfigException corrupt = error("admin:\n  stateDir: " + dir + "\n");
    assertThat(corrupt.pointer()).isEqualTo("/admin/stateDir");
    assertThat(corrupt.getMessage()).contains(MaskingStateFile.FILE_NAME).contains("line 2");

    Files.writeString(
        dir.resolve(MaskingStateFile.FILE_NAME),
        """
        {"format": "gatehouse-masking-overrides/1", "savedBy": "alice",
         "masking": {"detectors": ["emial"]}}""");
    ConfigException invalid = error("admin:\n  stateDir: " + dir + "\n");
    assertThat(invalid.getMessage()).contains("emial").contains("are invalid");
  }

  @Test
  void savedRulesAreLoadedInsteadOfTheMaskingSection() throws Exception {
    Files.writeString(
        dir.resolve(MaskingStateFile.FILE_NAME),
        """
        {"format": "gatehouse-masking-overrides/1", "savedBy": "alice", "savedAt": "then",
         "masking": {"detectors": ["email"]}}""");
    MaskingFeature masking =
        MaskingFeature.from(
            load("admin:\n  stateDir: " + dir + "\nmasking:\n  detectors: [phone, iban]\n"));
    assertThat(masking.loadedState().savedBy()).isEqualTo("alice");
    assertThat(masking.filter().rules().toJson().at("/sets/default/detectors").fieldNames())
        .toIterable()
        .containsExactly("email");
    assertThat(masking.configuredRules().toJson().at("/sets/default/detectors").fieldNames())
        .toIterable()
        .containsExactly("phone", "iban");
  }
}
