package dev.gatehouse.masking.detect;

/**
 * Finds one kind of sensitive value in a string. Implementations are immutable and thread-safe; all
 * per-call state lives in the {@link ScanContext}.
 *
 * <p>The engine calls {@link #mayMatch} first with a profile of the string computed once for all
 * detectors; it must be a cheap, conservative test (false only when {@link #scan} could find
 * nothing), so that the common case (a short string with nothing to mask) costs a few comparisons
 * and no allocation.
 */
public interface Detector {

  /** The stable name used in configuration, counts, metrics and audit records. */
  String name();

  /** Conservative prefilter: {@code false} only if {@link #scan} cannot find anything. */
  boolean mayMatch(TextProfile profile, ScanContext context);

  /** Reports every match in {@code text} to {@code sink} as [start, end) offsets. */
  void scan(String text, ScanContext context, MatchSink sink);

  /**
   * The canonical form of a matched value, used for allow-list comparison and for hashing (so that
   * {@code 4111 1111 1111 1111} and {@code 4111-1111-1111-1111} hash alike).
   */
  default String normalize(String value) {
    return value;
  }
}
