package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthResult;
import dev.gatehouse.policy.tokens.ServiceTokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new TokenCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void createUseListRevokeThroughTheCli() throws Exception {
    Path store = dir.resolve("tokens.json");
    Run created =
        run(
            "--store",
            store.toString(),
            "create",
            "--name",
            "deploy-bot",
            "--groups",
            "ci,deployers",
            "--expires",
            "90d");
    assertThat(created.code()).isZero();
    String token = created.out().strip();
    assertThat(token).startsWith("gh_svc_").doesNotContain("\n");
    assertThat(created.err()).contains("only time");
    assertThat(Files.readString(store)).doesNotContain(token);

    // A running gateway's store instance on the same file.
    ServiceTokenStore gateway = new ServiceTokenStore(store, Clock.systemUTC(), Duration.ZERO);
    AuthResult.Authenticated ok = (AuthResult.Authenticated) gateway.check(token);
    assertThat(ok.identity().kind()).isEqualTo(Identity.Kind.SERVICE);
    assertThat(ok.identity().groups()).containsExactlyInAnyOrder("ci", "deployers");

    Run list = run("list", "--store", store.toString());
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("deploy-bot", "active", "ci,deployers").doesNotContain(token);

    String id = ok.identity().tokenId();
    Run revoke = run("--store", store.toString(), "revoke", id);
    assertThat(revoke.code()).isZero();
    assertThat(((AuthResult.Rejected) gateway.check(token)).reason()).contains("revoked");
    assertThat(run("--store", store.toString(), "list").out()).contains("revoked");
    assertThat(run("--store", store.toString(), "revoke", "nope").code()).isEqualTo(1);
  }

  @Test
  void expiredTokenIsRefused() {
    Path store = dir.resolve("tokens.json");
    String token =
        run("--store", store.toString(), "create", "--name", "short", "--expires", "1h")
            .out()
            .strip();
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
    ServiceTokenStore gateway = new ServiceTokenStore(store, later, Duration.ZERO);
    assertThat(((AuthResult.Rejected) gateway.check(token)).reason()).contains("expired");
    assertThat(run("--store", store.toString(), "list").out()).contains("active");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    Path store = dir.resolve("tokens.json");
    assertThat(
            run("--store", store.toString(), "create", "--name", "x", "--expires", "soon").code())
        .isEqualTo(2);
    assertThat(
            run("--store", store.toString(), "create", "--name", "bad name", "--expires", "1d")
                .code())
        .isEqualTo(2);
    assertThat(run("--store", store.toString(), "create", "--expires", "1d").code()).isEqualTo(2);
    assertThat(Files.exists(store)).isFalse();
  }
}
