package dev.gatehouse.policy.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthResult;
import dev.gatehouse.policy.auth.AuthResult.Authenticated;
import dev.gatehouse.policy.auth.AuthResult.Rejected;
import dev.gatehouse.policy.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTokenStoreTest {
  @TempDir Path dir;
  MutableClock clock;
  Path file;
  ServiceTokenStore cli;
  ServiceTokenStore gateway;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    file = dir.resolve("state/service-tokens.json");
    // Two instances on one file, as the CLI and a running gateway are.
    cli = new ServiceTokenStore(file, clock, Duration.ZERO);
    gateway = new ServiceTokenStore(file, clock, Duration.ZERO);
  }

  static void assertRefused(AuthResult result, String reason) {
    assertThat(result).isInstanceOf(Rejected.class);
    assertThat(((Rejected) result).reason()).contains(reason);
    assertThat(((Rejected) result).httpStatus()).isEqualTo(401);
  }

  @Test
  void createdTokenAuthenticatesAsAServiceIdentity() throws Exception {
    var created =
        cli.create(
            "deploy-bot", Set.of("ci", "deployers"), clock.instant().plus(Duration.ofDays(90)));
    assertThat(created.secret()).startsWith("gh_svc_").hasSize(7 + 12 + 1 + 43);
    assertThat(created.toString()).doesNotContain(created.secret());

    Authenticated ok = (Authenticated) gateway.check(created.secret());
    Identity id = ok.identity();
    assertThat(id.subject()).isEqualTo("deploy-bot");
    assertThat(id.kind()).isEqualTo(Identity.Kind.SERVICE);
    assertThat(id.groups()).containsExactlyInAnyOrder("ci", "deployers");
    assertThat(id.tokenId()).isEqualTo(created.token().id());
    assertThat(id.issuer()).isEqualTo(ServiceTokenStore.ISSUER);
    assertThat(ok.scopes().applicable()).isFalse();
  }

  @Test
  void fileHoldsOnlyTheHashAndIsOwnerOnly() throws Exception {
    var created = cli.create("a", Set.of("g"), clock.instant().plus(Duration.ofDays(1)));
    String content = Files.readString(file);
    assertThat(content).doesNotContain(created.secret());
    assertThat(content).doesNotContain(created.secret().substring(20));
    assertThat(content).contains("sha256:");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var siblings = Files.list(file.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no temp files left behind")
          .allMatch(n -> n.equals("service-tokens.json") || n.equals("service-tokens.json.lock"));
    }
  }

  @Test
  void wrongSecretForAKnownIdIsRefused() {
    var created = cli.create("a", Set.of(), clock.instant().plus(Duration.ofDays(1)));
    String secret = created.secret();
    char last = secret.charAt(secret.length() - 1);
    String forged = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
    assertRefused(gateway.check(forged), "unknown service token");
    assertRefused(gateway.check("gh_svc_short"), "malformed");
  }

  @Test
  void revocationAppliesToARunningGatewayAtOnce() {
    var created = cli.create("a", Set.of(), clock.instant().plus(Duration.ofDays(1)));
    assertThat(gateway.check(created.secret())).isInstanceOf(Authenticated.class);
    assertThat(cli.revoke(created.token().id())).isTrue();
    assertRefused(gateway.check(created.secret()), "revoked");
    assertThat(cli.revoke("nosuchid0000")).isFalse();
    assertThat(cli.list()).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
  }

  @Test
  void expiredTokenIsRefused() {
    var created = cli.create("a", Set.of(), clock.instant().plus(Duration.ofHours(1)));
    assertThat(gateway.check(created.secret())).isInstanceOf(Authenticated.class);
    clock.advance(Duration.ofHours(1));
    assertRefused(gateway.check(created.secret()), "expired");
  }

  @Test
  void recheckIntervalBoundsFileChecks() {
    ServiceTokenStore slow = new ServiceTokenStore(file, clock, Duration.ofSeconds(1));
    var created = cli.create("a", Set.of(), clock.instant().plus(Duration.ofDays(1)));
    assertThat(slow.check(created.secret())).isInstanceOf(Authenticated.class);
    cli.revoke(created.token().id());
    // Within the recheck interval the old state may still be used; after it, never.
    clock.advance(Duration.ofSeconds(1));
    assertRefused(slow.check(created.secret()), "revoked");
  }

  @Test
  void corruptFileFailsClosed() throws Exception {
    var created = cli.create("a", Set.of(), clock.instant().plus(Duration.ofDays(1)));
    Files.writeString(file, "{not json");
    AuthResult result = gateway.check(created.secret());
    assertThat(((Rejected) result).httpStatus()).isEqualTo(503);
  }

  @Test
  void badInputIsRejected() {
    Instant later = clock.instant().plusSeconds(60);
    assertThatThrownBy(() -> cli.create("bad name", Set.of(), later))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cli.create("a", Set.of("g,h"), later))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cli.create("a", Set.of(), clock.instant()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listShowsEveryTokenWithoutSecrets() {
    cli.create("a", Set.of("x"), clock.instant().plus(Duration.ofDays(1)));
    cli.create("b", Set.of("y"), clock.instant().plus(Duration.ofDays(2)));
    assertThat(cli.list()).extracting(ServiceToken::name).containsExactly("a", "b");
  }
}
