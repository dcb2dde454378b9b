package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void durations() {
    assertThat(Units.parseDuration("250ms")).contains(Duration.ofMillis(250));
    assertThat(Units.parseDuration("5s")).contains(Duration.ofSeconds(5));
    assertThat(Units.parseDuration("2m")).contains(Duration.ofMinutes(2));
    assertThat(Units.parseDuration(" 1h ")).contains(Duration.ofHours(1));
    assertThat(Units.parseDuration("5")).isEmpty();
    assertThat(Units.parseDuration("5 s")).isEmpty();
    assertThat(Units.parseDuration("1.5s")).isEmpty();
    assertThat(Units.parseDuration("-1s")).isEmpty();
    assertThat(Units.parseDuration("5d")).isEmpty();
  }

  @Test
  void sizes() {
    assertThat(Units.parseSize("512")).contains(512L);
    assertThat(Units.parseSize("512B")).contains(512L);
    assertThat(Units.parseSize("16KiB")).contains(16_384L);
    assertThat(Units.parseSize("4MiB")).contains(4_194_304L);
    assertThat(Units.parseSize("1GiB")).contains(1_073_741_824L);
    assertThat(Units.parseSize("4MB")).isEmpty();
    assertThat(Units.parseSize("4kib")).isEmpty();
    assertThat(Units.parseSize("")).isEmpty();
  }

  @Test
  void formattingPicksTheLargestExactUnitAndRoundTrips() {
    assertThat(Units.formatDuration(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(Units.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Units.formatDuration(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Units.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Units.formatSize(4 << 20)).isEqualTo("4MiB");
    assertThat(Units.formatSize(1536)).isEqualTo("1536B");
    assertThat(Units.formatSize(16 << 10)).isEqualTo("16KiB");
    for (String d : new String[] {"250ms", "5s", "2m", "1h", "90s"}) {
      assertThat(Units.formatDuration(Units.parseDuration(d).orElseThrow())).isEqualTo(d);
    }
    for (String s : new String[] {"512B", "16KiB", "4MiB", "1GiB", "1536B"}) {
      assertThat(Units.formatSize(Units.parseSize(s).orElseThrow())).isEqualTo(s);
    }
  }
}
