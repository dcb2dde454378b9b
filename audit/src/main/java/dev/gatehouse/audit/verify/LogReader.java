package dev.gatehouse.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.audit.store.Lines;
import dev.gatehouse.audit.store.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the records of an audit directory in order, as stored (no checking: see LogVerifier). */
public final class LogReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LogReader() {}

  /** Receives each record: its position in the log and its exact bytes (without the LF). */
  @FunctionalInterface
  public interface Visitor {
    /** Return false to stop reading. */
    boolean visit(long index, byte[] line) throws IOException;
  }

  /**
   * Visits every complete line of every segment, in order. The NUL bytes of a live segment's
   * preallocated space are not records.
   */
  public static void forEach(Path dir, Visitor visitor) throws IOException {
    long index = 0;
    for (SegmentFiles.Segment s : SegmentFiles.list(dir)) {
      byte[] data = Files.readAllBytes(s.path());
      for (Lines.Line line : Lines.split(data, Lines.dataEnd(data))) {
        if (!line.terminated()) {
          break;
        }
        if (!visitor.visit(index++, line.bytes())) {
          return;
        }
      }
    }
  }

  /** The record's JSON, or null when the line is not JSON. */
  public static JsonNode parse(byte[] line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }
}
