package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.demo.CustomerData.Customer;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The sample data must look real to detectors: valid card checksums and IBAN check digits. */
class CustomerDataTest {

  @Test
  void everyCardNumberPassesLuhn() {
    for (Customer c : CustomerData.CUSTOMERS) {
      assertThat(luhn(c.cardNumber().replace(" ", ""))).as(c.cardNumber()).isTrue();
    }
  }

  @Test
  void everyIbanHasValidCheckDigits() {
    for (Customer c : CustomerData.CUSTOMERS) {
      assertThat(ibanValid(c.iban().replace(" ", ""))).as(c.iban()).isTrue();
    }
  }

  @Test
  void lookupMatchesNameEmailCityOrIdCaseInsensitively() {
    assertThat(CustomerData.lookup("ADA")).extracting(Customer::id).containsExactly("C-1001");
    assertThat(CustomerData.lookup("c-1004"))
        .extracting(Customer::name)
        .containsExactly("Katherine Johnson");
    assertThat(CustomerData.lookup("example.net")).hasSize(1);
    assertThat(CustomerData.lookup("amsterdam")).hasSize(1);
    assertThat(CustomerData.lookup("*")).hasSize(5);
    assertThat(CustomerData.lookup("nobody")).isEmpty();
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static boolean ibanValid(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder numeric = new StringBuilder();
    for (char ch : rearranged.toCharArray()) {
      numeric.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
    }
    return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }
}
