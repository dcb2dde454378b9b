package dev.gatehouse.masking;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one call masked: how many values each rule (by its stable name) replaced. Never the values
 * themselves, so the result can go to the audit record, metrics and logs as it is.
 */
public record MaskResult(Map<String, Integer> counts) {
  public static final MaskResult NONE = new MaskResult(Map.of());

  public MaskResult {
    counts = Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  public int total() {
    int t = 0;
    for (int c : counts.values()) {
      t += c;
    }
    return t;
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  /** The counts of both results added up. */
  public MaskResult plus(MaskResult other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Map<String, Integer> sum = new TreeMap<>(counts);
    other.counts.forEach((k, v) -> sum.merge(k, v, Integer::sum));
    return new MaskResult(sum);
  }
}
