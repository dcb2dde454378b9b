package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.masking.detect.Detector;
import dev.gatehouse.masking.detect.NestedQuantifiers;
import dev.gatehouse.masking.detect.RegexDetector;
import dev.gatehouse.masking.detect.TermsDetector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The masking configuration, validated and compiled: named rule sets, the default set, and which
 * set each connection uses. Immutable; a rule change builds a new instance ({@link #fromJson}) and
 * swaps it in. {@link #toJson()} gives the canonical form (every default spelled out), which parses
 * back to equal rules, so the admin API can list and persist it. The schema is in docs/masking.md.
 */
public final class MaskingRules {
  /** The rule-set name meaning "mask nothing" for a connection. */
  public static final String NONE = "none";

  public static final String DEFAULT_SET = "default";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Set<String> COMMON_OPTIONS =
      Set.of("action", "keep", "label", "hash_length", "allow", "direction");

  private final ObjectNode canonical;
  private final String defaultSet;
  private final Map<String, String> connections;
  private final Map<String, MaskingEngine> engines;
  private final ClearTextGrant defaultClearText;
  private final Map<String, ClearTextGrant> clearText;

  private MaskingRules(
      ObjectNode canonical,
      String defaultSet,
      Map<String, String> connections,
      Map<String, MaskingEngine> engines,
      ClearTextGrant defaultClearText,
      Map<String, ClearTextGrant> clearText) {
    this.canonical = canonical;
    this.defaultSet = defaultSet;
    this.connections = connections;
    this.engines = engines;
    this.defaultClearText = defaultClearText;
    this.clearText = clearText;
  }

  /** Every built-in detector with its defaults, in one default set; no hash key. */
  public static MaskingRules defaults() {
    return fromJson(F.objectNode());
  }

  /** Parses the {@code masking:} section, resolving {@code hash_key} with the default resolver. */
  public static MaskingRules fromJson(JsonNode masking) {
    return fromJson(masking, KeyResolver.DEFAULT);
  }

  /**
   * Parses and compiles the {@code masking:} section ({@code null} or missing means the defaults).
   *
   * @throws MaskingConfigException naming the rule at fault
   */
  public static MaskingRules fromJson(JsonNode masking, KeyResolver keys) {
    ObjectNode root =
        masking == null || masking.isNull() || masking.isMissingNode()
            ? F.objectNode()
            : asObject(null, masking, "masking");
    checkKeys(
        null,
        root,
        Set.of(
            "hash_key",
            "default_set",
            "sets",
            "connections",
            "clear_text",
            "detectors",
            "custom",
            "fields"));
    ObjectNode canonical = F.objectNode();

    JsonNode keyRef = root.get("hash_key");
    byte[] key = null;
    if (keyRef != null && !keyRef.isNull()) {
      ObjectNode ref = asObject("hash_key", keyRef, "hash_key");
      checkKeys("hash_key", ref, Set.of("env", "file"));
      if (ref.size() != 1) {
        throw new MaskingConfigException("hash_key", "give exactly one of env or file");
      }
      try {
        key = keys.resolve(ref);
      } catch (IOException e) {
        throw new MaskingConfigException("hash_key", "cannot read the key: " + e.getMessage(), e);
      }
      if (key != null && key.length < 16) {
        throw new MaskingConfigException("hash_key", "the key must be at least 16 bytes");
      }
      canonical.set("hash_key", ref.deepCopy());
    }
    Hasher hasher = new Hasher(key);

    // Rule sets: the explicit map, or the section itself as the one default set.
    Map<String, ObjectNode> setConfigs = new LinkedHashMap<>();
    JsonNode sets = root.get("sets");
    if (sets != null && !sets.isNull()) {
      if (root.has("detectors") || root.has("custom") || root.has("fields")) {
        throw new MaskingConfigException(
            null, "masking: put detectors/custom/fields inside sets.<name> when sets is used");
      }
      ObjectNode setsObj = asObject("sets", sets, "sets");
      for (Map.Entry<String, JsonNode> e : setsObj.properties()) {
        if (e.getKey().equals(NONE)) {
          throw new MaskingConfigException(e.getKey(), "'none' is reserved (masks nothing)");
        }
        setConfigs.put(e.getKey(), asObject(e.getKey(), e.getValue(), "a rule set"));
      }
    } else {
      ObjectNode only = F.objectNode();
      for (String k : List.of("detectors", "custom", "fields")) {
        if (root.has(k)) {
          only.set(k, root.get(k));
        }
      }
      setConfigs.put(DEFAULT_SET, only);
    }

    String defaultSet =
        root.hasNonNull("default_set")
            ? root.get("default_set").asText()
            : setConfigs.containsKey(DEFAULT_SET)
                ? DEFAULT_SET
                : setConfigs.keySet().iterator().next();
    if (!defaultSet.equals(NONE) && !setConfigs.containsKey(defaultSet)) {
      throw new MaskingConfigException(null, "default_set '" + defaultSet + "' is not defined");
    }

    Map<String, MaskingEngine> engines = new LinkedHashMap<>();
    ObjectNode canonicalSets = canonical.putObject("sets");
    for (Map.Entry<String, ObjectNode> e : setConfigs.entrySet()) {
      ObjectNode setCanonical = canonicalSets.putObject(e.getKey());
      engines.put(e.getKey(), compileSet(e.getKey(), e.getValue(), setCanonical, hasher));
    }
    canonical.put("default_set", defaultSet);
    ClearTextGrant defaultClearText = ClearTextGrant.fromJson("clear_text", root.get("clear_text"));
    canonical.set("clear_text", defaultClearText.toJson());

    Map<String, String> connections = new LinkedHashMap<>();
    Map<String, ClearTextGrant> clearText = new LinkedHashMap<>();
    ObjectNode canonicalConnections = canonical.putObject("connections");
    JsonNode conns = root.get("connections");
    if (conns != null && !conns.isNull()) {
      for (Map.Entry<String, JsonNode> e :
          asObject("connections", conns, "connections").properties()) {
        String where = "connections." + e.getKey();
        JsonNode value = e.getValue();
        // A set name, or {set, clear_text} when the connection has its own clear-text grant;
        // without 'set' the connection keeps following default_set.
        JsonNode setNode = value;
        ClearTextGrant own = null;
        if (value instanceof ObjectNode o) {
          checkKeys(where, o, Set.of("set", "clear_text"));
          if (o.isEmpty()) {
            throw new MaskingConfigException(where, "give set and/or clear_text");
          }
          setNode = o.get("set");
          if (o.has("clear_text")) {
            own = ClearTextGrant.fromJson(where + ".clear_text", o.get("clear_text"));
            clearText.put(e.getKey(), own);
          }
        }
        String set = null;
        if (setNode != null) {
          if (!setNode.isTextual()) {
            throw new MaskingConfigException(
                where, "must name a rule set (or 'none'), or be {set, clear_text}");
          }
          set = setNode.textValue();
          if (!set.equals(NONE) && !setConfigs.containsKey(set)) {
            throw new MaskingConfigException(where, "rule set '" + set + "' is not defined");
          }
          connections.put(e.getKey(), set);
        }
        if (own == null) {
          canonicalConnections.put(e.getKey(), set);
        } else {
          ObjectNode c = canonicalConnections.putObject(e.getKey());
          if (set != null) {
            c.put("set", set);
          }
          c.set("clear_text", own.toJson());
        }
      }
    }
    return new MaskingRules(
        canonical,
        defaultSet,
        Map.copyOf(connections),
        engines,
        defaultClearText,
        Map.copyOf(clearText));
  }

  /**
   * Who may receive {@code connection}'s responses in clear text: the connection's own {@code
   * clear_text} when it has one (it replaces the section's, it does not add to it), else the
   * section's ({@link ClearTextGrant#NOBODY} when neither is set).
   */
  public ClearTextGrant clearTextFor(String connection) {
    return connection == null
        ? defaultClearText
        : clearText.getOrDefault(connection, defaultClearText);
  }

  /** The engine for {@code connection}: its configured set, or the default set. */
  public MaskingEngine engineFor(String connection) {
    String set = connection == null ? defaultSet : connections.getOrDefault(connection, defaultSet);
    return set.equals(NONE) ? MaskingEngine.NONE : engines.get(set);
  }

  /**
   * A one-line description of who receives responses in clear text, for the start-up log: {@code
   * null} when nobody does.
   */
  public String describeClearText() {
    List<String> parts = new ArrayList<>();
    if (!defaultClearText.isEmpty()) {
      parts.add("every connection: " + describe(defaultClearText));
    }
    clearText.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                parts.add(
                    e.getKey()
                        + ": "
                        + (e.getValue().isEmpty() ? "nobody" : describe(e.getValue()))));
    return parts.stream().anyMatch(p -> !p.endsWith("nobody")) ? String.join("; ", parts) : null;
  }

  private static String describe(ClearTextGrant grant) {
    List<String> who = new ArrayList<>();
    grant.groups().forEach(g -> who.add("group " + g));
    grant.subjects().forEach(sub -> who.add("subject " + sub));
    return String.join(", ", who);
  }

  /** The rule-set names, in configuration order. */
  public Set<String> ruleSets() {
    return engines.keySet();
  }

  public String defaultSet() {
    return defaultSet;
  }

  /** The canonical configuration (every default explicit); a deep copy, safe to change. */
  public ObjectNode toJson() {
    return canonical.deepCopy();
  }

  private static MaskingEngine compileSet(
      String setName, ObjectNode cfg, ObjectNode canonical, Hasher hasher) {
    checkKeys(setName, cfg, Set.of("detectors", "custom", "fields"));
    List<DetectorRule> rules = new ArrayList<>();
    List<FieldRule> fieldRules = new ArrayList<>();
    Set<String> names = new HashSet<>();

    ObjectNode canonicalDetectors = canonical.putObject("detectors");
    for (Map.Entry<String, ObjectNode> e :
        detectorEntries(setName, cfg.get("detectors")).entrySet()) {
      String name = e.getKey();
      String ruleId = setName + "/" + name;
      if (!BuiltInDetectors.NAMES.contains(name)) {
        throw new MaskingConfigException(
            ruleId, "unknown detector (known: " + String.join(", ", BuiltInDetectors.NAMES) + ")");
      }
      ObjectNode given = e.getValue();
      Set<String> allowed = new HashSet<>(COMMON_OPTIONS);
      allowed.addAll(BuiltInDetectors.optionNames(name));
      checkKeys(ruleId, given, allowed);
      ObjectNode out = canonicalDetectors.putObject(name);
      MaskAction action = action(ruleId, name, given, out, hasher);
      Direction direction = direction(ruleId, given, out);
      ObjectNode options = BuiltInDetectors.options(ruleId, name, given);
      out.setAll(options);
      Detector detector = BuiltInDetectors.create(name, options);
      rules.add(
          new DetectorRule(
              name, detector, action, direction, allow(ruleId, detector, given, out), out));
      names.add(name);
    }
    // Built-ins keep their specificity order whatever order the configuration lists them in.
    rules.sort(
        (a, b) ->
            Integer.compare(
                BuiltInDetectors.NAMES.indexOf(a.name()),
                BuiltInDetectors.NAMES.indexOf(b.name())));

    ArrayNode canonicalCustom = canonical.putArray("custom");
    for (JsonNode item : list(setName + "/custom", cfg.get("custom"))) {
      ObjectNode c = asObject(setName + "/custom", item, "a custom rule");
      String name = ruleName(setName, c, names);
      String ruleId = setName + "/" + name;
      ObjectNode out = canonicalCustom.addObject();
      out.put("name", name);
      Detector detector;
      if (c.has("regex") == c.has("terms")) {
        throw new MaskingConfigException(ruleId, "give exactly one of regex or terms");
      }
      if (c.has("regex")) {
        Set<String> allowed = new HashSet<>(COMMON_OPTIONS);
        allowed.addAll(Set.of("name", "regex", "group", "case_insensitive"));
        checkKeys(ruleId, c, allowed);
        detector = regex(ruleId, name, c, out);
      } else {
        Set<String> allowed = new HashSet<>(COMMON_OPTIONS);
        allowed.addAll(Set.of("name", "terms", "case_sensitive", "whole_word"));
        checkKeys(ruleId, c, allowed);
        detector = terms(ruleId, name, c, out);
      }
      MaskAction action = action(ruleId, name, c, out, hasher);
      Direction direction = direction(ruleId, c, out);
      rules.add(
          new DetectorRule(
              name, detector, action, direction, allow(ruleId, detector, c, out), out));
    }

    ArrayNode canonicalFields = canonical.putArray("fields");
    for (JsonNode item : list(setName + "/fields", cfg.get("fields"))) {
      ObjectNode c = asObject(setName + "/fields", item, "a field rule");
      String name = ruleName(setName, c, names);
      String ruleId = setName + "/" + name;
      checkKeys(
          ruleId, c, Set.of("name", "keys", "action", "keep", "label", "hash_length", "direction"));
      ObjectNode out = canonicalFields.addObject();
      out.put("name", name);
      List<String> keys = BuiltInDetectors.strings(ruleId, c, "keys", List.of());
      if (keys.isEmpty()) {
        throw new MaskingConfigException(ruleId, "keys must list at least one field name");
      }
      ArrayNode keysOut = out.putArray("keys");
      List<Glob> globs = new ArrayList<>();
      for (String k : keys) {
        globs.add(Glob.of(k));
        keysOut.add(k);
      }
      MaskAction action = action(ruleId, name, c, out, hasher);
      Direction direction = direction(ruleId, c, out);
      fieldRules.add(new FieldRule(name, List.copyOf(globs), action, direction, out));
    }

    return new MaskingEngine(
        setName,
        new TextMasker(select(rules, Direction.RESPONSE), hasher),
        new TextMasker(select(rules, Direction.REQUEST), hasher),
        selectFields(fieldRules, Direction.RESPONSE),
        selectFields(fieldRules, Direction.REQUEST),
        hasher);
  }

  private static DetectorRule[] select(List<DetectorRule> rules, Direction side) {
    return rules.stream().filter(r -> r.direction().appliesTo(side)).toArray(DetectorRule[]::new);
  }

  private static FieldRule[] selectFields(List<FieldRule> rules, Direction side) {
    return rules.stream().filter(r -> r.direction().appliesTo(side)).toArray(FieldRule[]::new);
  }

  /**
   * {@code detectors:} absent or {@code all} → every built-in with defaults; a list of names; or a
   * map of name → options ({@code true}/{@code {}} for defaults, an action name as shorthand,
   * {@code false} to leave it out).
   */
  private static Map<String, ObjectNode> detectorEntries(String set, JsonNode v) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (v == null || v.isNull() || (v.isTextual() && v.textValue().equals("all"))) {
      for (String name : BuiltInDetectors.NAMES) {
        out.put(name, F.objectNode());
      }
      return out;
    }
    if (v.isArray()) {
      for (JsonNode item : v) {
        if (!item.isTextual()) {
          throw new MaskingConfigException(set + "/detectors", "list detector names as strings");
        }
        out.put(item.textValue(), F.objectNode());
      }
      return out;
    }
    if (v.isObject()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        JsonNode o = e.getValue();
        String ruleId = set + "/" + e.getKey();
        if (o.isBoolean()) {
          if (o.booleanValue()) {
            out.put(e.getKey(), F.objectNode());
          } else if (!BuiltInDetectors.NAMES.contains(e.getKey())) {
            throw new MaskingConfigException(ruleId, "unknown detector");
          }
        } else if (o.isNull()) {
          out.put(e.getKey(), F.objectNode());
        } else if (o.isTextual()) {
          ObjectNode shorthand = F.objectNode();
          shorthand.put("action", o.textValue());
          out.put(e.getKey(), shorthand);
        } else {
          out.put(e.getKey(), asObject(ruleId, o, "detector options"));
        }
      }
      return out;
    }
    throw new MaskingConfigException(
        set + "/detectors", "must be 'all', a list of names, or a map of name to options");
  }

  private static String ruleName(String set, ObjectNode c, Set<String> names) {
    JsonNode n = c.get("name");
    if (n == null || !n.isTextual() || !RULE_NAME.matcher(n.textValue()).matches()) {
      throw new MaskingConfigException(
          set + "/?", "every custom and field rule needs a name of letters, digits, _ . -");
    }
    String name = n.textValue();
    if (BuiltInDetectors.NAMES.contains(name) || !names.add(name)) {
      throw new MaskingConfigException(
          set + "/" + name, "rule names must be unique and differ from the built-in detectors");
    }
    return name;
  }

  private static Detector regex(String ruleId, String name, ObjectNode c, ObjectNode out) {
    String source = BuiltInDetectors.text(ruleId, c, "regex", null);
    if (source == null || source.isEmpty()) {
      throw new MaskingConfigException(ruleId, "regex must be a non-empty string");
    }
    if (NestedQuantifiers.present(source)) {
      throw new MaskingConfigException(
          ruleId,
          "regex repeats a group that itself has an unbounded quantifier (like (a+)+); it could"
              + " backtrack catastrophically. Rewrite it without the nesting.");
    }
    boolean ci = BuiltInDetectors.bool(ruleId, c, "case_insensitive", false);
    Pattern p;
    try {
      p = Pattern.compile(source, ci ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      throw new MaskingConfigException(
          ruleId, "invalid regex: " + e.getDescription() + " near index " + e.getIndex(), e);
    }
    int group = BuiltInDetectors.integer(ruleId, c, "group", 0);
    if (group < 0 || group > p.matcher("").groupCount()) {
      throw new MaskingConfigException(ruleId, "group " + group + " is not in the regex");
    }
    out.put("regex", source);
    out.put("group", group);
    out.put("case_insensitive", ci);
    return new RegexDetector(name, p, group);
  }

  private static Detector terms(String ruleId, String name, ObjectNode c, ObjectNode out) {
    List<String> terms = BuiltInDetectors.strings(ruleId, c, "terms", List.of());
    if (terms.isEmpty() || terms.stream().anyMatch(String::isEmpty)) {
      throw new MaskingConfigException(ruleId, "terms must list at least one non-empty term");
    }
    boolean caseSensitive = BuiltInDetectors.bool(ruleId, c, "case_sensitive", false);
    boolean wholeWord = BuiltInDetectors.bool(ruleId, c, "whole_word", true);
    ArrayNode termsOut = out.putArray("terms");
    terms.forEach(termsOut::add);
    out.put("case_sensitive", caseSensitive);
    out.put("whole_word", wholeWord);
    return new TermsDetector(name, terms, !caseSensitive, wholeWord);
  }

  private static MaskAction action(
      String ruleId, String name, ObjectNode c, ObjectNode out, Hasher hasher) {
    String kindName = BuiltInDetectors.text(ruleId, c, "action", "redact");
    ActionKind kind;
    try {
      kind = ActionKind.valueOf(kindName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MaskingConfigException(
          ruleId, "unknown action '" + kindName + "' (redact, partial, hash, drop)");
    }
    String label = BuiltInDetectors.text(ruleId, c, "label", BuiltInDetectors.defaultLabel(name));
    if (label.isEmpty() || label.contains("]")) {
      throw new MaskingConfigException(ruleId, "label must be non-empty and contain no ']'");
    }
    int keep = BuiltInDetectors.integer(ruleId, c, "keep", MaskAction.DEFAULT_KEEP);
    int hashLength =
        BuiltInDetectors.integer(ruleId, c, "hash_length", MaskAction.DEFAULT_HASH_LENGTH);
    if (keep < 0 || keep > 16) {
      throw new MaskingConfigException(ruleId, "keep must be between 0 and 16");
    }
    if (hashLength < 4 || hashLength > 64) {
      throw new MaskingConfigException(ruleId, "hash_length must be between 4 and 64");
    }
    if (kind == ActionKind.HASH && !hasher.hasKey()) {
      throw new MaskingConfigException(
          ruleId, "action hash needs masking.hash_key (an env or file reference that is set)");
    }
    out.put("action", kind.configName());
    out.put("label", label);
    if (kind == ActionKind.PARTIAL) {
      out.put("keep", keep);
    }
    if (kind == ActionKind.HASH) {
      out.put("hash_length", hashLength);
    }
    return new MaskAction(kind, label, keep, hashLength);
  }

  private static Direction direction(String ruleId, ObjectNode c, ObjectNode out) {
    String d = BuiltInDetectors.text(ruleId, c, "direction", "response");
    Direction direction;
    try {
      direction = Direction.valueOf(d.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MaskingConfigException(
          ruleId, "direction must be response, request or both, not '" + d + "'");
    }
    out.put("direction", direction.configName());
    return direction;
  }

  private static Set<String> allow(String ruleId, Detector detector, ObjectNode c, ObjectNode out) {
    List<String> values = BuiltInDetectors.strings(ruleId, c, "allow", List.of());
    ArrayNode allowOut = out.putArray("allow");
    Set<String> normalized = new LinkedHashSet<>();
    for (String v : values) {
      allowOut.add(v);
      normalized.add(detector.normalize(v));
    }
    return Set.copyOf(normalized);
  }

  private static List<JsonNode> list(String where, JsonNode v) {
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new MaskingConfigException(where, "must be a list");
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  private static ObjectNode asObject(String rule, JsonNode v, String what) {
    if (!(v instanceof ObjectNode o)) {
      throw new MaskingConfigException(rule, what + " must be a mapping");
    }
    return o;
  }

  private static void checkKeys(String rule, ObjectNode o, Set<String> allowed) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!allowed.contains(k)) {
        throw new MaskingConfigException(
            rule, "unknown option '" + k + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }
}
