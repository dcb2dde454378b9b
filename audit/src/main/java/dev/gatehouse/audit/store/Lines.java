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
    List<Line> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        out.add(new Line(start, Arrays.copyOfRange(data, start, i), true));
        start = i + 1;
      }
    }
    if (start < data.length) {
      out.add(new Line(start, Arrays.copyOfRange(data, start, data.length), false));
    }
    return out;
  }
}
