package dev.gatehouse.server.demo;

import java.util.List;

/**
 * The demo's callers, one per kind of access a newcomer should see: a person who may do anything, a
 * person who may do one thing (and sees customer data masked), a person who may do the same one
 * thing and see customer data in clear text, and a pipeline (a service identity) that may do
 * another. Their access is granted by the rules in {@link DemoConfig}, not here: these are only the
 * claims their tokens carry.
 *
 * @param variable the shell variable the printed token is assigned to
 * @param subject the token's {@code sub}
 * @param name the token's {@code name} (a person's display name; absent for the service)
 * @param groups the token's {@code groups}
 * @param clientId the token's {@code client_id}: the app a person logged in with, or the service
 *     itself. A subject equal to the client id is what makes the policy module treat a token as a
 *     client-credentials (service) token, as RFC 9068 section 2.2 describes
 * @param access one line on what this identity may do, for the printed instructions
 */
public record DemoIdentity(
    String variable,
    String subject,
    String name,
    List<String> groups,
    String clientId,
    String access) {

  /** The app the demo's people "logged in with" (their tokens' {@code client_id}). */
  public static final String USER_CLIENT = "gatehouse-demo-cli";

  public static final DemoIdentity ENGINEER =
      new DemoIdentity(
          "ENGINEER_TOKEN",
          "erin@example.com",
          "Erin (engineer)",
          List.of("engineering"),
          USER_CLIENT,
          "engineer, groups [engineering]: every tool");

  public static final DemoIdentity SUPPORT =
      new DemoIdentity(
          "SUPPORT_TOKEN",
          "sam@example.com",
          "Sam (support agent)",
          List.of("support"),
          USER_CLIENT,
          "support agent, groups [support]: customer_lookup only");

  /**
   * The support agent's lead: the same tool, and customer data in clear text (masking's {@code
   * clear_text} grant for group {@code support-leads} in {@link DemoConfig}).
   */
  public static final DemoIdentity SUPPORT_LEAD =
      new DemoIdentity(
          "LEAD_TOKEN",
          "lee@example.com",
          "Lee (support lead)",
          List.of("support", "support-leads"),
          USER_CLIENT,
          "support lead, groups [support, support-leads]: customer_lookup, unmasked");

  public static final DemoIdentity CI =
      new DemoIdentity(
          "CI_TOKEN",
          "ci-pipeline",
          null,
          List.of(),
          "ci-pipeline",
          "CI pipeline, a service identity (client credentials): run_query only");

  /** All of them, in the order the instructions print them. */
  public static final List<DemoIdentity> ALL = List.of(ENGINEER, SUPPORT, SUPPORT_LEAD, CI);

  public DemoIdentity {
    groups = List.copyOf(groups);
  }

  /** Whether the token is a client-credentials one (subject = client id). */
  public boolean service() {
    return subject.equals(clientId);
  }
}
