package dev.gatehouse.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;

/**
 * Filters for the auditor's view ({@code show}, {@code tail}); a null field matches everything.
 * Times compare against the record's {@code time}; {@code tool} against its {@code target} (tool,
 * resource or prompt name); {@code decision} against {@code decision.outcome}.
 */
public record RecordQuery(
    Instant from, Instant to, String subject, String connection, String tool, String decision) {

  public static final RecordQuery ALL = new RecordQuery(null, null, null, null, null, null);

  public boolean matches(JsonNode r) {
    if (r == null) {
      return false;
    }
    if (from != null || to != null) {
      Instant t;
      try {
        t = Instant.parse(r.path("time").asText());
      } catch (java.time.format.DateTimeParseException e) {
        return false;
      }
      if ((from != null && t.isBefore(from)) || (to != null && !t.isBefore(to))) {
        return false;
      }
    }
    return eq(subject, r.path("identity").path("subject"))
        && eq(connection, r.path("connection"))
        && eq(tool, r.path("target"))
        && (decision == null
            || decision
                .toLowerCase(Locale.ROOT)
                .equals(r.path("decision").path("outcome").asText()));
  }

  private static boolean eq(String want, JsonNode have) {
    return want == null || (have.isTextual() && want.equals(have.textValue()));
  }

  /** One readable line per record. */
  public static String format(JsonNode r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.path("seq").asText()).append("  ").append(r.path("time").asText()).append("  ");
    String type = r.path("type").asText();
    if (!"exchange".equals(type)) {
      sb.append(type);
      for (String f : new String[] {"reason", "what", "configHash", "actor"}) {
        if (r.hasNonNull(f)) {
          sb.append("  ").append(f).append('=').append(r.get(f).asText());
        }
      }
      return sb.toString();
    }
    sb.append(String.format("%-10s", r.path("decision").path("outcome").asText()));
    sb.append("  ").append(r.path("identity").path("subject").asText("-"));
    sb.append("  ").append(r.path("connection").asText("-"));
    sb.append("  ").append(r.path("method").asText(r.path("httpMethod").asText("-")));
    if (r.hasNonNull("target")) {
      sb.append(' ').append(r.get("target").asText());
    }
    if (r.path("decision").hasNonNull("rule")) {
      sb.append("  rule=").append(r.path("decision").path("rule").asText());
    }
    if (r.has("maskCounts")) {
      sb.append("  masked=").append(r.get("maskCounts"));
    }
    if (r.hasNonNull("clearText")) {
      sb.append("  clearText=").append(r.get("clearText").asText());
    }
    if (r.has("upstreamStatus")) {
      sb.append("  upstream=").append(r.get("upstreamStatus").asText());
    }
    sb.append("  ").append(r.path("latencyMs").asText()).append("ms");
    return sb.toString();
  }
}
