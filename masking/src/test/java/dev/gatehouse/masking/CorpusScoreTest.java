package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.masking.corpus.CorpusGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scores the default rules on the labelled corpus, entity by entity: a prediction is a (detector,
 * exact value) masked in a document, a label is a (detector, exact value) that should be; they
 * match as multisets per document. Prints precision, recall and F2 per detector and overall, and
 * fails below the targets of issue 5.
 */
class CorpusScoreTest {
  /** Checksum-backed and prefixed-secret detectors: recall >= 0.99 and precision >= 0.98. */
  static final Set<String> STRICT =
      Set.of(
          "credit_card",
          "iban",
          "aws_access_key",
          "github_token",
          "slack_token",
          "stripe_key",
          "google_api_key",
          "private_key",
          "jwt");

  static final double MIN_F2 = 0.95;

  /** Counts for one detector. */
  static final class Score {
    int tp;
    int fp;
    int fn;

    double precision() {
      return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    double f2() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    }
  }

  @Test
  void committedCorpusIsWhatTheGeneratorProduces() throws IOException {
    assertThat(corpusText()).isEqualTo(CorpusGenerator.generate());
  }

  @Test
  void defaultRulesMeetTheQualityTargets() throws IOException {
    MaskingEngine engine = MaskingRules.defaults().engineFor("corpus");
    Map<String, Score> scores = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (String line : corpusText().split("\n")) {
      JsonNode doc = JsonRpcParser.MAPPER.readTree(line);
      Map<String, Integer> gold = new HashMap<>();
      for (JsonNode l : doc.get("labels")) {
        gold.merge(l.get(0).textValue() + "\u0000" + l.get(1).textValue(), 1, Integer::sum);
      }
      Map<String, Integer> predicted = new HashMap<>();
      ObjectNode message = (ObjectNode) doc.get("message").deepCopy();
      engine.maskMessage(
          message, (rule, value) -> predicted.merge(rule + "\u0000" + value, 1, Integer::sum));
      Set<String> keys = new java.util.HashSet<>(gold.keySet());
      keys.addAll(predicted.keySet());
      for (String k : keys) {
        String detector = k.substring(0, k.indexOf('\u0000'));
        int g = gold.getOrDefault(k, 0);
        int p = predicted.getOrDefault(k, 0);
        Score s = scores.computeIfAbsent(detector, d -> new Score());
        s.tp += Math.min(g, p);
        s.fp += Math.max(0, p - g);
        s.fn += Math.max(0, g - p);
        if (p != g && errors.size() < 60) {
          errors.add(
              String.format(
                  Locale.ROOT,
                  "  %s %s %s: gold %d, masked %d",
                  doc.get("id").asText(),
                  detector,
                  k.substring(k.indexOf('\u0000') + 1).replace("\n", "\\n"),
                  g,
                  p));
        }
      }
    }
    Score overall = new Score();
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-18s %6s %5s %5s %9s %7s %6s%n",
            "detector",
            "tp",
            "fp",
            "fn",
            "precision",
            "recall",
            "F2"));
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      Score s = e.getValue();
      overall.tp += s.tp;
      overall.fp += s.fp;
      overall.fn += s.fn;
      table.append(row(e.getKey(), s));
    }
    table.append(row("OVERALL", overall));
    System.out.println("Masking corpus score (" + CorpusGenerator.RESOURCE + "):\n" + table);
    if (!errors.isEmpty()) {
      System.out.println(
          "Disagreements (first " + errors.size() + "):\n" + String.join("\n", errors));
    }

    assertThat(scores.keySet()).containsAll(BuiltInDetectors.NAMES);
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      Score s = e.getValue();
      assertThat(s.f2()).as("F2 of " + e.getKey()).isGreaterThanOrEqualTo(MIN_F2);
      if (STRICT.contains(e.getKey())) {
        assertThat(s.recall()).as("recall of " + e.getKey()).isGreaterThanOrEqualTo(0.99);
        assertThat(s.precision()).as("precision of " + e.getKey()).isGreaterThanOrEqualTo(0.98);
      }
    }
    assertThat(overall.f2()).as("overall F2").isGreaterThanOrEqualTo(MIN_F2);
  }

  private static String row(String name, Score s) {
    return String.format(
        Locale.ROOT,
        "%-18s %6d %5d %5d %9.4f %7.4f %6.4f%n",
        name,
        s.tp,
        s.fp,
        s.fn,
        s.precision(),
        s.recall(),
        s.f2());
  }

  static String corpusText() throws IOException {
    try (InputStream in =
        CorpusScoreTest.class.getClassLoader().getResourceAsStream(CorpusGenerator.RESOURCE)) {
      assertThat(in).as("corpus resource").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
