package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.masking.detect.Detector;
import dev.gatehouse.masking.detect.ScanContext;
import dev.gatehouse.masking.detect.TextProfile;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine skips a detector whose gate ({@link Detector#minLength}, {@link Detector#minDigits},
 * {@link Detector#requiredClasses}) the string fails, without asking {@link Detector#mayMatch}; so
 * every gate must be implied by its detector's {@code mayMatch}, or a match would be lost.
 */
class DetectorGateTest {
  static final List<Detector> DETECTORS =
      BuiltInDetectors.NAMES.stream()
          .map(
              n ->
                  BuiltInDetectors.create(
                      n, BuiltInDetectors.options(n, n, JsonNodeFactory.instance.objectNode())))
          .toList();

  @Property(tries = 3000)
  void mayMatchImpliesTheGate(
      @ForAll("texts") String text, @ForAll("keys") String key, @ForAll boolean number) {
    TextProfile p = new TextProfile().compute(text);
    ScanContext ctx = new ScanContext().reset(key, number).profile(p);
    for (Detector d : DETECTORS) {
      if (d.mayMatch(p, ctx)) {
        assertThat(p.length()).as(d.name() + " minLength").isGreaterThanOrEqualTo(d.minLength());
        assertThat(p.digits()).as(d.name() + " minDigits").isGreaterThanOrEqualTo(d.minDigits());
        assertThat(p.classes() & d.requiredClasses())
            .as(d.name() + " requiredClasses")
            .isEqualTo(d.requiredClasses());
      }
    }
  }

  @Provide
  Arbitrary<String> texts() {
    // Dense in the characters the profiles count, so that most gates sit near their thresholds.
    return Arbitraries.strings()
        .withChars("0123456789AZaz@:.-_=+ /\u00e9\uff10\u0660")
        .ofMinLength(0)
        .ofMaxLength(60);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.of("", "note", "password", "aws_secret_access_key", "api_key", "ssn", "x")
        .injectNull(0.2);
  }
}
