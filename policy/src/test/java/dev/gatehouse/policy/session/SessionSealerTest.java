package dev.gatehouse.policy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionSealerTest {
  static final byte[] KEY = new byte[32];
  static final Identity ALICE =
      new Identity("alice", "Alice", Set.of(), Identity.Kind.USER, "j1", "https://idp/a");
  static final Identity BOB =
      new Identity("bob", "Bob", Set.of(), Identity.Kind.USER, "j2", "https://idp/a");

  static {
    for (int i = 0; i < 32; i++) {
      KEY[i] = (byte) i;
    }
  }

  final SessionSealer sealer = new SessionSealer(KEY);

  @Test
  void roundTripOnAnyReplicaWithTheSameKey() {
    String visible = sealer.seal("upstream-session-42", ALICE, "github");
    assertThat(visible).matches("[A-Za-z0-9_-]+");
    SessionSealer otherReplica = new SessionSealer(KEY.clone());
    assertThat(otherReplica.open(visible, ALICE, "github")).contains("upstream-session-42");
    assertThat(sealer.seal("upstream-session-42", ALICE, "github"))
        .as("random nonce: ids are not linkable")
        .isNotEqualTo(visible);
  }

  @Test
  void anotherIdentityIssuerOrConnectionIsRefused() {
    String visible = sealer.seal("s", ALICE, "github");
    assertThat(sealer.open(visible, BOB, "github")).isEmpty();
    Identity sameSubjectOtherIssuer =
        new Identity("alice", "Alice", Set.of(), Identity.Kind.USER, "j1", "https://idp/b");
    assertThat(sealer.open(visible, sameSubjectOtherIssuer, "github")).isEmpty();
    assertThat(sealer.open(visible, ALICE, "jira")).isEmpty();
  }

  @Test
  void tamperingAndForeignKeysAreRefused() {
    String visible = sealer.seal("s", ALICE, "github");
    byte[] raw = Base64.getUrlDecoder().decode(visible);
    for (int i = 0; i < raw.length; i++) {
      byte[] copy = raw.clone();
      copy[i] ^= 1;
      String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
      assertThat(sealer.open(tampered, ALICE, "github")).as("byte %d", i).isEmpty();
    }
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertThat(new SessionSealer(otherKey).open(visible, ALICE, "github")).isEmpty();
    assertThat(sealer.open("not base64!", ALICE, "github")).isEmpty();
    assertThat(sealer.open("", ALICE, "github")).isEmpty();
    assertThat(sealer.open("A".repeat(5000), ALICE, "github")).isEmpty();
  }

  @Test
  void previousKeyStillOpensDuringRotation() {
    String old = sealer.seal("s", ALICE, "c");
    byte[] next = new byte[32];
    SessionSealer rotated = new SessionSealer(next, List.of(KEY));
    assertThat(rotated.open(old, ALICE, "c")).contains("s");
    assertThat(sealer.open(rotated.seal("t", ALICE, "c"), ALICE, "c")).isEmpty();
  }

  @Property(tries = 200)
  void anyUpstreamIdRoundTrips(@ForAll String upstreamId) {
    assertThat(sealer.open(sealer.seal(upstreamId, ALICE, "c"), ALICE, "c")).contains(upstreamId);
  }

  @Test
  void keysComeFromEnvOrFileNeverInline(@TempDir Path dir) throws Exception {
    String b64 = Base64.getEncoder().encodeToString(KEY);
    var env = Map.of("GATEHOUSE_SESSION_KEY", b64);
    assertThat(
            SessionKeys.resolve(
                new AuthSettings.SecretSource("GATEHOUSE_SESSION_KEY", null), env::get))
        .isEqualTo(KEY);
    Path raw = dir.resolve("raw.key");
    Files.write(raw, KEY);
    assertThat(SessionKeys.resolve(new AuthSettings.SecretSource(null, raw), k -> null))
        .isEqualTo(KEY);
    Path hex = dir.resolve("hex.key");
    Files.writeString(hex, java.util.HexFormat.of().formatHex(KEY) + "\n");
    assertThat(SessionKeys.resolve(new AuthSettings.SecretSource(null, hex), k -> null))
        .isEqualTo(KEY);
    assertThatThrownBy(
            () -> SessionKeys.resolve(new AuthSettings.SecretSource("MISSING", null), k -> null))
        .hasMessageContaining("MISSING");
    assertThatThrownBy(
            () ->
                SessionKeys.resolve(new AuthSettings.SecretSource("SHORT", null), k -> "c2hvcnQ="))
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(() -> new SessionSealer(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
