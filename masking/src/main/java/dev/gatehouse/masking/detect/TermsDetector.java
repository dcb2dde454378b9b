package dev.gatehouse.masking.detect;

import java.util.List;

/**
 * A custom term-list rule: every occurrence of any listed term (project code names, customer names,
 * internal host names), found in one Aho-Corasick pass. With {@code whole_word} (the default) a
 * term must not be glued to letters or digits on either side, so "Falcon" does not hit "Falconer".
 */
public final class TermsDetector implements Detector {
  private final String name;
  private final AhoCorasick automaton;
  private final boolean wholeWord;
  private final int minLength;
  private final boolean ignoreCase;

  public TermsDetector(String name, List<String> terms, boolean ignoreCase, boolean wholeWord) {
    this.name = name;
    this.automaton = new AhoCorasick(terms, ignoreCase);
    this.wholeWord = wholeWord;
    this.ignoreCase = ignoreCase;
    this.minLength = terms.stream().mapToInt(String::length).filter(l -> l > 0).min().orElse(1);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.length() >= minLength;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    automaton.search(
        s,
        (start, end) -> {
          if (!wholeWord
              || (!Character.isLetterOrDigit(Chars.at(s, start - 1))
                  && !Character.isLetterOrDigit(Chars.at(s, end)))) {
            sink.add(start, end);
          }
        });
  }

  @Override
  public String normalize(String value) {
    return ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value;
  }
}
