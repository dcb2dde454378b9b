package dev.gatehouse.bench.masking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic "typical" tool results: what a customer-lookup or order-search tool returns. Mostly
 * ordinary data (ids, UUIDs, timestamps, amounts, statuses, product names, prose notes) with a
 * customer email and phone per record and an occasional card number: the structured content, and
 * its serialisation as a text block, as MCP servers commonly send both.
 */
final class TypicalPayloads {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] WORDS = {
    "order",
    "shipped",
    "delayed",
    "warehouse",
    "customer",
    "requested",
    "refund",
    "invoice",
    "package",
    "delivery",
    "address",
    "updated",
    "the",
    "a",
    "was",
    "and",
    "to",
    "of",
    "in",
    "priority",
    "standard",
    "express",
    "returned",
    "damaged",
    "replacement",
    "support",
    "ticket",
    "agent",
    "confirmed",
    "payment",
    "pending",
    "completed",
    "cancelled",
    "note",
    "contact"
  };
  private static final String[] PRODUCTS = {
    "Ergonomic Steel Chair", "Wireless Mouse", "USB-C Hub 7-in-1", "Standing Desk Frame",
    "Noise Cancelling Headphones", "27in Monitor", "Mechanical Keyboard", "Laptop Sleeve 14in"
  };

  private TypicalPayloads() {}

  /** A tools/call result of about {@code targetBytes} serialised. */
  static ObjectNode toolResult(int targetBytes, long seed) {
    Random r = new Random(seed);
    ObjectNode structured = F.objectNode();
    ArrayNode records = structured.putArray("orders");
    structured.put("query", "status:open region:emea");
    int approx = 0;
    int i = 0;
    // Half the bytes go to the structured content, half to its text serialisation.
    while (approx < targetBytes / 2) {
      ObjectNode o = records.addObject();
      o.put("order_id", "ORD-2024-" + (100000 + r.nextInt(900000)));
      o.put("uuid", new java.util.UUID(r.nextLong(), r.nextLong()).toString());
      o.put("status", pick(r, "open", "shipped", "delayed", "returned"));
      o.put(
          "created_at",
          String.format(
              Locale.ROOT,
              "2024-%02d-%02dT%02d:%02d:%02dZ",
              1 + r.nextInt(12),
              1 + r.nextInt(28),
              r.nextInt(24),
              r.nextInt(60),
              r.nextInt(60)));
      o.put("total", Math.round(r.nextDouble() * 100000) / 100.0);
      o.put("currency", "EUR");
      o.put("items", 1 + r.nextInt(5));
      o.put("product", pick(r, PRODUCTS));
      o.put("sku", "SKU-" + (10000 + r.nextInt(90000)) + "-" + pick(r, "S", "M", "L", "XL"));
      ObjectNode customer = o.putObject("customer");
      customer.put(
          "name",
          pick(r, "Ana", "Ben", "Chloe", "Dmitri", "Eva")
              + " "
              + pick(r, "Novak", "Schmidt", "Rossi", "Martin", "Jones"));
      customer.put("email", "customer" + i + "@example-shop.com");
      customer.put("phone", "+44 20 7946 " + String.format(Locale.ROOT, "%04d", r.nextInt(10000)));
      if (i % 10 == 0) {
        customer.put("card", "4111 1111 1111 1111");
      }
      o.put("note", sentence(r, 12 + r.nextInt(20)));
      approx += o.toString().length();
      i++;
    }
    ObjectNode message = F.objectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", 17);
    ObjectNode result = message.putObject("result");
    result.putArray("content").addObject().put("type", "text").put("text", structured.toString());
    result.set("structuredContent", structured);
    result.put("isError", false);
    return message;
  }

  private static String sentence(Random r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < words; k++) {
      if (k > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.append('.').toString();
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
