package dev.gatehouse.masking.detect;

/** Receives the [start, end) spans a detector found. */
@FunctionalInterface
public interface MatchSink {
  void add(int start, int end);
}
