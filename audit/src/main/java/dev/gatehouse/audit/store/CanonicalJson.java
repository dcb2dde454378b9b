package dev.gatehouse.audit.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one serialization of audit records (docs/audit-format.md, "Canonical JSON"): object keys
 * sorted by UTF-16 code units, no whitespace, strings escaped only where JSON requires it ({@code
 * \" \\ \b \f \n \r \t}, other controls and lone surrogates as lowercase {@code \\uXXXX}), other
 * characters as raw UTF-8, integers in plain decimal, other numbers as Java's shortest decimal
 * form. The same record always gives the same bytes, so its leaf hash is stable; verifiers do not
 * need to re-canonicalize, they hash the bytes as stored.
 *
 * <p>Written straight to UTF-8 bytes: serializing records runs on the gateway's event loops for
 * every audited exchange, and going through a StringBuilder, a String and its UTF-8 copy cost three
 * copies of every payload.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static byte[] write(JsonNode node) {
    Utf8 out = new Utf8(256);
    append(out, node);
    return out.toBytes();
  }

  public static void write(JsonNode node, ByteArrayOutputStream out) {
    out.writeBytes(write(node));
  }

  /**
   * A value already in canonical form, to put into a record in place of the tree it was made from:
   * the record's serialization copies the bytes instead of serializing the tree again.
   */
  public static JsonNode serialized(byte[] canonical) {
    return new POJONode(new Serialized(canonical));
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
    Utf8 out = new Utf8(1024);
    int[] ends = new int[3];
    int part = 0;
    int partStart = 0;
    for (Map.Entry<String, JsonNode> f : fields) {
      String k = f.getKey();
      if (k.equals(first) || k.equals(second)) {
        throw new IllegalArgumentException("record already has " + k);
      }
      int p = k.compareTo(first) < 0 ? 0 : k.compareTo(second) < 0 ? 1 : 2;
      while (part < p) {
        ends[part++] = out.size;
        partStart = out.size;
      }
      if (out.size > partStart) {
        out.ascii(',');
      }
      string(out, k);
      out.ascii(':');
      append(out, f.getValue());
    }
    while (part < 3) {
      ends[part++] = out.size;
    }
    return new byte[][] {
      Arrays.copyOfRange(out.bytes, 0, ends[0]),
      Arrays.copyOfRange(out.bytes, ends[0], ends[1]),
      Arrays.copyOfRange(out.bytes, ends[1], ends[2])
    };
  }

  /** The canonical bytes of a JSON string. */
  public static byte[] string(String s) {
    Utf8 out = new Utf8(s.length() + 2);
    string(out, s);
    return out.toBytes();
  }

  private static void append(Utf8 out, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        fields.sort(Map.Entry.comparingByKey());
        out.ascii('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            out.ascii(',');
          }
          string(out, fields.get(i).getKey());
          out.ascii(':');
          append(out, fields.get(i).getValue());
        }
        out.ascii('}');
      }
      case ARRAY -> {
        out.ascii('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.ascii(',');
          }
          append(out, node.get(i));
        }
        out.ascii(']');
      }
      case STRING -> string(out, node.textValue());
      case NUMBER -> number(out, node);
      case BOOLEAN -> out.ascii(node.booleanValue() ? "true" : "false");
      case NULL, MISSING -> out.ascii("null");
      case POJO -> {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Serialized s) {
          out.raw(s.bytes);
        } else {
          string(out, node.asText());
        }
      }
      case BINARY -> string(out, node.asText());
    }
  }

  private static void number(Utf8 out, JsonNode node) {
    if (node.isIntegralNumber()) {
      out.ascii(
          node.canConvertToLong()
              ? Long.toString(node.longValue())
              : node.bigIntegerValue().toString());
    } else if (node.isBigDecimal()) {
      BigDecimal d = node.decimalValue();
      out.ascii(d.signum() == 0 ? "0" : d.stripTrailingZeros().toString());
    } else {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        string(out, Double.toString(d)); // not representable as a JSON number
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.ascii(Long.toString((long) d));
      } else {
        out.ascii(Double.toString(d));
      }
    }
  }

  private static void string(Utf8 out, String s) {
    int n = s.length();
    out.ensure(n + 2);
    out.bytes[out.size++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out.ensure(1);
          out.bytes[out.size++] = (byte) c;
          continue;
        }
        switch (c) {
          case '"' -> out.ascii("\\\"");
          case '\\' -> out.ascii("\\\\");
          case '\b' -> out.ascii("\\b");
          case '\f' -> out.ascii("\\f");
          case '\n' -> out.ascii("\\n");
          case '\r' -> out.ascii("\\r");
          case '\t' -> out.ascii("\\t");
          default -> hex(out, c);
        }
      } else if (c < 0x800) {
        out.ensure(2);
        out.bytes[out.size++] = (byte) (0xC0 | (c >> 6));
        out.bytes[out.size++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        out.ensure(3);
        out.bytes[out.size++] = (byte) (0xE0 | (c >> 12));
        out.bytes[out.size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out.bytes[out.size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.ensure(4);
        out.bytes[out.size++] = (byte) (0xF0 | (cp >> 18));
        out.bytes[out.size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out.bytes[out.size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out.bytes[out.size++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        hex(out, c); // a lone surrogate has no UTF-8 form; escaping keeps the bytes exact
      }
    }
    out.ascii('"');
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static void hex(Utf8 out, char c) {
    out.ensure(6);
    out.bytes[out.size++] = '\\';
    out.bytes[out.size++] = 'u';
    out.bytes[out.size++] = HEX[(c >> 12) & 0xF];
    out.bytes[out.size++] = HEX[(c >> 8) & 0xF];
    out.bytes[out.size++] = HEX[(c >> 4) & 0xF];
    out.bytes[out.size++] = HEX[c & 0xF];
  }

  /** A growable UTF-8 byte buffer. */
  private static final class Utf8 {
    byte[] bytes;
    int size;

    Utf8(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void ascii(char c) {
      ensure(1);
      bytes[size++] = (byte) c;
    }

    /** {@code s} is ASCII (punctuation, literals, numbers). */
    void ascii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        bytes[size + i] = (byte) s.charAt(i);
      }
      size += n;
    }

    void raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }

    byte[] toBytes() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /** Canonical bytes standing in a tree; serialized by Jackson (if ever) as the raw value. */
  private static final class Serialized extends JsonSerializable.Base {
    final byte[] bytes;

    Serialized(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeRawValue(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void serializeWithType(
        JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
        throws IOException {
      serialize(gen, serializers);
    }

    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
