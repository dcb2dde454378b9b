package dev.gatehouse.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DetectorsTest {

  @Nested
  class Email {
    final Detector d = new EmailDetector();

    @Test
    void findsAddressesInProseAndMarkup() {
      assertThat(Found.in(d, "Contact jane.doe+billing@example.co.uk, or <bob@corp.example.org>."))
          .containsExactly("jane.doe+billing@example.co.uk", "bob@corp.example.org");
      assertThat(Found.in(d, "mailto:o'brien@x.io and \"x_y@sub.domain.com\""))
          .containsExactly("brien@x.io", "x_y@sub.domain.com");
    }

    @Test
    void ignoresLookAlikes() {
      assertThat(Found.in(d, "@Override public void run() {}")).isEmpty();
      assertThat(Found.in(d, "npm i @scope/pkg@1.2.3 and logo@2x.png user@localhost")).isEmpty();
      assertThat(Found.in(d, "postgres://app:s3cretPw@db.internal.example.com/app")).isEmpty();
    }
  }

  @Nested
  class CreditCard {
    final Detector d = new CreditCardDetector();

    @Test
    void findsCardsSolidSpacedAndDashed() {
      assertThat(
              Found.in(
                  d,
                  "visa 4111111111111111, mc 5500-0000-0000-0004, amex 3782 822463 10005,"
                      + " discover 6011 1111 1111 1117"))
          .containsExactly(
              "4111111111111111",
              "5500-0000-0000-0004",
              "3782 822463 10005",
              "6011 1111 1111 1117");
    }

    @Test
    void rejectsLuhnFailuresUnknownIssuersAndEmbeddedRuns() {
      assertThat(Found.in(d, "4111111111111112")).isEmpty(); // Luhn
      assertThat(Found.in(d, "1234567812345670")).isEmpty(); // Luhn ok, no issuer
      assertThat(Found.in(d, "ORD-4111111111111111 and x4111111111111111")).isEmpty();
      assertThat(Found.in(d, "41111111111111110000")).isEmpty(); // 20 digits
      assertThat(Found.in(d, "3.4111111111111111")).isEmpty(); // decimal
    }

    @Test
    void findsACardAmongOtherGroupedNumbers() {
      assertThat(Found.in(d, "qty 2 4111 1111 1111 1111 2027"))
          .containsExactly("4111 1111 1111 1111");
    }
  }

  @Nested
  class Iban {
    final Detector d = new IbanDetector();

    @Test
    void findsCompactAndGroupedIbans() {
      assertThat(
              Found.in(
                  d,
                  "DE89370400440532013000 / GB82 WEST 1234 5698 7654 32 / fr1420041010050500013m02606"))
          .containsExactly(
              "DE89370400440532013000",
              "GB82 WEST 1234 5698 7654 32",
              "fr1420041010050500013m02606");
    }

    @Test
    void rejectsBadChecksumWrongLengthAndUnknownCountry() {
      assertThat(Found.in(d, "DE89370400440532013001")).isEmpty();
      assertThat(Found.in(d, "DE8937040044053201300")).isEmpty();
      assertThat(Found.in(d, "ZZ89370400440532013000")).isEmpty();
      assertThat(Found.in(d, "XDE89370400440532013000")).isEmpty();
    }
  }

  @Nested
  class Ssn {
    final Detector d = new UsSsnDetector();

    @Test
    void findsFormattedNumbers() {
      assertThat(Found.in(d, "SSN 536-22-8726 or 536 22 8727"))
          .containsExactly("536-22-8726", "536 22 8727");
    }

    @Test
    void excludesNeverIssuedRanges() {
      assertThat(Found.in(d, "000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000"))
          .isEmpty();
      assertThat(Found.in(d, "078-05-1120")).isEmpty();
    }

    @Test
    void bareDigitsNeedContext() {
      assertThat(Found.in(d, "order 536228726 shipped")).isEmpty();
      assertThat(Found.in(d, "social security number: 536228726")).containsExactly("536228726");
      assertThat(Found.in(d, "536228726", "customer_ssn")).containsExactly("536228726");
    }
  }

  @Nested
  class Ip {
    final Detector v4 = new Ipv4Detector(IpRanges.DEFAULT_IGNORED);
    final Detector v6 = new Ipv6Detector(IpRanges.DEFAULT_IGNORED);

    @Test
    void findsIpv4() {
      assertThat(Found.in(v4, "from 84.17.33.201:443 via 10.0.0.12/8"))
          .containsExactly("84.17.33.201", "10.0.0.12");
    }

    @Test
    void ipv4IgnoresConfiguredRangesAndVersions() {
      assertThat(Found.in(v4, "127.0.0.1 0.0.0.0 192.0.2.10 203.0.113.5")).isEmpty();
      assertThat(Found.in(v4, "version 1.2.3.4, build 10.0.19041.1, 256.1.1.1, 01.02.03.04"))
          .isEmpty();
      Detector all = new Ipv4Detector(EnumSet.noneOf(IpRanges.class));
      assertThat(Found.in(all, "127.0.0.1")).containsExactly("127.0.0.1");
    }

    @Test
    void findsIpv6() {
      assertThat(Found.in(v6, "client [2a01:4f8:c17:1::25]:443 and fe80::1ff:fe23:4567:890a."))
          .containsExactly("2a01:4f8:c17:1::25", "fe80::1ff:fe23:4567:890a");
      assertThat(Found.in(v6, "mapped ::ffff:84.17.33.201")).containsExactly("::ffff:84.17.33.201");
    }

    @Test
    void ipv6IgnoresTimesMacsAndCode() {
      assertThat(Found.in(v6, "at 10:22:01 mac 00:1a:2b:3c:4d:5e std::vector ::1 2001:db8::1"))
          .isEmpty();
    }
  }

  @Nested
  class Tokens {
    @Test
    void jwt() {
      String jwt =
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
              + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
      assertThat(Found.in(new JwtDetector(), "Authorization: Bearer " + jwt + "\n"))
          .containsExactly(jwt);
      // Base64 that starts like a JWT but has no JOSE header.
      assertThat(Found.in(new JwtDetector(), "eyJmb28iOiJiYXIifQ.eyJmb28iOiJiYXIifQ.abc"))
          .isEmpty();
    }

    @Test
    void privateKeyBlocksWholeAndTruncated() {
      String key =
          "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nZ3x+/abc=\n-----END RSA PRIVATE"
              + " KEY-----";
      assertThat(Found.in(new PrivateKeyDetector(), "key:\n" + key + "\nrest"))
          .containsExactly(key);
      String cut = "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAA";
      assertThat(Found.in(new PrivateKeyDetector(), "\"" + cut + "\"")).containsExactly(cut);
      assertThat(
              Found.in(
                  new PrivateKeyDetector(),
                  "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
          .isEmpty();
    }

    @Test
    void awsKeys() {
      assertThat(Found.in(new AwsAccessKeyDetector(), "id=AKIAZ7X3QW5N2R8T4Y6M, x=AKIAshort"))
          .containsExactly("AKIAZ7X3QW5N2R8T4Y6M");
      String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
      assertThat(Found.in(new AwsSecretKeyDetector(), "aws_secret_access_key = " + secret))
          .containsExactly(secret);
      assertThat(Found.in(new AwsSecretKeyDetector(), secret, "SecretAccessKey"))
          .containsExactly(secret);
      // A git SHA-1 under a generic key is not an AWS secret.
      assertThat(
              Found.in(
                  new AwsSecretKeyDetector(),
                  "aws_secret: da39a3ee5e6b4b0d3255bfef95601890afd80709"))
          .isEmpty();
      assertThat(Found.in(new AwsSecretKeyDetector(), "commit " + secret)).isEmpty();
    }

    @Test
    void githubSlackStripeGoogle() {
      String ghp = "ghp_" + "a".repeat(10) + "B".repeat(10) + "1234567890abcdef";
      String pat = "github_pat_11ABCDEFG0123456789abc_" + "x".repeat(59);
      assertThat(Found.in(new GithubTokenDetector(), "t=" + ghp + " and " + pat))
          .containsExactly(ghp, pat);
      assertThat(Found.in(new GithubTokenDetector(), "ghp_tooShort github.com/ghx_")).isEmpty();

      String slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
      String hook = "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx";
      assertThat(Found.in(new SlackTokenDetector(), slack + " " + hook))
          .containsExactly(slack, hook);

      String sk = "sk_live_51HxYzAbCdEfGhIjKlMnOpQr";
      String pk = "pk_live_51HxYzAbCdEfGhIjKlMnOpQr";
      assertThat(Found.in(new StripeKeyDetector(false), sk + " " + pk)).containsExactly(sk);
      assertThat(Found.in(new StripeKeyDetector(true), pk)).containsExactly(pk);

      String google = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY";
      assertThat(Found.in(new GoogleApiKeyDetector(), "key=" + google + "&q=1"))
          .containsExactly(google);
      assertThat(Found.in(new GoogleApiKeyDetector(), "AIzaSyD-tooShort")).isEmpty();
    }
  }

  @Nested
  class SecretAssignment {
    final Detector d = new SecretAssignmentDetector(6, 2.0);

    @Test
    void findsAssignmentsInTextFormats() {
      assertThat(Found.in(d, "DB_PASSWORD=Tr0ub4dor&3 next")).containsExactly("Tr0ub4dor");
      assertThat(Found.in(d, "{\"apiKey\": \"q8Zr1LmV0pXw\", \"user\": \"x\"}"))
          .containsExactly("q8Zr1LmV0pXw");
      assertThat(Found.in(d, "client_secret: 'hK29dnWq-7Z'")).containsExactly("hK29dnWq-7Z");
      assertThat(Found.in(d, "Authorization: Bearer abc123def456ghi"))
          .containsExactly("abc123def456ghi");
      assertThat(Found.in(d, "redis://default:Sup3rS3cret@cache:6379/0"))
          .containsExactly("Sup3rS3cret");
    }

    @Test
    void findsTheValueOfASecretNamedField() {
      assertThat(Found.in(d, "correct-horse-9", "password")).containsExactly("correct-horse-9");
      assertThat(Found.in(d, "abcdef1234", "nextPageToken")).isEmpty();
    }

    @Test
    void leavesPlaceholdersCodeAndLowEntropyAlone() {
      assertThat(
              Found.in(
                  d,
                  "password=${DB_PASSWORD} token: <redacted> secret=******** apiKey: null"
                      + " password = request.form(x) pwd=aaaaaaa password: settings.DB_PASSWORD"))
          .isEmpty();
      assertThat(Found.in(d, "password == other")).isEmpty();
    }
  }

  @Nested
  class Phone {
    final Detector d = new PhoneDetector(List.of("US", "GB", "DE", "FR"), true);

    @Test
    void findsInternationalAndNationalFormats() {
      assertThat(Found.in(d, "call +1 415-555-2671 or (415) 555-2672, UK 020 7946 0958"))
          .containsExactly("+1 415-555-2671", "(415) 555-2672", "020 7946 0958");
      assertThat(Found.in(d, "+49 30 901820 / +33 1 42 68 53 00"))
          .containsExactly("+49 30 901820", "+33 1 42 68 53 00");
    }

    @Test
    void bareDigitsNeedAPhoneWordOrKey() {
      assertThat(Found.in(d, "invoice 4155552671 paid")).isEmpty();
      assertThat(Found.in(d, "phone: 4155552671")).containsExactly("4155552671");
      assertThat(Found.in(d, "4155552671", "mobile_number")).containsExactly("4155552671");
    }

    @Test
    void ignoresDatesTimestampsAndIds() {
      assertThat(Found.in(d, "on 2024-03-15 10:22:01, order ORD-2024-000123, v1.2.3")).isEmpty();
    }
  }

  @Nested
  class Custom {
    @Test
    void termsMatchWholeWordsCaseInsensitively() {
      Detector d = new TermsDetector("codenames", List.of("Falcon", "blue bird"), true, true);
      assertThat(Found.in(d, "Project FALCON and the Blue Bird, not Falconer"))
          .containsExactly("FALCON", "Blue Bird");
    }

    @Test
    void ahoCorasickFindsOverlappingTerms() {
      AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers"), false);
      StringBuilder sb = new StringBuilder();
      ac.search("ushers", (s, e) -> sb.append("ushers", s, e).append(' '));
      assertThat(sb.toString().trim().split(" ")).containsExactlyInAnyOrder("she", "he", "hers");
    }

    @Test
    void regexRuleReportsItsGroup() {
      Detector d =
          new RegexDetector(
              "employee_id", java.util.regex.Pattern.compile("emp#(EMP-[0-9]{6})"), 1);
      assertThat(Found.in(d, "owner emp#EMP-004211")).containsExactly("EMP-004211");
    }
  }

  @Test
  void ipRangeNamesRoundTrip() {
    for (IpRanges r : IpRanges.values()) {
      assertThat(IpRanges.parse(r.configName())).isEqualTo(r);
    }
    assertThat(IpRanges.DEFAULT_IGNORED)
        .isEqualTo(Set.of(IpRanges.LOOPBACK, IpRanges.UNSPECIFIED, IpRanges.DOCUMENTATION));
  }
}
