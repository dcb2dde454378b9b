package dev.gatehouse.masking.corpus;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Makes realistic sensitive values (positives) and look-alikes that must stay untouched (hard
 * negatives), in the formats people actually write them. Every value is built from the format's own
 * rules (Luhn, ISO 13616 check digits, numbering plans), never from what our detectors accept.
 */
final class Entities {
  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64 = ALNUM + "+/";
  private static final String HEX = "0123456789abcdef";
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  final Random r;
  final Faker f;

  Entities(Random r, Faker f) {
    this.r = r;
    this.f = f;
  }

  String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  <T> T pick(List<T> options) {
    return options.get(r.nextInt(options.size()));
  }

  String chars(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  String digits(int n) {
    return chars("0123456789", n);
  }

  // ---- positives --------------------------------------------------------------------------

  String email() {
    String first = f.name().firstName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    String last = f.name().lastName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    String company = f.company().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (company.length() > 14) {
      company = company.substring(0, 14);
    }
    return switch (r.nextInt(6)) {
      case 0 -> f.internet().emailAddress();
      case 1 -> first + "." + last + "@" + company + pick(".com", ".io", ".co.uk", ".de", ".net");
      case 2 -> first.charAt(0) + last + "+" + pick("billing", "orders", "test") + "@gmail.com";
      case 3 ->
          (first + "_" + last).toUpperCase(Locale.ROOT)
              + "@"
              + company.toUpperCase(Locale.ROOT)
              + ".COM";
      case 4 -> last + r.nextInt(100) + "@mail." + company + ".org";
      default -> first + "@" + pick("support.", "eu.", "") + company + ".example.com";
    };
  }

  /** A valid number of a region, in a format people write. */
  String phone() {
    String region = pick("US", "US", "US", "GB", "GB", "DE", "FR", "IN", "BR", "AU", "JP", "ES");
    boolean configured = List.of("US", "GB", "DE", "FR").contains(region);
    PhoneNumber n = validNumber(region);
    int style = r.nextInt(configured ? 6 : 2);
    return switch (style) {
      case 0 -> PHONES.format(n, PhoneNumberFormat.INTERNATIONAL);
      case 1 -> PHONES.format(n, PhoneNumberFormat.E164);
      case 2, 3 -> PHONES.format(n, PhoneNumberFormat.NATIONAL);
      case 4 ->
          region.equals("US")
              ? PHONES
                  .format(n, PhoneNumberFormat.NATIONAL)
                  .replaceAll("[()]", "")
                  .replace(' ', '-')
              : PHONES.format(n, PhoneNumberFormat.INTERNATIONAL).replace(' ', '-');
      default ->
          region.equals("US")
              ? "+1 "
                  + PHONES
                      .format(n, PhoneNumberFormat.NATIONAL)
                      .replaceAll("[()]", "")
                      .replace(' ', '.')
                      .replace('-', '.')
              : PHONES.format(n, PhoneNumberFormat.INTERNATIONAL);
    };
  }

  private PhoneNumber validNumber(String region) {
    PhoneNumberUtil.PhoneNumberType type =
        r.nextBoolean()
            ? PhoneNumberUtil.PhoneNumberType.MOBILE
            : PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
    PhoneNumber example = PHONES.getExampleNumberForType(region, type);
    String national = PHONES.getNationalSignificantNumber(example);
    for (int attempt = 0; attempt < 200; attempt++) {
      // Keep the prefix (area/mobile code), randomise the subscriber part.
      int keep = Math.max(2, national.length() - 5);
      String candidate = national.substring(0, keep) + digits(national.length() - keep);
      try {
        PhoneNumber n = PHONES.parse("+" + example.getCountryCode() + candidate, "ZZ");
        if (PHONES.isValidNumber(n)) {
          return n;
        }
      } catch (NumberParseException e) {
        // try again
      }
    }
    return example;
  }

  /** A Luhn-valid number of a real issuer range and length. */
  String cardDigits() {
    String[][] issuers = {
      {"4", "16"}, {"4", "16"}, {"4", "13"}, {"51", "16"}, {"55", "16"}, {"2221", "16"},
      {"2720", "16"}, {"34", "15"}, {"37", "15"}, {"6011", "16"}, {"65", "16"}, {"3528", "16"},
      {"3589", "16"}, {"36", "14"}, {"62", "16"}, {"4", "19"}
    };
    String[] issuer = issuers[r.nextInt(issuers.length)];
    int len = Integer.parseInt(issuer[1]);
    String body = issuer[0] + digits(len - issuer[0].length() - 1);
    return body + luhnDigit(body);
  }

  static int luhnDigit(String body) {
    int sum = 0;
    boolean dbl = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int d = body.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  String card(String digits) {
    return switch (r.nextInt(4)) {
      case 0 -> digits;
      case 1 -> group(digits, digits.length() == 15 ? new int[] {4, 6, 5} : new int[] {4}, ' ');
      case 2 -> group(digits, digits.length() == 15 ? new int[] {4, 6, 5} : new int[] {4}, '-');
      default -> digits;
    };
  }

  static String group(String s, int[] sizes, char sep) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int g = 0;
    while (i < s.length()) {
      int size = sizes[Math.min(g, sizes.length - 1)];
      if (sizes.length == 1) {
        size = sizes[0];
      }
      if (sb.length() > 0) {
        sb.append(sep);
      }
      sb.append(s, i, Math.min(s.length(), i + size));
      i += size;
      g++;
    }
    return sb.toString();
  }

  /** An IBAN with correct ISO 7064 check digits for a real country length. */
  String ibanCompact() {
    String[][] countries = {
      {"DE", "18", "n"}, {"GB", "18", "b"}, {"FR", "23", "f"}, {"NL", "14", "b"}, {"ES", "20", "n"},
      {"IT", "23", "i"}, {"CH", "17", "n"}, {"BE", "12", "n"}, {"AT", "16", "n"}, {"PL", "24", "n"},
      {"IE", "18", "b"}, {"SE", "20", "n"}, {"NO", "11", "n"}, {"PT", "21", "n"}
    };
    String[] c = countries[r.nextInt(countries.length)];
    int len = Integer.parseInt(c[1]);
    String bban =
        switch (c[2]) {
          case "b" -> chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + digits(len - 4);
          case "i" -> chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + digits(len - 1);
          case "f" -> digits(len - 3) + chars(ALNUM.substring(0, 26), 1) + digits(2);
          default -> digits(len);
        };
    return c[0] + checkDigits(c[0], bban) + bban;
  }

  static String checkDigits(String country, String bban) {
    String rearranged = bban + country + "00";
    StringBuilder numeric = new StringBuilder();
    for (char ch : rearranged.toCharArray()) {
      numeric.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
    }
    int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    return String.format(Locale.ROOT, "%02d", check);
  }

  String iban() {
    String compact = ibanCompact();
    return r.nextInt(3) == 0 ? compact : group(compact, new int[] {4}, ' ');
  }

  String ssn() {
    int area;
    do {
      area = 1 + r.nextInt(899);
    } while (area == 666);
    return String.format(
        Locale.ROOT, "%03d%s%02d%s%04d", area, "-", 1 + r.nextInt(99), "-", 1 + r.nextInt(9999));
  }

  String ipv4() {
    int a;
    do {
      a = 1 + r.nextInt(223);
    } while (a == 127 || a == 10 || a == 192 || a == 198 || a == 203 || a == 169 || a == 172);
    return a + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  String privateIpv4() {
    return switch (r.nextInt(3)) {
      case 0 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      case 1 -> "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      default -> "172." + (16 + r.nextInt(16)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    };
  }

  String ipv6() {
    String prefix = pick("2a01:4f8", "2607:f8b0", "2001:4860", "2a03:2880", "2600:1f18");
    int groups = 2 + r.nextInt(4);
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < groups; i++) {
      sb.append(':').append(Integer.toHexString(r.nextInt(0x10000)));
    }
    // 8 groups in full, or fewer with "::" standing for at least one zero group.
    sb.append(2 + groups == 7 ? ":" : "::").append(Integer.toHexString(1 + r.nextInt(0xffff)));
    return sb.toString();
  }

  /** An address with a port, as logs print it ([v6]:port). */
  static String withPort(String ip, int port) {
    return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
  }

  String jwt() {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    String header =
        pick(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"alg\":\"RS256\",\"kid\":\"" + chars(HEX, 8) + "\"}",
            "{\"typ\":\"JWT\",\"alg\":\"ES256\"}");
    String payload =
        "{\"sub\":\""
            + f.internet().uuid()
            + "\",\"name\":\""
            + f.name().fullName()
            + "\",\"iat\":"
            + (1700000000 + r.nextInt(50000000))
            + ",\"scope\":\"read write\"}";
    return b.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + chars(ALNUM + "-_", 43);
  }

  String privateKey() {
    String label = pick("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY");
    StringBuilder sb = new StringBuilder("-----BEGIN " + label + "-----\n");
    int lines = 4 + r.nextInt(6);
    for (int i = 0; i < lines; i++) {
      sb.append(chars(B64, 64)).append('\n');
    }
    sb.append(chars(B64, 20)).append("==\n");
    sb.append("-----END ").append(label).append("-----");
    return sb.toString();
  }

  String awsAccessKey() {
    return pick("AKIA", "AKIA", "ASIA") + chars(UPPER_DIGITS, 16);
  }

  String awsSecretKey() {
    return chars(B64, 40);
  }

  String githubToken() {
    return r.nextInt(4) == 0
        ? "github_pat_11"
            + chars(ALNUM.substring(0, 26) + "0123456789", 20)
            + "_"
            + chars(ALNUM, 59)
        : pick("ghp_", "ghp_", "gho_", "ghs_", "ghu_", "ghr_") + chars(ALNUM, 36);
  }

  String slackToken() {
    return switch (r.nextInt(4)) {
      case 0 -> "xoxb-" + digits(12) + "-" + digits(13) + "-" + chars(ALNUM, 24);
      case 1 -> "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-" + chars(HEX, 32);
      case 2 -> "xapp-1-A" + chars(UPPER_DIGITS, 10) + "-" + digits(13) + "-" + chars(HEX, 64);
      default ->
          "https://hooks.slack.com/services/T"
              + chars(UPPER_DIGITS, 8)
              + "/B"
              + chars(UPPER_DIGITS, 10)
              + "/"
              + chars(ALNUM, 24);
    };
  }

  String stripeKey() {
    return switch (r.nextInt(4)) {
      case 0, 1 -> "sk_live_" + chars(ALNUM, 24 + r.nextInt(76));
      case 2 -> pick("sk_test_", "rk_live_", "rk_test_") + chars(ALNUM, 24 + r.nextInt(76));
      default -> "whsec_" + chars(ALNUM, 32);
    };
  }

  String googleApiKey() {
    return "AIza" + chars(ALNUM + "-_", 35);
  }

  String password() {
    return switch (r.nextInt(3)) {
      case 0 -> {
        String w = f.lorem().word();
        yield Character.toUpperCase(w.charAt(0))
            + w.substring(1)
            + chars(ALNUM, 6)
            + pick("!", "#", "?", "*", "^");
      }
      case 1 -> f.animal().name().replace(' ', '-') + r.nextInt(1000) + pick("!", "#", "?", "_");
      default -> chars(ALNUM, 16 + r.nextInt(16));
    };
  }

  // ---- hard negatives ---------------------------------------------------------------------

  String uuid() {
    return f.internet().uuid();
  }

  String gitSha() {
    return chars(HEX, 40);
  }

  String sha256() {
    return chars(HEX, 64);
  }

  String base64Blob() {
    byte[] bytes = new byte[12 + r.nextInt(60)];
    r.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  String timestamp() {
    return String.format(
        Locale.ROOT,
        "2024-%02d-%02dT%02d:%02d:%02d.%03dZ",
        1 + r.nextInt(12),
        1 + r.nextInt(28),
        r.nextInt(24),
        r.nextInt(60),
        r.nextInt(60),
        r.nextInt(1000));
  }

  String epochMillis() {
    return String.valueOf(1_700_000_000_000L + (long) (r.nextDouble() * 60_000_000_000L));
  }

  String orderNumber() {
    return switch (r.nextInt(4)) {
      case 0 -> "ORD-2024-" + digits(6);
      case 1 -> "INV-" + digits(8);
      case 2 -> "#" + (100000 + r.nextInt(900000));
      default -> "PO" + digits(10);
    };
  }

  String version() {
    return switch (r.nextInt(3)) {
      case 0 -> r.nextInt(5) + "." + r.nextInt(30) + "." + r.nextInt(20);
      case 1 ->
          "v" + r.nextInt(5) + "." + r.nextInt(30) + "." + r.nextInt(20) + "-rc." + r.nextInt(5);
      default ->
          "version " + r.nextInt(5) + "." + r.nextInt(9) + "." + r.nextInt(9) + "." + r.nextInt(9);
    };
  }

  /** 16 digits with a Visa prefix that fail Luhn. */
  String luhnFailure() {
    String body = "4" + digits(14);
    return body + ((luhnDigit(body) + 1 + r.nextInt(9)) % 10);
  }

  /** An IBAN-shaped string with wrong check digits. */
  String badIban() {
    String good = ibanCompact();
    int check = Integer.parseInt(good.substring(2, 4));
    int wrong = (check + 1 + r.nextInt(90)) % 97;
    if (wrong < 2) {
      wrong += 2;
    }
    return good.substring(0, 2) + String.format(Locale.ROOT, "%02d", wrong) + good.substring(4);
  }

  String reservedIp() {
    return pick(
        "127.0.0.1",
        "0.0.0.0",
        "192.0.2." + (1 + r.nextInt(254)),
        "198.51.100." + (1 + r.nextInt(254)),
        "203.0.113." + (1 + r.nextInt(254)),
        "::1",
        "2001:db8::" + Integer.toHexString(1 + r.nextInt(0xfff)));
  }

  String proseNumber() {
    return switch (r.nextInt(6)) {
      case 0 -> "processed " + (1000 + r.nextInt(9_000_000)) + " records";
      case 1 -> "amount $" + (1 + r.nextInt(99)) + "," + digits(3) + "." + digits(2);
      case 2 -> "zip " + digits(5);
      case 3 -> "tracking 1Z" + chars(UPPER_DIGITS, 6) + digits(10);
      case 4 ->
          "took "
              + r.nextInt(5000)
              + " ms at "
              + String.format(
                  Locale.ROOT, "%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
      default -> "account no. " + digits(8);
    };
  }

  String macAddress() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(chars(HEX, 2));
    }
    return sb.toString();
  }
}
