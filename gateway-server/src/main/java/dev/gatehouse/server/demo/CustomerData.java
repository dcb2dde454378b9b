package dev.gatehouse.server.demo;

import java.util.List;
import java.util.Locale;

/**
 * The sample server's fixed customer table. Every value is fictional but has the shape that masking
 * detectors look for: the card numbers are the networks' published test numbers (valid Luhn), the
 * IBANs are the standard's published examples (valid mod-97 check digits), the phone numbers are in
 * ranges reserved for fiction, and the mail domains are example.* (RFC 2606).
 */
final class CustomerData {

  /** One customer row. */
  record Customer(
      String id,
      String name,
      String email,
      String phone,
      String city,
      String country,
      String cardNumber,
      String cardBrand,
      String iban,
      String plan) {}

  static final List<Customer> CUSTOMERS =
      List.of(
          new Customer(
              "C-1001",
              "Ada Lovelace",
              "ada.lovelace@example.com",
              "+44 20 7946 0958",
              "London",
              "GB",
              "4111 1111 1111 1111",
              "Visa",
              "GB82 WEST 1234 5698 7654 32",
              "enterprise"),
          new Customer(
              "C-1002",
              "Grace Hopper",
              "grace.hopper@example.org",
              "+1 202-555-0173",
              "Arlington",
              "US",
              "5555 5555 5555 4444",
              "Mastercard",
              "DE89 3704 0044 0532 0130 00",
              "team"),
          new Customer(
              "C-1003",
              "Alan Turing",
              "alan.turing@example.net",
              "+44 161 496 0321",
              "Manchester",
              "GB",
              "3782 822463 10005",
              "American Express",
              "GB29 NWBK 6016 1331 9268 19",
              "team"),
          new Customer(
              "C-1004",
              "Katherine Johnson",
              "katherine.johnson@example.com",
              "+1 757-555-0142",
              "Hampton",
              "US",
              "6011 1111 1111 1117",
              "Discover",
              "FR14 2004 1010 0505 0001 3M02 606",
              "enterprise"),
          new Customer(
              "C-1005",
              "Edsger Dijkstra",
              "edsger.dijkstra@example.nl",
              "+31 20 555 0199",
              "Amsterdam",
              "NL",
              "4012 8888 8888 1881",
              "Visa",
              "NL91 ABNA 0417 1643 00",
              "free"));

  private CustomerData() {}

  /**
   * Customers whose id, name, email or city contains {@code query} (case-insensitive); {@code *}
   * matches everyone.
   */
  static List<Customer> lookup(String query) {
    String q = query.strip().toLowerCase(Locale.ROOT);
    if (q.equals("*")) {
      return CUSTOMERS;
    }
    return CUSTOMERS.stream()
        .filter(
            c ->
                c.id().toLowerCase(Locale.ROOT).contains(q)
                    || c.name().toLowerCase(Locale.ROOT).contains(q)
                    || c.email().toLowerCase(Locale.ROOT).contains(q)
                    || c.city().toLowerCase(Locale.ROOT).contains(q))
        .toList();
  }
}
