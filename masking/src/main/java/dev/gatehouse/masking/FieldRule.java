package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Masks the whole value of every JSON field whose name matches one of {@code keys}, wherever it
 * appears in data (objects and arrays under it are masked leaf by leaf, so the shape stays).
 *
 * @param name the stable name counted in results
 * @param keys case-insensitive name globs ({@code password}, {@code ssn}, {@code *token*})
 * @param action what to do with the value
 * @param direction which messages it applies to
 * @param config the canonical configuration of this rule
 */
record FieldRule(
    String name, List<Glob> keys, MaskAction action, Direction direction, ObjectNode config) {

  boolean matches(String key) {
    for (Glob g : keys) {
      if (g.matches(key)) {
        return true;
      }
    }
    return false;
  }
}
