package dev.gatehouse.audit.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one serialization of audit records (docs/audit-format.md, "Canonical JSON"): object keys
 * sorted by UTF-16 code units, no whitespace, strings escaped only where JSON requires it ({@code
 * \" \\ \b \f \n \r \t}, other controls and lone surrogates as lowercase {@code \\uXXXX}), other
 * characters as raw UTF-8, integers in plain decimal, other numbers as Java's shortest decimal
 * form. The same record always gives the same bytes, so its leaf hash is stable; verifiers do not
 * need to re-canonicalize, they hash the bytes as stored.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static byte[] write(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    append(sb, node);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static void write(JsonNode node, ByteArrayOutputStream out) {
    out.writeBytes(write(node));
  }

  /**
   * The canonical members of {@code object} split around two keys that are not in it ({@code first
   * < second}): members sorting before {@code first}, between the two, and after {@code second},
   * each as comma-joined {@code "key":value} bytes. Lets the writer serialize a record on the
   * caller's thread and add {@code seq} and {@code time} later by concatenation alone, with exactly
   * the bytes {@link #write} would give.
   */
  public static byte[][] split(JsonNode object, String first, String second) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
    fields.sort(Map.Entry.comparingByKey());
    StringBuilder[] parts = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
    for (Map.Entry<String, JsonNode> f : fields) {
      String k = f.getKey();
      if (k.equals(first) || k.equals(second)) {
        throw new IllegalArgumentException("record already has " + k);
      }
      StringBuilder sb = parts[k.compareTo(first) < 0 ? 0 : k.compareTo(second) < 0 ? 1 : 2];
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      string(sb, k);
      sb.append(':');
      append(sb, f.getValue());
    }
    return new byte[][] {
      parts[0].toString().getBytes(StandardCharsets.UTF_8),
      parts[1].toString().getBytes(StandardCharsets.UTF_8),
      parts[2].toString().getBytes(StandardCharsets.UTF_8)
    };
  }

  /** The canonical bytes of a JSON string. */
  public static byte[] string(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    string(sb, s);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void append(StringBuilder sb, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        fields.sort(Map.Entry.comparingByKey());
        sb.append('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          string(sb, fields.get(i).getKey());
          sb.append(':');
          append(sb, fields.get(i).getValue());
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          append(sb, node.get(i));
        }
        sb.append(']');
      }
      case STRING -> string(sb, node.textValue());
      case NUMBER -> number(sb, node);
      case BOOLEAN -> sb.append(node.booleanValue());
      case NULL, MISSING -> sb.append("null");
      case BINARY, POJO -> string(sb, node.asText());
    }
  }

  private static void number(StringBuilder sb, JsonNode node) {
    if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      BigDecimal d = node.decimalValue();
      sb.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toString());
    } else {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        string(sb, Double.toString(d)); // not representable as a JSON number
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) d);
      } else {
        sb.append(Double.toString(d));
      }
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    // Runs of characters that are copied as they are go in with one bulk append: payloads are
    // mostly such runs, and a char-by-char append was the largest CPU cost of an audited
    // exchange on the caller's thread.
    int clean = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      sb.append(s, clean, i);
      clean = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            hex(sb, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
            clean = i + 1;
          } else {
            hex(sb, c); // a lone surrogate has no UTF-8 form; escaping keeps the bytes exact
          }
        }
      }
    }
    sb.append(s, clean, s.length());
    sb.append('"');
  }

  private static void hex(StringBuilder sb, char c) {
    sb.append("\\u").append(String.format("%04x", (int) c));
  }
}
