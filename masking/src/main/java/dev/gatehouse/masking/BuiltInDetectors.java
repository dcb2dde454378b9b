package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.gatehouse.masking.detect.AwsAccessKeyDetector;
import dev.gatehouse.masking.detect.AwsSecretKeyDetector;
import dev.gatehouse.masking.detect.CreditCardDetector;
import dev.gatehouse.masking.detect.Detector;
import dev.gatehouse.masking.detect.EmailDetector;
import dev.gatehouse.masking.detect.GithubTokenDetector;
import dev.gatehouse.masking.detect.GoogleApiKeyDetector;
import dev.gatehouse.masking.detect.IbanDetector;
import dev.gatehouse.masking.detect.IpRanges;
import dev.gatehouse.masking.detect.Ipv4Detector;
import dev.gatehouse.masking.detect.Ipv6Detector;
import dev.gatehouse.masking.detect.JwtDetector;
import dev.gatehouse.masking.detect.PhoneDetector;
import dev.gatehouse.masking.detect.PrivateKeyDetector;
import dev.gatehouse.masking.detect.SecretAssignmentDetector;
import dev.gatehouse.masking.detect.SlackTokenDetector;
import dev.gatehouse.masking.detect.StripeKeyDetector;
import dev.gatehouse.masking.detect.UsSsnDetector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The built-in detectors by stable name, and their detector-specific options with defaults. The
 * order of {@link #NAMES} is the tie-break when two detectors match the same span: the more
 * specific (prefixed secrets, checksummed numbers) come first.
 */
public final class BuiltInDetectors {
  public static final List<String> NAMES =
      List.of(
          "private_key",
          "jwt",
          "aws_access_key",
          "aws_secret_key",
          "github_token",
          "slack_token",
          "stripe_key",
          "google_api_key",
          "credit_card",
          "iban",
          "us_ssn",
          "email",
          "phone",
          "ipv6",
          "ipv4",
          "secret_assignment");

  /** Regions whose national formats the phone detector reads by default. */
  public static final List<String> DEFAULT_PHONE_REGIONS = List.of("US", "GB", "DE", "FR");

  private BuiltInDetectors() {}

  /** Default label of a rule: its name upper-cased ({@code credit_card} → {@code CREDIT_CARD}). */
  static String defaultLabel(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  /**
   * The detector-specific options of {@code name} with every default filled in, given what the
   * configuration set ({@code given} may be empty). Unknown keys are the caller's business.
   */
  static ObjectNode options(String rule, String name, ObjectNode given) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    switch (name) {
      case "phone" -> {
        ArrayNode regions = o.putArray("regions");
        List<String> list = strings(rule, given, "regions", DEFAULT_PHONE_REGIONS);
        Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
        for (String r : list) {
          String up = r.toUpperCase(Locale.ROOT);
          if (!supported.contains(up)) {
            throw new MaskingConfigException(rule, "unknown phone region '" + r + "'");
          }
          regions.add(up);
        }
        String leniency = text(rule, given, "leniency", "valid");
        if (!List.of("possible", "valid").contains(leniency)) {
          throw new MaskingConfigException(
              rule, "leniency must be possible or valid, not '" + leniency + "'");
        }
        o.put("leniency", leniency);
      }
      case "ipv4", "ipv6" -> {
        ArrayNode ignore = o.putArray("ignore");
        List<String> defaults = new ArrayList<>();
        IpRanges.DEFAULT_IGNORED.forEach(r -> defaults.add(r.configName()));
        for (String r : strings(rule, given, "ignore", defaults)) {
          try {
            ignore.add(IpRanges.parse(r).configName());
          } catch (IllegalArgumentException e) {
            throw new MaskingConfigException(
                rule,
                "unknown address range '"
                    + r
                    + "' (known: loopback, unspecified, documentation, private, link_local)");
          }
        }
      }
      case "stripe_key" ->
          o.put("include_publishable", bool(rule, given, "include_publishable", false));
      case "secret_assignment" -> {
        int minLength = integer(rule, given, "min_length", 6);
        double minEntropy = number(rule, given, "min_entropy", 2.0);
        if (minLength < 1 || minEntropy < 0) {
          throw new MaskingConfigException(rule, "min_length and min_entropy must be positive");
        }
        o.put("min_length", minLength);
        o.put("min_entropy", minEntropy);
      }
      default -> {}
    }
    return o;
  }

  /** The detector for {@code name} with resolved {@code options} (from {@link #options}). */
  static Detector create(String name, ObjectNode options) {
    return switch (name) {
      case "email" -> new EmailDetector();
      case "phone" -> {
        List<String> regions = new ArrayList<>();
        options.get("regions").forEach(r -> regions.add(r.textValue()));
        yield new PhoneDetector(regions, options.get("leniency").textValue().equals("valid"));
      }
      case "credit_card" -> new CreditCardDetector();
      case "iban" -> new IbanDetector();
      case "us_ssn" -> new UsSsnDetector();
      case "ipv4" -> new Ipv4Detector(ranges(options));
      case "ipv6" -> new Ipv6Detector(ranges(options));
      case "jwt" -> new JwtDetector();
      case "private_key" -> new PrivateKeyDetector();
      case "aws_access_key" -> new AwsAccessKeyDetector();
      case "aws_secret_key" -> new AwsSecretKeyDetector();
      case "github_token" -> new GithubTokenDetector();
      case "slack_token" -> new SlackTokenDetector();
      case "stripe_key" -> new StripeKeyDetector(options.get("include_publishable").booleanValue());
      case "google_api_key" -> new GoogleApiKeyDetector();
      case "secret_assignment" ->
          new SecretAssignmentDetector(
              options.get("min_length").intValue(), options.get("min_entropy").doubleValue());
      default -> throw new IllegalArgumentException("not a built-in detector: " + name);
    };
  }

  /** Option names each detector accepts besides the common ones. */
  static Set<String> optionNames(String name) {
    return switch (name) {
      case "phone" -> Set.of("regions", "leniency");
      case "ipv4", "ipv6" -> Set.of("ignore");
      case "stripe_key" -> Set.of("include_publishable");
      case "secret_assignment" -> Set.of("min_length", "min_entropy");
      default -> Set.of();
    };
  }

  private static Set<IpRanges> ranges(ObjectNode options) {
    Set<IpRanges> set = EnumSet.noneOf(IpRanges.class);
    options.get("ignore").forEach(r -> set.add(IpRanges.parse(r.textValue())));
    return set;
  }

  static List<String> strings(String rule, ObjectNode o, String key, List<String> dflt) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isArray()) {
      throw new MaskingConfigException(rule, key + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() && !item.isNumber()) {
        throw new MaskingConfigException(rule, key + " must be a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  static String text(String rule, ObjectNode o, String key, String dflt) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new MaskingConfigException(rule, key + " must be a string");
    }
    return v.textValue();
  }

  static boolean bool(String rule, ObjectNode o, String key, boolean dflt) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new MaskingConfigException(rule, key + " must be true or false");
    }
    return v.booleanValue();
  }

  static int integer(String rule, ObjectNode o, String key, int dflt) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new MaskingConfigException(rule, key + " must be an integer");
    }
    return v.intValue();
  }

  static double number(String rule, ObjectNode o, String key, double dflt) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw new MaskingConfigException(rule, key + " must be a number");
    }
    return v.doubleValue();
  }
}
