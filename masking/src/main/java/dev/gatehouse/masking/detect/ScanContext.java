package dev.gatehouse.masking.detect;

/**
 * What a detector may know about the string besides its text: the JSON field name it is the value
 * of (for key-aware detectors such as {@code secret_assignment}) and whether it was a JSON number.
 * One instance is reused for every string of a message, so detectors must not keep it.
 */
public final class ScanContext {
  private String key;
  private String normalizedKey;
  private boolean number;
  private java.util.Map<String, Boolean> memo;
  private TextProfile profile;

  /** Sets the context for the next string; {@code key} may be null (array element, top level). */
  public ScanContext reset(String key, boolean number) {
    this.key = key;
    this.normalizedKey = null;
    this.number = number;
    return this;
  }

  /** Sets the profile of the string being scanned (the engine computes it once per string). */
  public ScanContext profile(TextProfile profile) {
    this.profile = profile;
    return this;
  }

  /** The profile of {@code text}, the string being scanned (computed here if nobody set it). */
  public TextProfile profile(String text) {
    if (profile == null) {
      profile = new TextProfile().compute(text);
    }
    return profile;
  }

  /** The JSON field name holding the string, or {@code null}. */
  public String key() {
    return key;
  }

  /** The field name lower-cased with everything but letters and digits removed, or {@code ""}. */
  public String normalizedKey() {
    if (normalizedKey == null) {
      normalizedKey = key == null ? "" : Chars.normalizeKey(key, 0, key.length());
    }
    return normalizedKey;
  }

  /**
   * Verdicts a detector already computed for this message, by its own key: an MCP tool result
   * usually carries each value twice (structured content and its serialisation as text), so an
   * expensive check (a phone number against its numbering plan) runs once. Lives as long as the
   * message's masking pass.
   */
  public java.util.Map<String, Boolean> memo() {
    if (memo == null) {
      memo = new java.util.HashMap<>();
    }
    return memo;
  }

  private final int[][] scratch = new int[4][];

  /**
   * A scratch array of at least {@code size} ints for the scan in progress ({@code slot} 0-3),
   * reused across the strings of a message so that a detector's candidate buffers are allocated
   * once per message rather than once per string. Contents are garbage; a detector must not keep
   * the array past its {@link Detector#scan} call.
   */
  public int[] scratch(int slot, int size) {
    int[] a = scratch[slot];
    if (a == null || a.length < size) {
      a = new int[size];
      scratch[slot] = a;
    }
    return a;
  }

  private LongVerdicts verdicts;

  /** As {@link #memo()}, keyed by a long the detector encodes its candidate into (no boxing). */
  public LongVerdicts verdicts() {
    if (verdicts == null) {
      verdicts = new LongVerdicts();
    }
    return verdicts;
  }

  /** True when the string is the text form of a JSON integer. */
  public boolean isNumber() {
    return number;
  }
}
