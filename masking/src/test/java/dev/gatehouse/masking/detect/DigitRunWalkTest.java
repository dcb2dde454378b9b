package dev.gatehouse.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one walk over digit runs must find exactly what the five numeric detectors find on their own:
 * its per-run skip tests are only allowed to save calls, never to change a cursor.
 */
class DigitRunWalkTest {
  private static final Detector[] DETECTORS = {
    new EmailDetector(), // not a numeric detector: the walk must leave it to the caller
    new CreditCardDetector(),
    new PhoneDetector(List.of("US", "GB", "DE", "FR"), true),
    new UsSsnDetector(),
    new IbanDetector(),
    new Ipv4Detector(IpRanges.DEFAULT_IGNORED),
  };

  private static final String[] PIECES = {
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "5500005555555559",
    "378282246310005",
    "+44 20 7946 0958",
    "+1 (415) 555-2671",
    "(415) 555-2671",
    "020 7946 0958",
    "+14155552671",
    "078-05-1120",
    "123-45-6789",
    "123 45 6789",
    "123456789",
    "DE89 3704 0044 0532 0130 00",
    "GB82WEST12345698765432",
    "de89370400440532013000",
    "FR1420041010050500013M02606",
    "84.17.33.201",
    "192.168.1.1",
    "10-12-0-7",
    "1.2.3.4.5",
    "2024-03-15",
    "2024-03-15 10:22",
    "2024-03-15T10:22:33Z",
    "\"total\":1234.56,",
    "12).34",
    "(12)-3",
    "123.45.6",
    "15/03/2024",
    "49405.04",
    "ORD-2024",
    "v. ",
    "version ",
    "phone: ",
    "tel ",
    "SSN ",
    "ssn: ",
    "call ",
    "qty 2 ",
    " exp 2027",
    "a0",
    "x",
    "AB",
    "_",
    "-",
    ".",
    "/",
    "(",
    ")",
    "+",
    ":",
    " ",
    " ",
    "\u00a0",
    "\n",
    "é",
    "١٢٣",
  };

  @Test
  void findsWhatTheFiveScansFindOnRandomText() {
    Random random = new Random(20261126L);
    DigitRunWalk walk = new DigitRunWalk(DETECTORS);
    String[] keys = {null, null, "phone", "ssn", "version", "notes"};
    int matched = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int pieces = 1 + random.nextInt(24);
      for (int k = 0; k < pieces; k++) {
        int kind = random.nextInt(10);
        if (kind < 5) {
          sb.append(PIECES[random.nextInt(PIECES.length)]);
        } else if (kind < 8) {
          int len = 1 + random.nextInt(random.nextBoolean() ? 4 : 20);
          for (int d = 0; d < len; d++) {
            sb.append((char) ('0' + random.nextInt(10)));
          }
        } else {
          sb.append((char) ('a' + random.nextInt(26)));
        }
      }
      matched += compare(walk, sb.toString(), keys[random.nextInt(keys.length)]);
    }
    assertTrue(matched > 5_000, "the generator plants numbers the detectors find: " + matched);
  }

  @Test
  void findsWhatTheFiveScansFindInTheCorpus() throws IOException {
    DigitRunWalk walk = new DigitRunWalk(DETECTORS);
    Path corpus = Path.of("src/test/resources/corpus/mcp-tool-results.jsonl");
    int matched = 0;
    for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      matched += compare(walk, line, null);
    }
    assertTrue(matched > 500, "the corpus holds numbers the detectors find: " + matched);
  }

  @Test
  void leavesOtherDetectorsToTheCaller() {
    DigitRunWalk walk = new DigitRunWalk(DETECTORS);
    assertEquals(0, walk.slot(0));
    for (int r = 1; r < DETECTORS.length; r++) {
      assertTrue(walk.slot(r) != 0, DETECTORS[r].name());
    }
  }

  /** Compares the walk with the detectors' own scans on {@code text}; returns the match count. */
  private static int compare(DigitRunWalk walk, String text, String key) {
    List<String> expected = new ArrayList<>();
    int active = 0;
    for (int r = 0; r < DETECTORS.length; r++) {
      if (walk.slot(r) == 0) {
        continue;
      }
      active |= walk.slot(r);
      int rule = r;
      TextProfile profile = new TextProfile().compute(text);
      ScanContext ctx = new ScanContext().reset(key, false).profile(profile);
      DETECTORS[r].scan(text, ctx, (s, e) -> expected.add(rule + ":" + s + "-" + e));
    }
    List<String> actual = new ArrayList<>();
    TextProfile profile = new TextProfile().compute(text);
    ScanContext ctx = new ScanContext().reset(key, false).profile(profile);
    walk.scan(
        text,
        ctx,
        profile,
        active,
        new DigitRunWalk.Sink() {
          int rule = -1;

          @Override
          public void rule(int r) {
            rule = r;
          }

          @Override
          public void add(int s, int e) {
            actual.add(rule + ":" + s + "-" + e);
          }
        });
    expected.sort(null);
    actual.sort(null);
    assertEquals(expected, actual, () -> "key " + key + ", text: " + text);
    return expected.size();
  }
}
