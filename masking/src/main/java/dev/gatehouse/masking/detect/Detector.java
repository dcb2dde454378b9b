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

  /**
   * Shortest text {@link #mayMatch} can accept. With {@link #minDigits} and {@link
   * #requiredClasses} it is a gate the engine evaluates for all detectors from plain arrays, so
   * that a string most detectors cannot match costs no call of theirs; each must be implied by
   * {@link #mayMatch} (a gate that is too strict would lose matches).
   */
  default int minLength() {
    return 1;
  }

  /** Fewest ASCII digits ({@link TextProfile#digits}) {@link #mayMatch} can accept. */
  default int minDigits() {
    return 0;
  }

  /** {@link TextProfile#classes} bits that {@link #mayMatch} needs, every one of them. */
  default int requiredClasses() {
    return 0;
  }

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
