package dev.gatehouse.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The key filters' two-character pre-test ({@link Assignments.KeyFilter#mayEndWith}) may only save
 * work: a scan that asks it must visit the same pairs as one whose pre-test accepts every key.
 */
class AssignmentsTest {
  private static final String[] PIECES = {
    "password",
    "passwd",
    "pwd",
    "secret",
    "api_key",
    "apiKey",
    "token",
    "pageToken",
    "key",
    "aws_secret_access_key",
    "SecretAccessKey",
    "AWS_SECRET",
    "credentials",
    "id",
    "order_id",
    "created_at",
    "_",
    "-",
    ".",
    "__",
    "=",
    ":",
    " = ",
    ": ",
    "\"",
    "'",
    " ",
    "\n",
    ",",
    "é",
    "hunter2hunter2",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "x",
    "Y",
    "7",
  };

  @Test
  void thePreTestRejectsNoKeyTheFilterAccepts() {
    Random random = new Random(20261126L);
    Assignments.KeyFilter[] filters = {
      SecretAssignmentDetector.KEY_FILTER, AwsSecretKeyDetector.KEY_FILTER
    };
    int pairs = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int pieces = 1 + random.nextInt(20);
      for (int k = 0; k < pieces; k++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      if (random.nextInt(50) == 0) {
        sb.append("k".repeat(70)).append("password=s3cr3t-value"); // a key past MAX_KEY
      }
      String text = sb.toString();
      for (Assignments.KeyFilter filter : filters) {
        List<String> expected = pairs(text, withoutPreTest(filter));
        assertEquals(expected, pairs(text, filter), text);
        pairs += expected.size();
      }
    }
    assertTrue(pairs > 5_000, "the generator writes assignments the filters accept: " + pairs);
  }

  private static List<String> pairs(String text, Assignments.KeyFilter filter) {
    List<String> out = new ArrayList<>();
    Assignments.scan(
        text,
        filter,
        (from, to, quoted) -> {
          out.add(from + "-" + to + (quoted ? "q" : ""));
          return to;
        });
    return out;
  }

  /** {@code filter} with a pre-test that lets every key through to its {@code accept}. */
  private static Assignments.KeyFilter withoutPreTest(Assignments.KeyFilter filter) {
    return new Assignments.KeyFilter() {
      @Override
      public boolean accept(String s, int from, int to) {
        return filter.accept(s, from, to);
      }

      @Override
      public boolean mayEndWith(char beforeLast, char last) {
        return true;
      }
    };
  }
}
