package dev.gatehouse.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PatternSafetyTest {

  @Test
  void noBuiltInPatternHasNestedUnboundedQuantifiers() {
    for (Pattern p : BuiltInPatterns.all()) {
      assertThat(NestedQuantifiers.present(p.pattern())).as(p.pattern()).isFalse();
    }
  }

  /**
   * Reads every main source file of the module and checks each regex literal given to {@code
   * Pattern.compile}, so a pattern added to a detector is covered even if nobody lists it.
   */
  @Test
  void everyRegexLiteralInTheModuleSourcesIsSafe() throws Exception {
    Path root = Path.of("src/main/java");
    assertThat(root).isDirectory();
    Pattern compile = Pattern.compile("Pattern\\.compile\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    List<String> literals = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = compile.matcher(Files.readString(f));
        while (m.find()) {
          literals.add(m.group(1).replace("\\\\", "\\"));
        }
      }
    }
    assertThat(literals).isNotEmpty();
    for (String regex : literals) {
      assertThat(NestedQuantifiers.present(regex)).as(regex).isFalse();
      Pattern.compile(regex); // and it is the regex we think it is
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
