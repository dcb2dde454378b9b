package dev.gatehouse.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.AuditOptions;
import dev.gatehouse.audit.CheckpointSink;
import dev.gatehouse.audit.CommandCheckpointSink;
import dev.gatehouse.audit.FileCheckpointSink;
import dev.gatehouse.audit.HttpCheckpointSink;
import dev.gatehouse.server.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code audit:} section of the configuration into {@link AuditOptions}
 * (docs/audit-format.md, "Configuration"). Errors name the key as a JSON pointer, e.g. {@code
 * /audit/mode}. Unknown keys are errors, so a typo cannot silently weaken the log.
 */
public final class AuditConfigReader {
  private static final Set<String> KEYS =
      Set.of(
          "dir",
          "mode",
          "segmentMaxBytes",
          "segmentMaxAge",
          "checkpointInterval",
          "privateKeyFile",
          "origin",
          "maxPayloadBytes",
          "sinks");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");

  private AuditConfigReader() {}

  public static AuditOptions read(JsonNode audit) {
    String base = "/audit";
    if (audit == null || audit.isMissingNode() || audit.isNull()) {
      throw new ConfigException(base, "section is required (at least privateKeyFile)");
    }
    if (!audit.isObject()) {
      throw new ConfigException(base, "must be a mapping");
    }
    for (Iterator<String> it = audit.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new ConfigException(
            base + "/" + k,
            "unknown key (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    String keyFile = text(audit, "privateKeyFile", null);
    if (keyFile == null) {
      throw new ConfigException(
          base + "/privateKeyFile", "required: create one with 'gatehouse audit keygen'");
    }
    AuditOptions o = AuditOptions.defaults(Path.of(text(audit, "dir", "audit")), Path.of(keyFile));
    String mode = text(audit, "mode", "durable");
    o =
        switch (mode.toLowerCase(Locale.ROOT)) {
          case "durable" -> o.withMode(AuditOptions.Mode.DURABLE);
          case "async" -> o.withMode(AuditOptions.Mode.ASYNC);
          default ->
              throw new ConfigException(
                  base + "/mode", "must be durable or async, not '" + mode + "'");
        };
    if (audit.has("segmentMaxBytes")) {
      o =
          o.withSegmentMaxBytes(
              size(audit.get("segmentMaxBytes"), base + "/segmentMaxBytes", 4096));
    }
    if (audit.has("segmentMaxAge")) {
      o = o.withSegmentMaxAge(duration(audit.get("segmentMaxAge"), base + "/segmentMaxAge"));
    }
    if (audit.has("checkpointInterval")) {
      Duration d = duration(audit.get("checkpointInterval"), base + "/checkpointInterval");
      if (d.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new ConfigException(
            base + "/checkpointInterval", "must be at most 1s (the audit contract)");
      }
      o = o.withCheckpointInterval(d);
    }
    if (audit.has("origin")) {
      String origin = text(audit, "origin", null);
      if (origin == null || origin.isBlank() || origin.contains("\n")) {
        throw new ConfigException(base + "/origin", "must be a non-empty single line");
      }
      o = o.withOrigin(origin);
    }
    if (audit.has("maxPayloadBytes")) {
      long max = size(audit.get("maxPayloadBytes"), base + "/maxPayloadBytes", 256);
      if (max > Integer.MAX_VALUE / 2) {
        throw new ConfigException(base + "/maxPayloadBytes", "too large");
      }
      o = o.withMaxPayloadBytes((int) max);
    }
    if (audit.has("sinks")) {
      o = o.withSinks(sinks(audit.get("sinks"), base + "/sinks"));
    }
    return o;
  }

  private static List<CheckpointSink> sinks(JsonNode node, String ptr) {
    if (!node.isArray()) {
      throw new ConfigException(ptr, "must be a list");
    }
    List<CheckpointSink> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      String p = ptr + "/" + i;
      if (!s.isObject()) {
        throw new ConfigException(p, "must be a mapping with a type");
      }
      Duration timeout =
          s.has("timeout") ? duration(s.get("timeout"), p + "/timeout") : Duration.ofSeconds(10);
      String type = text(s, "type", "");
      switch (type) {
        case "file" -> {
          String path = text(s, "path", null);
          if (path == null) {
            throw new ConfigException(p + "/path", "required for a file sink");
          }
          out.add(new FileCheckpointSink(Path.of(path)));
        }
        case "http" -> {
          String url = text(s, "url", null);
          URI uri;
          try {
            uri = url == null ? null : URI.create(url);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(p + "/url", "not a URL: " + e.getMessage());
          }
          if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new ConfigException(p + "/url", "required: an http(s) URL");
          }
          out.add(new HttpCheckpointSink(uri, timeout));
        }
        case "command" -> {
          JsonNode cmd = s.get("command");
          if (cmd == null || !cmd.isArray() || cmd.isEmpty()) {
            throw new ConfigException(
                p + "/command", "required: the program and its arguments as a list");
          }
          List<String> args = new ArrayList<>();
          cmd.forEach(a -> args.add(a.asText()));
          out.add(new CommandCheckpointSink(args, timeout));
        }
        default -> throw new ConfigException(p + "/type", "must be file, http or command");
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field, String dflt) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new ConfigException("/audit/" + field, "must be a string");
    }
    return v.textValue();
  }

  static Duration duration(JsonNode v, String ptr) {
    Matcher m = v.isTextual() ? DURATION.matcher(v.textValue().trim()) : null;
    if (m == null || !m.matches()) {
      throw new ConfigException(ptr, "must be a duration like 500ms, 1s, 5m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.isZero()) {
      throw new ConfigException(ptr, "must be positive");
    }
    return d;
  }

  static long size(JsonNode v, String ptr, long min) {
    long bytes;
    if (v.isIntegralNumber()) {
      bytes = v.longValue();
    } else {
      Matcher m = v.isTextual() ? SIZE.matcher(v.textValue().trim()) : null;
      if (m == null || !m.matches()) {
        throw new ConfigException(ptr, "must be a size like 65536, 64KiB or 64MiB");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "B" : m.group(2);
      bytes =
          switch (unit) {
            case "KiB" -> n << 10;
            case "MiB" -> n << 20;
            case "GiB" -> n << 30;
            case "KB" -> n * 1000;
            case "MB" -> n * 1_000_000;
            case "GB" -> n * 1_000_000_000;
            default -> n;
          };
    }
    if (bytes < min) {
      throw new ConfigException(ptr, "must be at least " + min + " bytes");
    }
    return bytes;
  }
}
