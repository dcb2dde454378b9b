package dev.gatehouse.server.cli;

import dev.gatehouse.policy.config.Durations;
import dev.gatehouse.policy.tokens.ServiceToken;
import dev.gatehouse.policy.tokens.ServiceTokenStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse token create|list|revoke}: CI service tokens. The store file is the one the
 * gateway reads ({@code auth.serviceTokens.store}); a running gateway notices changes within a
 * second, so a revocation needs no restart. The secret is printed once, on stdout alone, so that
 * {@code TOKEN=$(gatehouse token create …)} works; everything else goes to stderr.
 */
@Command(
    name = "token",
    description = "Manage CI service tokens.",
    mixinStandardHelpOptions = true,
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
public final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--store",
      scope = ScopeType.INHERIT,
      description =
          "Service token store file (default: $GATEHOUSE_TOKEN_STORE, else ${DEFAULT-VALUE}).",
      defaultValue = "${env:GATEHOUSE_TOKEN_STORE:-data/service-tokens.json}")
  Path store;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  ServiceTokenStore openStore() {
    return new ServiceTokenStore(store);
  }

  @Command(name = "create", description = "Create a token and print it once.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.ParentCommand TokenCommand parent;

    @Option(
        names = "--name",
        required = true,
        description = "Identity name (subject), e.g. deploy-bot.")
    String name;

    @Option(names = "--groups", split = ",", description = "Groups, comma-separated.")
    List<String> groups = List.of();

    @Option(
        names = "--expires",
        required = true,
        description = "Lifetime, e.g. 90d, 12h, 2w (a token always expires).")
    String expires;

    @Override
    public Integer call() {
      Duration lifetime;
      try {
        lifetime = Durations.parse(expires);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("error: --expires: " + e.getMessage());
        return 2;
      }
      if (lifetime.isZero() || lifetime.isNegative()) {
        spec.commandLine().getErr().println("error: --expires must be positive");
        return 2;
      }
      try {
        ServiceTokenStore.Created created =
            parent
                .openStore()
                .create(name, new LinkedHashSet<>(groups), Instant.now().plus(lifetime));
        spec.commandLine().getOut().println(created.secret());
        spec.commandLine().getOut().flush();
        ServiceToken t = created.token();
        spec.commandLine()
            .getErr()
            .printf(
                "created token %s for %s (groups: %s), expires %s.%n"
                    + "This is the only time the token is shown; store it as a CI secret.%n",
                t.id(),
                t.name(),
                String.join(",", new java.util.TreeSet<>(t.groups())),
                t.expiresAt());
        return 0;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "list", description = "List tokens (never their secrets).")
  static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.ParentCommand TokenCommand parent;

    @Override
    public Integer call() {
      Instant now = Instant.now();
      var out = spec.commandLine().getOut();
      out.printf("%-12s  %-24s  %-8s  %-20s  %s%n", "ID", "NAME", "STATUS", "EXPIRES", "GROUPS");
      for (ServiceToken t : parent.openStore().list()) {
        String status = t.revokedAt() != null ? "revoked" : t.activeAt(now) ? "active" : "expired";
        out.printf(
            "%-12s  %-24s  %-8s  %-20s  %s%n",
            t.id(),
            t.name(),
            status,
            t.expiresAt(),
            String.join(",", new java.util.TreeSet<>(t.groups())));
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a token by id; applies to running gateways.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.ParentCommand TokenCommand parent;

    @Parameters(paramLabel = "ID", description = "The token id (see token list).")
    String id;

    @Override
    public Integer call() {
      if (!parent.openStore().revoke(id)) {
        spec.commandLine().getErr().println("error: no token with id " + id);
        return 1;
      }
      spec.commandLine().getErr().println("revoked " + id);
      return 0;
    }
  }
}
