package dev.gatehouse.masking.detect;

/** The Luhn (mod 10) check digit algorithm used by payment card numbers. */
public final class Luhn {
  private Luhn() {}

  /** True when {@code digits[0, n)} (values 0-9) pass the Luhn check. */
  public static boolean valid(int[] digits, int n) {
    int sum = 0;
    boolean dbl = false;
    for (int i = n - 1; i >= 0; i--) {
      int d = digits[i];
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** True when the decimal string {@code digits} passes the Luhn check. */
  public static boolean valid(String digits) {
    int[] d = new int[digits.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = digits.charAt(i) - '0';
    }
    return valid(d, d.length);
  }
}
