package dev.gatehouse.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternSafetyTest {

  @Test
  void noBuiltInPatternHasNestedUnboundedQuantifiers() {
    assertThat(BuiltInPatterns.all()).isNotEmpty();
    for (Pattern p : BuiltInPatterns.all()) {
      assertThat(NestedQuantifiers.present(p.pattern())).as(p.pattern()).isFalse();
    }
  }

  @Test
  void theCheckRecognisesTheClassicShapes() {
    for (String bad :
        new String[] {
          "(a+)+",
          "(a*)*b",
          "(\\w+\\s?)*$",
          "^(a|b+)+$",
          "((ab)*c)+",
          "(x{2,})*",
          "(?:[a-z]+\\.)+com"
        }) {
      assertThat(NestedQuantifiers.present(bad)).as(bad).isTrue();
    }
    for (String ok :
        new String[] {
          "a+b*", "(ab)+", "(a{1,3})+", "[(a+)]+", "\\(a+\\)+", "EMP-[0-9]{6}", "(a+)?", "(a|b)*"
        }) {
      assertThat(NestedQuantifiers.present(ok)).as(ok).isFalse();
    }
  }
}
