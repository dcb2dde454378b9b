package dev.gatehouse.policy.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads claims by a configured path. A path is first tried as one claim name (so URL-named claims
 * such as {@code https://example.com/groups} work, dots and all), then as a dotted path into nested
 * objects ({@code realm_access.roles}).
 */
final class ClaimPaths {
  private ClaimPaths() {}

  /** The value at {@code path}, or {@code null}. */
  static Object get(Map<String, Object> claims, String path) {
    if (claims.containsKey(path)) {
      return claims.get(path);
    }
    Object current = claims;
    for (String segment : path.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  /**
   * The strings at {@code path}: a list's string elements, or a single string. Other types yield
   * nothing (a group must be a name).
   */
  static Set<String> strings(Map<String, Object> claims, String path) {
    Object value = get(claims, path);
    Set<String> out = new LinkedHashSet<>();
    if (value instanceof String s && !s.isEmpty()) {
      out.add(s);
    } else if (value instanceof Collection<?> list) {
      for (Object item : list) {
        if (item instanceof String s && !s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** A single string claim, or {@code null}. */
  static String string(Map<String, Object> claims, String path) {
    return get(claims, path) instanceof String s && !s.isEmpty() ? s : null;
  }
}
