package dev.gatehouse.audit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names in the audit directory: {@code segment-NNNNNN.log} (from 1) and {@code checkpoints.log}.
 */
public final class SegmentFiles {
  public static final String CHECKPOINTS = "checkpoints.log";
  private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{6,})\\.log");

  private SegmentFiles() {}

  public static String name(long number) {
    return String.format("segment-%06d.log", number);
  }

  /** A segment file and its number. */
  public record Segment(long number, Path path) {}

  /** The segment files in {@code dir}, in number order. */
  public static List<Segment> list(Path dir) throws IOException {
    List<Segment> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Matcher m = SEGMENT.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(new Segment(Long.parseLong(m.group(1)), p));
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.number(), b.number()));
    return out;
  }
}
