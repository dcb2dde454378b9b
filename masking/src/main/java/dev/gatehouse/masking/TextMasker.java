package dev.gatehouse.masking;

import dev.gatehouse.masking.detect.Detector;
import dev.gatehouse.masking.detect.DigitRunWalk;
import dev.gatehouse.masking.detect.ScanContext;
import dev.gatehouse.masking.detect.TextProfile;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Masks one string with the detector rules of one rule set and direction. Per-call scratch state
 * (profile, match buffers, counts) lives in a {@link Pass}, created once per message, so the common
 * case (a string with nothing to mask) allocates nothing.
 */
final class TextMasker {
  private final DetectorRule[] rules;
  private final Hasher hasher;

  /** Per rule, its replacement when that does not depend on the value ("[EMAIL]"), else null. */
  private final String[] fixedReplacement;

  /**
   * Per rule, its detector's gate ({@link Detector#minLength}, {@link Detector#minDigits}, {@link
   * Detector#requiredClasses}) copied into flat arrays: most strings fail most gates, and testing
   * them here costs three comparisons instead of a megamorphic call per detector.
   */
  private final int[] minLength;

  private final int[] minDigits;
  private final int[] requiredClasses;

  /** The smallest {@link #minLength} of all rules: shorter strings skip every detector. */
  private final int shortest;

  /**
   * The same gates as bit sets of rules (bit r for rule r), when there are at most 64 rules: {@code
   * byLength[min(L, cap)]} holds the rules a string of L characters passes, likewise {@code
   * byDigits} for its digit count and {@code byClasses} (indexed by {@link TextProfile#classes()})
   * for its character classes. The AND of three reads leaves only the rules worth a {@code
   * mayMatch} call: most strings of structured content pass a handful of the twenty-odd gates, and
   * the loop over all of them was a tenth of the time spent on such a string. Null with more rules.
   */
  private final long[] byLength;

  private final long[] byDigits;
  private final long[] byClasses;

  /** Runs the numeric detectors in one walk over the digit runs instead of one walk each. */
  private final DigitRunWalk digitRuns;

  TextMasker(DetectorRule[] rules, Hasher hasher) {
    this.rules = rules;
    this.hasher = hasher;
    this.fixedReplacement = new String[rules.length];
    this.minLength = new int[rules.length];
    this.minDigits = new int[rules.length];
    this.requiredClasses = new int[rules.length];
    int min = Integer.MAX_VALUE;
    for (int r = 0; r < rules.length; r++) {
      Detector d = rules[r].detector();
      minLength[r] = Math.max(1, d.minLength());
      minDigits[r] = d.minDigits();
      requiredClasses[r] = d.requiredClasses();
      min = Math.min(min, minLength[r]);
    }
    this.shortest = min;
    if (rules.length <= 64) {
      byLength = thresholds(minLength);
      byDigits = thresholds(minDigits);
      byClasses = new long[1 << TextProfile.CLASS_BITS];
      for (int c = 0; c < byClasses.length; c++) {
        for (int r = 0; r < rules.length; r++) {
          if ((c & requiredClasses[r]) == requiredClasses[r]) {
            byClasses[c] |= 1L << r;
          }
        }
      }
    } else {
      byLength = null;
      byDigits = null;
      byClasses = null;
    }
    Detector[] detectors = new Detector[rules.length];
    for (int r = 0; r < rules.length; r++) {
      detectors[r] = rules[r].detector();
    }
    this.digitRuns = new DigitRunWalk(detectors);
    for (int r = 0; r < rules.length; r++) {
      MaskAction a = rules[r].action();
      if (a.kind() == ActionKind.REDACT || a.kind() == ActionKind.DROP) {
        fixedReplacement[r] = a.apply("", "", rules[r].name(), hasher);
      }
    }
  }

  /**
   * {@code t[v]}: the rules whose threshold is at most {@code v}, for v up to the largest threshold
   * (the last entry, all rules, stands for every larger value).
   */
  private static long[] thresholds(int[] min) {
    int cap = 0;
    for (int m : min) {
      cap = Math.max(cap, m);
    }
    long[] t = new long[cap + 1];
    for (int v = 0; v <= cap; v++) {
      for (int r = 0; r < min.length; r++) {
        if (min[r] <= v) {
          t[v] |= 1L << r;
        }
      }
    }
    return t;
  }

  private static long gate(long[] t, int value) {
    return t[Math.min(value, t.length - 1)];
  }

  boolean isEmpty() {
    return rules.length == 0;
  }

  /** The outcome of masking a whole string under a drop rule. */
  static final String DROP = new String("\u0000drop");

  /** Scratch state and counts for one message. Not thread-safe; one per call. */
  static final class Pass implements DigitRunWalk.Sink {
    final TextProfile profile = new TextProfile();
    final ScanContext context = new ScanContext();
    // Counts by rule name, in two parallel arrays: a message has a handful of distinct rules but
    // may mask thousands of values, and a HashMap merge boxes an Integer for each.
    // Allocated on first use: most messages (a short reply, a list of tools) mask nothing, and a
    // pass is made per message.
    private static final String[] NO_NAMES = {};
    private static final int[] NO_INTS = {};
    private static final long[] NO_LONGS = {};
    private String[] countNames = NO_NAMES;
    private int[] countValues = NO_INTS;
    private int countSize;
    int[] starts = NO_INTS;
    int[] ends = NO_INTS;
    int[] ruleOf = NO_INTS;
    long[] order = NO_LONGS;
    int size;
    int currentRule;

    /** Sees (rule, clear-text value) of every masked span: corpus scoring only, never logging. */
    java.util.function.BiConsumer<String, String> observer;

    @Override
    public void add(int start, int end) {
      if (end <= start) {
        return;
      }
      if (size == starts.length) {
        int cap = Math.max(16, size * 2);
        starts = Arrays.copyOf(starts, cap);
        ends = Arrays.copyOf(ends, cap);
        ruleOf = Arrays.copyOf(ruleOf, cap);
        order = Arrays.copyOf(order, cap);
      }
      starts[size] = start;
      ends[size] = end;
      ruleOf[size] = currentRule;
      size++;
    }

    @Override
    public void rule(int rule) {
      currentRule = rule;
    }

    void count(String rule) {
      for (int k = 0; k < countSize; k++) {
        if (countNames[k] == rule || countNames[k].equals(rule)) {
          countValues[k]++;
          return;
        }
      }
      if (countSize == countNames.length) {
        countNames = Arrays.copyOf(countNames, Math.max(8, countSize * 2));
        countValues = Arrays.copyOf(countValues, Math.max(8, countSize * 2));
      }
      countNames[countSize] = rule;
      countValues[countSize++] = 1;
    }

    MaskResult result() {
      if (countSize == 0) {
        return MaskResult.NONE;
      }
      Map<String, Integer> counts = new HashMap<>();
      for (int k = 0; k < countSize; k++) {
        counts.put(countNames[k], countValues[k]);
      }
      return new MaskResult(counts);
    }
  }

  /**
   * Returns {@code text} itself when nothing matched, the masked string otherwise, or {@link #DROP}
   * when a drop rule matched the whole value and {@code dropAllowed}.
   */
  String mask(String text, String key, boolean number, boolean dropAllowed, Pass pass) {
    if (rules.length == 0 || text.length() < shortest) {
      return text;
    }
    ScanContext ctx = pass.context.reset(key, number);
    // Profiled first: an escape needs a backslash, so most strings skip the escape search.
    TextProfile profile = pass.profile.compute(text);
    EscapeView view = profile.backslashes() == 0 ? null : EscapeView.of(text);
    String scanned = text;
    if (view != null) {
      scanned = view.decoded;
      profile = pass.profile.compute(scanned);
    }
    ctx.profile(profile);
    pass.size = 0;
    int length = profile.length();
    int digits = profile.digits();
    int classes = profile.classes();
    int walked = 0; // the numeric detectors to run in one walk over the digit runs
    if (byLength != null) {
      long open = gate(byLength, length) & gate(byDigits, digits) & byClasses[classes];
      for (; open != 0; open &= open - 1) {
        walked |= run(Long.numberOfTrailingZeros(open), scanned, profile, ctx, pass);
      }
    } else {
      for (int r = 0; r < rules.length; r++) {
        if (length >= minLength[r]
            && digits >= minDigits[r]
            && (classes & requiredClasses[r]) == requiredClasses[r]) {
          walked |= run(r, scanned, profile, ctx, pass);
        }
      }
    }
    if (walked != 0) {
      digitRuns.scan(scanned, ctx, profile, walked, pass);
    }
    if (pass.size == 0) {
      return text;
    }
    return rewrite(text, scanned, view, dropAllowed, pass);
  }

  /**
   * Runs rule {@code r}, whose gates {@code scanned} passed, unless its detector rules itself out;
   * returns the rule's walk bit when the digit-run walk runs it instead (0 otherwise).
   */
  private int run(int r, String scanned, TextProfile profile, ScanContext ctx, Pass pass) {
    Detector d = rules[r].detector();
    if (!d.mayMatch(profile, ctx)) {
      return 0;
    }
    int slot = digitRuns.slot(r);
    if (slot == 0) {
      pass.currentRule = r;
      d.scan(scanned, ctx, pass);
    }
    return slot;
  }

  private String rewrite(
      String raw, String scanned, EscapeView view, boolean dropAllowed, Pass pass) {
    // Allow-listed matches are removed before overlaps are merged.
    int kept = 0;
    for (int k = 0; k < pass.size; k++) {
      DetectorRule rule = rules[pass.ruleOf[k]];
      if (!rule.allow().isEmpty() && rule.allows(scanned.substring(pass.starts[k], pass.ends[k]))) {
        continue;
      }
      pass.order[kept++] = ((long) pass.starts[k] << 32) | k;
    }
    if (kept == 0) {
      return raw;
    }
    if (kept == 1) {
      String whole = wholeValue(raw, scanned, view, dropAllowed, pass, (int) pass.order[0]);
      if (whole != null) {
        return whole;
      }
    }
    Arrays.sort(pass.order, 0, kept);
    StringBuilder out = new StringBuilder(raw.length());
    int rawCursor = 0;
    int i = 0;
    while (i < kept) {
      int first = (int) pass.order[i];
      int gs = pass.starts[first];
      int ge = pass.ends[first];
      int winner = first;
      i++;
      // Overlapping matches are masked as one span (never leave a fragment of either in clear),
      // labelled by the longest; equal lengths go to the earlier, more specific rule.
      while (i < kept) {
        int k = (int) pass.order[i];
        if (pass.starts[k] >= ge) {
          break;
        }
        ge = Math.max(ge, pass.ends[k]);
        int lenK = pass.ends[k] - pass.starts[k];
        int lenW = pass.ends[winner] - pass.starts[winner];
        if (lenK > lenW || (lenK == lenW && pass.ruleOf[k] < pass.ruleOf[winner])) {
          winner = k;
        }
        i++;
      }
      int r = pass.ruleOf[winner];
      DetectorRule rule = rules[r];
      int rs = view == null ? gs : view.rawStart(gs);
      int re = view == null ? ge : view.rawEnd(ge);
      pass.count(rule.name());
      if (pass.observer != null) {
        pass.observer.accept(rule.name(), scanned.substring(gs, ge));
      }
      if (rule.action().kind() == ActionKind.DROP && dropAllowed && rs == 0 && re == raw.length()) {
        return DROP;
      }
      out.append(raw, rawCursor, rs);
      if (fixedReplacement[r] != null) {
        out.append(fixedReplacement[r]);
      } else {
        String value = scanned.substring(gs, ge);
        // Only a hash needs the canonical form; normalising costs a copy or two per value.
        String normalized =
            rule.action().kind() == ActionKind.HASH ? rule.detector().normalize(value) : value;
        out.append(rule.action().apply(value, normalized, rule.name(), hasher));
      }
      rawCursor = re;
    }
    out.append(raw, rawCursor, raw.length());
    return out.toString();
  }

  /**
   * The outcome when match {@code k}, the string's only one, covers all of {@code raw} and its rule
   * has a fixed replacement (an email, phone or card field of structured content): that replacement
   * itself, without copying it through a builder; null otherwise (the general path).
   */
  private String wholeValue(
      String raw, String scanned, EscapeView view, boolean dropAllowed, Pass pass, int k) {
    int gs = pass.starts[k];
    int ge = pass.ends[k];
    int r = pass.ruleOf[k];
    int rs = view == null ? gs : view.rawStart(gs);
    int re = view == null ? ge : view.rawEnd(ge);
    if (rs != 0 || re != raw.length() || fixedReplacement[r] == null) {
      return null;
    }
    DetectorRule rule = rules[r];
    pass.count(rule.name());
    if (pass.observer != null) {
      pass.observer.accept(rule.name(), scanned.substring(gs, ge));
    }
    if (rule.action().kind() == ActionKind.DROP && dropAllowed) {
      return DROP;
    }
    return fixedReplacement[r];
  }
}
