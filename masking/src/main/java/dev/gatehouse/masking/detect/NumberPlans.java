package dev.gatehouse.masking.detect;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code PhoneNumberUtil.isValidNumber} for a country calling code and a national significant
 * number, with the same verdict, from the same metadata, but with the numbering-plan patterns
 * compiled to {@link DigitDfa}s: validating a number costs well under a microsecond instead of the
 * library's several (it runs up to eleven backtracking regexes, some twice). A plan is compiled the
 * first time its calling code is seen; a calling code whose patterns use syntax the compiler does
 * not know is answered by the library itself. NumberPlansTest holds the two to the same verdicts.
 */
final class NumberPlans {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final MetadataSource METADATA =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
  private static final ConcurrentHashMap<Integer, CallingCode> PLANS = new ConcurrentHashMap<>();

  /** A calling code the library answers for (unknown syntax in its patterns). */
  private static final CallingCode LIBRARY = new CallingCode(null, 0);

  /** KNOWN[cc]: whether cc (1-3 digits) is a country calling code the metadata has. */
  private static final boolean[] KNOWN = new boolean[1000];

  static {
    for (int cc : UTIL.getSupportedCallingCodes()) {
      if (cc > 0 && cc < KNOWN.length) {
        KNOWN[cc] = true;
      }
    }
  }

  private NumberPlans() {}

  /**
   * Whether {@code nsn} (the national significant number, digits only, leading zeros included) is a
   * valid number of calling code {@code countryCode}, as {@code isValidNumber} decides.
   */
  static boolean isValid(int countryCode, String nsn) {
    CallingCode plan = PLANS.computeIfAbsent(countryCode, NumberPlans::compile);
    if (plan == LIBRARY) {
      return UTIL.isValidNumber(phoneNumber(countryCode, nsn));
    }
    return plan.isValid(nsn);
  }

  /** Whether {@code cc} is a country calling code ({@code getRegionCodeForCountryCode} not ZZ). */
  static boolean isCallingCode(int cc) {
    return cc > 0 && cc < KNOWN.length && KNOWN[cc];
  }

  /**
   * Whether {@code nsn} has a possible length for calling code {@code countryCode}, as {@code
   * isPossibleNumber} decides: a length listed for the main region's general description, or one of
   * its local-only lengths.
   */
  static boolean isPossible(int countryCode, String nsn) {
    CallingCode plan = PLANS.computeIfAbsent(countryCode, NumberPlans::compile);
    if (plan == LIBRARY) {
      return UTIL.isPossibleNumber(phoneNumber(countryCode, nsn));
    }
    int n = nsn.length();
    return n < 64 && (plan.possibleLengths & (1L << n)) != 0;
  }

  /** Whether the plan of {@code countryCode} runs on automata (false: the library answers). */
  static boolean isCompiled(int countryCode) {
    return PLANS.computeIfAbsent(countryCode, NumberPlans::compile) != LIBRARY;
  }

  /** The library's form of the number (NSN leading zeros kept as Italian leading zeros). */
  static PhoneNumber phoneNumber(int countryCode, String nsn) {
    PhoneNumber number = new PhoneNumber().setCountryCode(countryCode);
    int zeros = 0;
    while (zeros < nsn.length() - 1 && nsn.charAt(zeros) == '0') {
      zeros++;
    }
    if (zeros > 0) {
      number.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
    }
    return number.setNationalNumber(Long.parseLong(nsn));
  }

  private static CallingCode compile(int countryCode) {
    List<String> regions = UTIL.getRegionCodesForCountryCode(countryCode);
    try {
      Region[] compiled = new Region[regions.size()];
      long possible = 0;
      for (int k = 0; k < compiled.length; k++) {
        String region = regions.get(k);
        PhoneMetadata m =
            PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                ? METADATA.getMetadataForNonGeographicalRegion(countryCode)
                : METADATA.getMetadataForRegion(region);
        compiled[k] = m == null ? null : new Region(m);
        if (k == 0 && m != null) {
          possible = possibleLengths(m.getGeneralDesc());
        }
      }
      return new CallingCode(compiled, possible);
    } catch (IllegalArgumentException e) {
      return LIBRARY;
    }
  }

  /** testNumberLength for no particular type: lengths as bits; -1 in the list means none. */
  private static long possibleLengths(PhoneNumberDesc general) {
    List<Integer> lengths = general.getPossibleLengthList();
    if (lengths.isEmpty() || lengths.get(0) == -1) {
      return 0;
    }
    long bits = 0;
    for (int len : lengths) {
      if (len >= 0 && len < 64) {
        bits |= 1L << len;
      }
    }
    for (int len : general.getPossibleLengthLocalOnlyList()) {
      if (len >= 0 && len < 64) {
        bits |= 1L << len;
      }
    }
    return bits;
  }

  /**
   * The regions sharing one calling code, in the library's order (main region first), and the
   * possible lengths of the main region's numbers.
   */
  private record CallingCode(Region[] regions, long possibleLengths) {
    boolean isValid(String nsn) {
      if (regions.length == 0) {
        return false;
      }
      if (regions.length == 1) {
        return regions[0] != null && regions[0].isValid(nsn);
      }
      // getRegionCodeForNumber: the first region whose leading digits match, or (for a region
      // without them) for which the number is valid; the number is then validated there.
      for (Region r : regions) {
        if (r == null) {
          continue;
        }
        if (r.leadingDigits != null) {
          if (r.leadingDigits.matchesPrefix(nsn)) {
            return r.isValid(nsn);
          }
        } else if (r.isValid(nsn)) {
          return true;
        }
      }
      return false;
    }
  }

  /** One region's general description and number types. */
  private static final class Region {
    final DigitDfa leadingDigits;
    final Desc general;
    final Desc[] types;

    Region(PhoneMetadata m) {
      leadingDigits = m.hasLeadingDigits() ? DigitDfa.compile(m.getLeadingDigits()) : null;
      general = new Desc(m.getGeneralDesc());
      // The types getNumberTypeHelper tries (mobile is skipped there when it equals fixed line,
      // which does not change whether some type matches), the common ones first: a valid number
      // is decided by the first type that matches, and most numbers in text are fixed or mobile.
      types =
          new Desc[] {
            new Desc(m.getFixedLine()),
            new Desc(m.getMobile()),
            new Desc(m.getPremiumRate()),
            new Desc(m.getTollFree()),
            new Desc(m.getSharedCost()),
            new Desc(m.getVoip()),
            new Desc(m.getPersonalNumber()),
            new Desc(m.getPager()),
            new Desc(m.getUan()),
            new Desc(m.getVoicemail())
          };
    }

    /** isValidNumberForRegion: the general pattern and at least one number type match. */
    boolean isValid(String nsn) {
      if (!general.matches(nsn)) {
        return false;
      }
      for (Desc d : types) {
        if (d.matches(nsn)) {
          return true;
        }
      }
      return false;
    }
  }

  /** isNumberMatchingDesc: a listed possible length, then a full match of the pattern. */
  private static final class Desc {
    final long lengths; // bit L set when length L is possible; 0 when the list is empty
    final DigitDfa pattern; // null when the pattern is empty: matches nothing

    Desc(PhoneNumberDesc d) {
      long bits = 0;
      for (int len : d.getPossibleLengthList()) {
        if (len >= 0 && len < 64) {
          bits |= 1L << len;
        }
      }
      lengths = bits;
      String p = d.getNationalNumberPattern();
      pattern = p.isEmpty() ? null : DigitDfa.compile(p);
    }

    boolean matches(String nsn) {
      int n = nsn.length();
      if (lengths != 0 && (n >= 64 || (lengths & (1L << n)) == 0)) {
        return false;
      }
      return pattern != null && pattern.matches(nsn);
    }
  }
}
