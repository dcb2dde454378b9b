package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.masking.detect.Detector;
import java.util.Set;

/**
 * A detector enabled in a rule set, with its action, direction and allow-list.
 *
 * @param name the stable name counted in results (the detector's name, or the custom rule's)
 * @param detector the detector
 * @param action what to do with a match
 * @param direction which messages it applies to
 * @param allow normalised values left in clear (a public support address, test card numbers)
 * @param config the canonical configuration of this rule, for {@link MaskingRules#toJson()}
 */
record DetectorRule(
    String name,
    Detector detector,
    MaskAction action,
    Direction direction,
    Set<String> allow,
    ObjectNode config) {

  boolean allows(String value) {
    return !allow.isEmpty() && allow.contains(detector.normalize(value));
  }
}
