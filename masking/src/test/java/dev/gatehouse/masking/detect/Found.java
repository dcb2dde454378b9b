package dev.gatehouse.masking.detect;

import java.util.ArrayList;
import java.util.List;

/** Test helper: runs one detector the way the engine does and returns the matched substrings. */
final class Found {
  private Found() {}

  static List<String> in(Detector d, String text) {
    return in(d, text, null);
  }

  static List<String> in(Detector d, String text, String key) {
    TextProfile profile = new TextProfile().compute(text);
    ScanContext ctx = new ScanContext().reset(key, false).profile(profile);
    List<String> out = new ArrayList<>();
    if (d.mayMatch(profile, ctx)) {
      d.scan(text, ctx, (s, e) -> out.add(text.substring(s, e)));
    }
    return out;
  }
}
