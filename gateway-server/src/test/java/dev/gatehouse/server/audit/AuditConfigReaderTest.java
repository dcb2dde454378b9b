package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.audit.AuditOptions;
import dev.gatehouse.server.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditConfigReaderTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode yaml(String s) throws Exception {
    return YAML.readTree(s).path("audit");
  }

  @Test
  void readsEverySetting() throws Exception {
    AuditOptions o =
        AuditConfigReader.read(
            yaml(
                """
                audit:
                  dir: /var/lib/gatehouse/audit
                  mode: async
                  segmentMaxBytes: 16MiB
                  segmentMaxAge: 30m
                  checkpointInterval: 500ms
                  privateKeyFile: /etc/gatehouse/audit.key
                  origin: gatehouse.example.com/audit
                  maxPayloadBytes: 32KiB
                  sinks:
                    - type: file
                      path: /mnt/other/checkpoint
                    - type: http
                      url: https://witness.example.com/add
                      timeout: 5s
                    - type: command
                      command: [logger, -t, gatehouse-checkpoint]
                """));
    assertThat(o.dir()).isEqualTo(Path.of("/var/lib/gatehouse/audit"));
    assertThat(o.mode()).isEqualTo(AuditOptions.Mode.ASYNC);
    assertThat(o.segmentMaxBytes()).isEqualTo(16L << 20);
    assertThat(o.segmentMaxAge()).isEqualTo(Duration.ofMinutes(30));
    assertThat(o.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.privateKeyFile()).isEqualTo(Path.of("/etc/gatehouse/audit.key"));
    assertThat(o.origin()).isEqualTo("gatehouse.example.com/audit");
    assertThat(o.maxPayloadBytes()).isEqualTo(32 * 1024);
    assertThat(o.sinks())
        .extracting(s -> s.describe().split(" ")[0])
        .containsExactly("file", "http", "command");
  }

  @Test
  void defaultsAreDurable() throws Exception {
    AuditOptions o = AuditConfigReader.read(yaml("audit:\n  privateKeyFile: k\n"));
    assertThat(o.mode()).isEqualTo(AuditOptions.Mode.DURABLE);
    assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.dir()).isEqualTo(Path.of("audit"));
  }

  @Test
  void errorsNameTheKey() {
    assertThatThrownBy(
            () -> AuditConfigReader.read(yaml("audit:\n  privateKeyFile: k\n  mode: sometimes\n")))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).pointer())
        .isEqualTo("/audit/mode");
    assertThatThrownBy(() -> AuditConfigReader.read(yaml("audit:\n  mode: durable\n")))
        .hasMessageContaining("/audit/privateKeyFile");
    assertThatThrownBy(
            () -> AuditConfigReader.read(yaml("audit:\n  privateKeyFile: k\n  mdoe: async\n")))
        .hasMessageContaining("/audit/mdoe")
        .hasMessageContaining("unknown key");
    assertThatThrownBy(
            () ->
                AuditConfigReader.read(
                    yaml("audit:\n  privateKeyFile: k\n  checkpointInterval: 5s\n")))
        .hasMessageContaining("/audit/checkpointInterval");
    assertThatThrownBy(
            () ->
                AuditConfigReader.read(
                    yaml("audit:\n  privateKeyFile: k\n  segmentMaxBytes: lots\n")))
        .hasMessageContaining("/audit/segmentMaxBytes");
    assertThatThrownBy(
            () ->
                AuditConfigReader.read(
                    yaml("audit:\n  privateKeyFile: k\n  sinks:\n    - type: ftp\n")))
        .hasMessageContaining("/audit/sinks/0/type");
    assertThatThrownBy(() -> AuditConfigReader.read(yaml("other: 1\n")))
        .hasMessageContaining("/audit");
  }
}
