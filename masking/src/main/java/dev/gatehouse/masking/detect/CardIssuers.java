package dev.gatehouse.masking.detect;

/**
 * Issuer identification number ranges and lengths of the major card networks. A digit run that
 * passes Luhn but matches no issuer is not reported: one random number in ten passes Luhn, so the
 * prefix and length table is what keeps order numbers and other IDs from being masked.
 */
final class CardIssuers {
  private CardIssuers() {}

  /** True when {@code d[0, n)} has a known issuer prefix with a length that issuer uses. */
  static boolean known(int[] d, int n) {
    int p1 = d[0];
    int p2 = p1 * 10 + d[1];
    int p3 = p2 * 10 + d[2];
    int p4 = p3 * 10 + d[3];
    int p6 = (p4 * 10 + d[4]) * 10 + d[5];
    // Visa
    if (p1 == 4) {
      return n == 13 || n == 16 || n == 19;
    }
    // Mastercard (51-55 and the 2-series)
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return n == 16;
    }
    // American Express
    if (p2 == 34 || p2 == 37) {
      return n == 15;
    }
    // Mir
    if (p4 >= 2200 && p4 <= 2204) {
      return n >= 16 && n <= 19;
    }
    // Discover (incl. the China UnionPay co-branded range 622126-622925)
    if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
      return n >= 16 && n <= 19;
    }
    // UnionPay
    if (p2 == 62) {
      return n >= 16 && n <= 19;
    }
    // JCB
    if (p4 >= 3528 && p4 <= 3589) {
      return n >= 16 && n <= 19;
    }
    // Diners Club
    if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
      return n >= 14 && n <= 19;
    }
    // Maestro
    if (p4 == 5018
        || p4 == 5020
        || p4 == 5038
        || p4 == 5893
        || p4 == 6304
        || p4 == 6759
        || (p4 >= 6761 && p4 <= 6763)) {
      return n >= 13 && n <= 19;
    }
    return false;
  }
}
