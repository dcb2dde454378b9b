package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Identity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may receive responses on a connection in clear text ({@code clear_text: {groups, subjects}}
 * in the masking section): identities in one of {@code groups}, or whose subject is one of {@code
 * subjects}. Fails closed: an anonymous caller never matches, whatever the lists say, and an empty
 * grant ({@link #NOBODY}, the default) matches no one.
 *
 * @param groups group names, compared exactly with {@link Identity#groups()}
 * @param subjects subjects, compared exactly with {@link Identity#subject()} (from any trusted
 *     issuer, service tokens included)
 */
public record ClearTextGrant(Set<String> groups, Set<String> subjects) {
  /** No one sees clear text. */
  public static final ClearTextGrant NOBODY = new ClearTextGrant(Set.of(), Set.of());

  private static final Set<String> KEYS = Set.of("groups", "subjects");

  public ClearTextGrant {
    // Insertion order kept, so the canonical JSON lists them as configured.
    groups = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    subjects = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(subjects));
  }

  /**
   * Parses {@code clear_text} ({@code null} or missing: {@link #NOBODY}).
   *
   * @param where the key's path for errors, e.g. {@code clear_text} or {@code
   *     connections.crm.clear_text}
   * @throws MaskingConfigException naming {@code where} and the unknown or malformed key
   */
  static ClearTextGrant fromJson(String where, JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return NOBODY;
    }
    if (!(v instanceof ObjectNode o)) {
      throw new MaskingConfigException(where, "must be a mapping with groups and/or subjects");
    }
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!KEYS.contains(k)) {
        throw new MaskingConfigException(
            where, "unknown option '" + k + "' (allowed: groups, subjects)");
      }
    }
    return new ClearTextGrant(
        names(where + ".groups", o.get("groups")), names(where + ".subjects", o.get("subjects")));
  }

  private static Set<String> names(String where, JsonNode v) {
    if (v == null || v.isNull()) {
      return Set.of();
    }
    if (!v.isArray()) {
      throw new MaskingConfigException(where, "must be a list of names");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw new MaskingConfigException(where, "must be a list of non-empty names");
      }
      out.add(item.textValue());
    }
    return new LinkedHashSet<>(out);
  }

  /** The canonical form: both lists, possibly empty. */
  ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode g = out.putArray("groups");
    groups.forEach(g::add);
    ArrayNode s = out.putArray("subjects");
    subjects.forEach(s::add);
    return out;
  }

  public boolean isEmpty() {
    return groups.isEmpty() && subjects.isEmpty();
  }

  /**
   * Why {@code identity} may see clear text ({@code subject:<sub>} or {@code group:<name>}, for the
   * audit record), or {@code null} when it may not: no identity, an anonymous one, or no match.
   */
  public String match(Identity identity) {
    if (identity == null || identity.kind() == Identity.Kind.ANONYMOUS || isEmpty()) {
      return null;
    }
    if (identity.subject() != null && subjects.contains(identity.subject())) {
      return "subject:" + identity.subject();
    }
    for (String group : groups) {
      if (identity.inGroup(group)) {
        return "group:" + group;
      }
    }
    return null;
  }
}
