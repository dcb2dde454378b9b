package dev.gatehouse.audit.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one batch of record lines, built in one reusable array: the writer thread's hot path
 * allocates nothing per record here. A line is the record's canonical members around {@code seq}
 * and {@code time} (serialized earlier, on the caller's thread) with those two added in canonical
 * key order: {@code {<before seq>,"seq":N,<between>,"time":"T",<after time>}}.
 *
 * <p>Not thread-safe: the writer thread's alone.
 */
final class RecordBuffer {
  private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TIME_KEY = "\"time\":".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int size;
  private final byte[] digits = new byte[20];

  RecordBuffer(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  void reset() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** The array behind the buffer, valid up to {@link #size}; for hashing a line in place. */
  byte[] array() {
    return buf;
  }

  /** Everything appended since {@link #reset}, without copying. */
  ByteBuffer contents() {
    return ByteBuffer.wrap(buf, 0, size);
  }

  /**
   * Appends one record without its LF.
   *
   * @param parts the canonical members before {@code seq}, between {@code seq} and {@code time},
   *     and after {@code time} ({@link CanonicalJson#split}), each possibly empty
   * @param time the record time: ASCII digits and punctuation only, so it needs no escaping
   */
  void appendRecord(long seq, String time, byte[][] parts) {
    put((byte) '{');
    if (parts[0].length > 0) {
      put(parts[0]);
      put((byte) ',');
    }
    put(SEQ_KEY);
    putDecimal(seq);
    put((byte) ',');
    if (parts[1].length > 0) {
      put(parts[1]);
      put((byte) ',');
    }
    put(TIME_KEY);
    ensure(time.length() + 2);
    buf[size++] = '"';
    for (int i = 0; i < time.length(); i++) {
      buf[size++] = (byte) time.charAt(i);
    }
    buf[size++] = '"';
    if (parts[2].length > 0) {
      put((byte) ',');
      put(parts[2]);
    }
    put((byte) '}');
  }

  void newline() {
    put((byte) '\n');
  }

  private void putDecimal(long v) {
    int i = digits.length;
    do {
      digits[--i] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    ensure(digits.length - i);
    System.arraycopy(digits, i, buf, size, digits.length - i);
    size += digits.length - i;
  }

  private void put(byte b) {
    ensure(1);
    buf[size++] = b;
  }

  private void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
