package dev.gatehouse.audit.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits a file's bytes into LF-terminated lines, keeping offsets and a possibly torn tail. */
public final class Lines {
  private Lines() {}

  /**
   * One line without its LF.
   *
   * @param offset byte offset of the line in the file
   * @param bytes the line's bytes, without the LF
   * @param terminated false only for a last line that has no LF (an incomplete write)
   */
  public record Line(long offset, byte[] bytes, boolean terminated) {}

  public static List<Line> split(byte[] data) {
    return split(data, data.length);
  }

  /** The lines of {@code data[0, end)}. */
  public static List<Line> split(byte[] data, int end) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (data[i] == '\n') {
        out.add(new Line(start, Arrays.copyOfRange(data, start, i), true));
        start = i + 1;
      }
    }
    if (start < end) {
      out.add(new Line(start, Arrays.copyOfRange(data, start, end), false));
    }
    return out;
  }

  /**
   * Where the data of the newest segment ends: before its trailing run of NUL bytes. The writer
   * preallocates segments with zeros, so the space after the last record reads as NULs until the
   * segment is sealed (and cut to its real length). A record never contains a raw NUL (canonical
   * JSON escapes it), so the run cannot be part of a record.
   */
  public static int dataEnd(byte[] data) {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    return end;
  }
}
