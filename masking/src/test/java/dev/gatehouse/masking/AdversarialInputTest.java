package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 1 MiB string of near-matches for each detector goes through the whole default engine and
 * completes. No timing assertion (the machine is shared); MaskingBenchmark.adversarial shows the
 * time grows linearly from 64 KiB to 1 MiB.
 */
class AdversarialInputTest {
  static final int MIB = 1 << 20;

  /** Near-miss units per detector; repeated to 1 MiB. Public for the benchmark. */
  public static Stream<Arguments> nearMatches() {
    return Stream.of(
        Arguments.of("email", "a.b@c"),
        Arguments.of("email", "@"),
        Arguments.of("email", "aaaaaaaa.aaaaaaaaaaa@"),
        Arguments.of("phone", "1 "),
        Arguments.of("phone", "+1-"),
        Arguments.of("phone", "(55) "),
        Arguments.of("credit_card", "4111 "),
        Arguments.of("credit_card", "4"),
        Arguments.of("iban", "DE89 "),
        Arguments.of("iban", "DE8937"),
        Arguments.of("us_ssn", "123-45-"),
        Arguments.of("ipv4", "1.2.3."),
        Arguments.of("ipv6", "1:"),
        Arguments.of("ipv6", "::a"),
        Arguments.of("jwt", "eyJ"),
        Arguments.of("jwt", "eyJhbGciOiJIUzI1NiJ9."),
        Arguments.of("private_key", "-----BEGIN RSA PRIVATE KEY-----"),
        Arguments.of("private_key", "-----BEGIN "),
        Arguments.of("aws_access_key", "AKIA"),
        Arguments.of("aws_secret_key", "aws_secret_access_key="),
        Arguments.of("github_token", "ghp_"),
        Arguments.of("github_token", "github_pat_"),
        Arguments.of("slack_token", "xoxb-"),
        Arguments.of("stripe_key", "sk_live_"),
        Arguments.of("google_api_key", "AIza"),
        Arguments.of("secret_assignment", "password="),
        Arguments.of("secret_assignment", "a="),
        Arguments.of("secret_assignment", "x://a:"),
        Arguments.of("unicode_escape", "\\u0040"));
  }

  static String repeatTo(String unit, int size) {
    StringBuilder sb = new StringBuilder(size + unit.length());
    while (sb.length() < size) {
      sb.append(unit);
    }
    sb.setLength(size);
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}: \"{1}\" x 1 MiB")
  @MethodSource("nearMatches")
  void oneMebibyteOfNearMatchesCompletes(String detector, String unit) {
    ObjectNode m = Json.obj("{'jsonrpc':'2.0','id':1,'result':{'content':[{'type':'text'}]}}");
    ((ObjectNode) m.at("/result/content/0")).put("text", repeatTo(unit, MIB));
    MaskResult r = MaskingRules.defaults().engineFor("c").maskMessage(m);
    // Whatever was (or was not) masked, the message is still a text block of a string.
    assertThat(m.at("/result/content/0/text").isTextual()).isTrue();
    assertThat(r.total()).isGreaterThanOrEqualTo(0);
  }
}
