package dev.gatehouse.audit.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code checkpoints.log}: signed checkpoint notes written one after another. Each note is
 * three body lines (origin, size, root), a blank line, and one or more signature lines that start
 * with an em dash; the next note starts at the first line after them that does not.
 *
 * <p>A torn last write leaves a <em>prefix</em> of a note (possibly followed by NUL bytes, which
 * some file systems expose after a crash). Only that shape is reported as torn; any other damage is
 * an error, so a flipped bit can never pass as a harmless crash.
 */
public final class CheckpointLog {
  private static final String DASH = "\u2014 ";

  private CheckpointLog() {}

  /**
   * One complete note as stored.
   *
   * @param offset byte offset in the file
   * @param bytes the note's bytes, signatures and final newline included
   */
  public record Entry(long offset, byte[] bytes) {}

  /**
   * The file split into notes.
   *
   * @param entries complete notes, in file order (each may still fail to parse or verify)
   * @param tornOffset offset where an incomplete note starts, or -1 when the file ends cleanly
   * @param garbageOffset offset of bytes that are neither a note nor a torn prefix, or -1
   */
  public record Parsed(List<Entry> entries, long tornOffset, long garbageOffset) {}

  public static Parsed parse(byte[] data, String origin) {
    List<Entry> entries = new ArrayList<>();
    int pos = 0;
    while (pos < data.length) {
      int end = noteEnd(data, pos);
      if (end < 0) {
        return isTornPrefix(Arrays.copyOfRange(data, pos, data.length), origin)
            ? new Parsed(entries, pos, -1)
            : new Parsed(entries, -1, pos);
      }
      entries.add(new Entry(pos, Arrays.copyOfRange(data, pos, end)));
      pos = end;
    }
    return new Parsed(entries, -1, -1);
  }

  /** End (exclusive) of the complete note starting at {@code start}, or -1 if incomplete. */
  private static int noteEnd(byte[] data, int start) {
    int pos = start;
    for (int i = 0; i < 4; i++) { // origin, size, root, blank line
      pos = lineEnd(data, pos);
      if (pos < 0) {
        return -1;
      }
    }
    int sigs = 0;
    while (pos < data.length && startsWithDash(data, pos)) {
      int next = lineEnd(data, pos);
      if (next < 0) {
        return -1;
      }
      pos = next;
      sigs++;
    }
    return sigs == 0 && pos >= data.length ? -1 : pos;
  }

  private static int lineEnd(byte[] data, int pos) {
    for (int i = pos; i < data.length; i++) {
      if (data[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean startsWithDash(byte[] data, int pos) {
    byte[] dash = DASH.getBytes(StandardCharsets.UTF_8);
    return data.length - pos >= dash.length
        && Arrays.equals(data, pos, pos + dash.length, dash, 0, dash.length);
  }

  /** True when {@code tail} could be the start of a note we write, cut short (then NULs). */
  static boolean isTornPrefix(byte[] tail, String origin) {
    int len = tail.length;
    while (len > 0 && tail[len - 1] == 0) {
      len--;
    }
    if (len == 0) {
      return true;
    }
    String text = new String(tail, 0, len, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0 && !endsInPartialUtf8(tail, len)) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 && text.charAt(i) != '\n') {
        return false; // a crash leaves a prefix of what we wrote; we never write control bytes
      }
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      boolean complete = i < lines.length - 1;
      String l = lines[i];
      if (i == lines.length - 1 && l.indexOf('\uFFFD') >= 0) {
        l = l.substring(0, l.indexOf('\uFFFD')); // a multi-byte character cut in half
      }
      boolean ok =
          switch (i) {
            case 0 -> complete ? l.equals(origin) : origin.startsWith(l);
            case 1 -> complete ? l.matches("0|[1-9][0-9]*") : l.matches("[0-9]*");
            case 2 -> complete ? l.length() == 44 : l.length() < 44 && l.matches("[A-Za-z0-9+/=]*");
            case 3 -> complete && l.isEmpty();
            default -> !complete && isSignaturePrefix(l);
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSignaturePrefix(String l) {
    if (DASH.startsWith(l)) {
      return true;
    }
    if (!l.startsWith(DASH)) {
      return false;
    }
    String rest = l.substring(DASH.length());
    int space = rest.indexOf(' ');
    // 4-byte key id + 64-byte Ed25519 signature = 68 bytes = 92 base64 characters; a line cut
    // just before its newline is still a prefix, one with anything after the 92nd is not
    return space < 0
        ? rest.indexOf('+') < 0
        : rest.substring(space + 1).matches("[A-Za-z0-9+/=]{0,92}");
  }

  /**
   * True when the only malformed UTF-8 in {@code tail[0, len)} is a character cut short at the very
   * end: a lead byte followed by fewer continuation bytes than it announces.
   */
  private static boolean endsInPartialUtf8(byte[] tail, int len) {
    for (int back = 1; back <= 3 && back <= len; back++) {
      int b = tail[len - back] & 0xFF;
      if (b >= 0x80 && b < 0xC0) {
        continue; // a continuation byte: keep looking for its lead byte
      }
      int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      if (need <= back) {
        return false; // complete (or ASCII): the malformation is elsewhere
      }
      String head = new String(tail, 0, len - back, StandardCharsets.UTF_8);
      return head.indexOf('\uFFFD') < 0;
    }
    return false;
  }
}
