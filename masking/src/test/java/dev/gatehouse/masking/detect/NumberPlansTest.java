package dev.gatehouse.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NumberPlans must give exactly libphonenumber's isValidNumber verdict, for every calling code. */
class NumberPlansTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  @Test
  void everyCallingCodeCompilesToAutomata() {
    List<Integer> fallback = new ArrayList<>();
    for (int cc : UTIL.getSupportedCallingCodes()) {
      if (!NumberPlans.isCompiled(cc)) {
        fallback.add(cc);
      }
    }
    assertThat(fallback).as("calling codes answered by the library").isEmpty();
  }

  @Test
  void agreesWithTheLibraryOnExampleNumbersAndTheirNeighbours() {
    Random r = new Random(20261126);
    int checked = 0;
    int valid = 0;
    for (int cc : UTIL.getSupportedCallingCodes()) {
      List<String> seeds = new ArrayList<>();
      for (String region : UTIL.getRegionCodesForCountryCode(cc)) {
        for (PhoneNumberType type : PhoneNumberType.values()) {
          PhoneNumber example =
              PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                  ? UTIL.getExampleNumberForNonGeoEntity(cc)
                  : UTIL.getExampleNumberForType(region, type);
          if (example != null) {
            seeds.add(UTIL.getNationalSignificantNumber(example));
          }
        }
      }
      for (String seed : seeds) {
        for (String nsn : neighbours(seed, r)) {
          boolean expected = UTIL.isValidNumber(NumberPlans.phoneNumber(cc, nsn));
          assertThat(NumberPlans.isValid(cc, nsn)).as("+%d %s", cc, nsn).isEqualTo(expected);
          assertThat(NumberPlans.isPossible(cc, nsn))
              .as("possible +%d %s", cc, nsn)
              .isEqualTo(UTIL.isPossibleNumber(NumberPlans.phoneNumber(cc, nsn)));
          checked++;
          if (expected) {
            valid++;
          }
        }
      }
    }
    // Both verdicts occur often, so the comparison is not between two constant answers.
    assertThat(checked).isGreaterThan(15_000);
    assertThat(valid).isGreaterThan(checked / 10);
    assertThat(valid).isLessThan(checked * 9 / 10);
  }

  @Test
  void agreesWithTheLibraryOnRandomDigits() {
    Random r = new Random(7);
    int valid = 0;
    for (int cc : UTIL.getSupportedCallingCodes()) {
      for (int k = 0; k < 150; k++) {
        int len = 4 + r.nextInt(14);
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < len; d++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
        String nsn = sb.toString();
        boolean expected = UTIL.isValidNumber(NumberPlans.phoneNumber(cc, nsn));
        assertThat(NumberPlans.isValid(cc, nsn)).as("+%d %s", cc, nsn).isEqualTo(expected);
        assertThat(NumberPlans.isPossible(cc, nsn))
            .as("possible +%d %s", cc, nsn)
            .isEqualTo(UTIL.isPossibleNumber(NumberPlans.phoneNumber(cc, nsn)));
        if (expected) {
          valid++;
        }
      }
    }
    assertThat(valid).isPositive();
  }

  @Test
  void callingCodesAreTheLibrarys() {
    for (int cc = 0; cc < 1000; cc++) {
      assertThat(NumberPlans.isCallingCode(cc))
          .as("%d", cc)
          .isEqualTo(!UTIL.getRegionCodeForCountryCode(cc).equals("ZZ"));
    }
  }

  @Test
  void theAutomatonReadsTheMetadataSyntax() {
    DigitDfa p = DigitDfa.compile("(?:2(?:0[1-9]|[1-8]\\d)|3[0-46-9])\\d{6}|800\\d{3,5}");
    assertThat(p.matches("20112345678")).isFalse();
    assertThat(p.matches("201123456")).isTrue();
    assertThat(p.matches("200123456")).isFalse();
    assertThat(p.matches("34123456")).isTrue();
    assertThat(p.matches("35123456")).isFalse();
    assertThat(p.matches("800123")).isTrue();
    assertThat(p.matches("80012345")).isTrue();
    assertThat(p.matches("800123456")).isFalse();
    assertThat(p.matches("80012")).isFalse();
    assertThat(p.matchesPrefix("80012399999")).isTrue();
    assertThat(p.matchesPrefix("8001")).isFalse();
    DigitDfa neg = DigitDfa.compile("[^0]\\d?");
    assertThat(neg.matches("5")).isTrue();
    assertThat(neg.matches("0")).isFalse();
  }

  @Test
  void syntaxOutsideTheSubsetIsRefused() {
    for (String bad : new String[] {"\\w+", "(?=1)\\d", "a", "[a-z]", "\\d{2,1}", "(12", "1++"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> DigitDfa.compile(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** The number itself, every one-digit change, and the number one digit shorter and longer. */
  private static List<String> neighbours(String nsn, Random r) {
    List<String> out = new ArrayList<>();
    out.add(nsn);
    for (int i = 0; i < nsn.length(); i++) {
      char[] c = nsn.toCharArray();
      c[i] = (char) ('0' + r.nextInt(10));
      out.add(new String(c));
    }
    if (nsn.length() > 1) {
      out.add(nsn.substring(0, nsn.length() - 1));
    }
    out.add(nsn + r.nextInt(10));
    return out;
  }
}
