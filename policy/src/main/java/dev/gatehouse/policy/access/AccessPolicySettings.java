package dev.gatehouse.policy.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.config.ConfigNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses a connection's {@code access:} section into an {@link AccessPolicy}. */
public final class AccessPolicySettings {
  private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> ACCESS_KEYS = Set.of("scopes", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of("name", "everyone", "groups", "subjects", "kinds", "allow", "deny");
  private static final Set<String> GRANT_KEYS = Set.of("methods", "tools", "resources", "prompts");

  private AccessPolicySettings() {}

  /**
   * Parses {@code connections.<name>.access}.
   *
   * @param section the {@code access} tree; missing means no rules (nobody may use the connection)
   * @param pointer its JSON pointer, e.g. {@code /connections/github/access}
   * @throws dev.gatehouse.policy.config.PolicyConfigException naming the key at fault
   */
  public static AccessPolicy parse(JsonNode section, String pointer) {
    ConfigNode access = ConfigNode.root(section, pointer);
    if (!access.present()) {
      return AccessPolicy.DENY_ALL;
    }
    access.requireObject(ACCESS_KEYS);
    Set<String> scopes = new LinkedHashSet<>(access.texts("scopes"));
    List<AccessRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : access.items("rules")) {
      item.requireObject(RULE_KEYS);
      String name = item.requiredText("name");
      if (!RULE_NAME.matcher(name).matches()) {
        throw item.get("name").error("use letters, digits, '.', '_' and '-' (at most 64)");
      }
      if (!names.add(name)) {
        throw item.get("name").error("rule name '" + name + "' is used twice");
      }
      AccessRule.Who who = who(item);
      AccessRule.Grants allow = grants(item.get("allow"));
      AccessRule.Grants deny = grants(item.get("deny"));
      if (allow.isEmpty() && deny.isEmpty()) {
        throw item.error("a rule needs an allow or a deny with at least one pattern");
      }
      rules.add(new AccessRule(name, who, allow, deny));
    }
    return new AccessPolicy(rules, scopes);
  }

  private static AccessRule.Who who(ConfigNode rule) {
    boolean everyone = rule.bool("everyone", false);
    if (rule.get("everyone").present() && !everyone) {
      throw rule.get("everyone").error("write everyone: true, or leave it out");
    }
    List<Glob> groups = globs(rule, "groups");
    List<Glob> subjects = globs(rule, "subjects");
    Set<Identity.Kind> kinds = EnumSet.noneOf(Identity.Kind.class);
    for (String kind : rule.texts("kinds")) {
      try {
        kinds.add(Identity.Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw rule.get("kinds").error("'" + kind + "' is not user, service or anonymous");
      }
    }
    if (!everyone && groups.isEmpty() && subjects.isEmpty() && kinds.isEmpty()) {
      // Fail closed on a forgotten selector instead of guessing "everyone".
      throw rule.error("say whom the rule is about: groups, subjects, kinds, or everyone: true");
    }
    return new AccessRule.Who(everyone, groups, subjects, kinds);
  }

  private static AccessRule.Grants grants(ConfigNode node) {
    if (!node.present()) {
      return AccessRule.Grants.NONE;
    }
    node.requireObject(GRANT_KEYS);
    return new AccessRule.Grants(
        globs(node, "methods"),
        globs(node, "tools"),
        globs(node, "resources"),
        globs(node, "prompts"));
  }

  private static List<Glob> globs(ConfigNode node, String key) {
    return node.texts(key).stream().map(Glob::new).toList();
  }
}
