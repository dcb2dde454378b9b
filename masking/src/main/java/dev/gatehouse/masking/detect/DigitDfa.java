package dev.gatehouse.masking.detect;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A regular expression over the ten ASCII digits compiled to a deterministic automaton. The
 * numbering-plan patterns in libphonenumber's metadata are such expressions ({@code
 * 2(?:0[1-9]|[1-8]\d)\d{6}}); java.util.regex runs them by backtracking, which costs about a
 * microsecond per pattern, and validating one number tries up to eleven of them. The automaton
 * answers the same question in one table step per digit.
 *
 * <p>Only the syntax the metadata uses is accepted: digits, {@code \d}, classes of digits and digit
 * ranges, groups ({@code (...)}, {@code (?:...)}), alternation, and the quantifiers {@code ? * +
 * {n} {n,} {n,m}}. Anything else throws {@link IllegalArgumentException}, and so does a pattern
 * whose automaton would exceed {@link #MAX_STATES}; the caller then falls back to the library.
 */
final class DigitDfa {
  static final int MAX_STATES = 20_000;

  private final int[] next; // next[state * 10 + digit], -1 for the dead state
  private final boolean[] accept;

  private DigitDfa(int[] next, boolean[] accept) {
    this.next = next;
    this.accept = accept;
  }

  /** Compiles {@code regex}; throws IllegalArgumentException outside the supported subset. */
  static DigitDfa compile(String regex) {
    Node ast = new Parser(regex).parse();
    Nfa nfa = new Nfa();
    int start = nfa.state();
    int end = nfa.state();
    ast.build(nfa, start, end);
    return determinize(nfa, start, end);
  }

  /** Whether all of {@code digits} is in the language (java.util.regex {@code matches()}). */
  boolean matches(CharSequence digits) {
    int s = 0;
    for (int i = 0, n = digits.length(); i < n; i++) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      s = next[s * 10 + d];
      if (s < 0) {
        return false;
      }
    }
    return accept[s];
  }

  /** Whether some prefix of {@code digits} is in the language ({@code lookingAt()}). */
  boolean matchesPrefix(CharSequence digits) {
    int s = 0;
    if (accept[s]) {
      return true;
    }
    for (int i = 0, n = digits.length(); i < n; i++) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      s = next[s * 10 + d];
      if (s < 0) {
        return false;
      }
      if (accept[s]) {
        return true;
      }
    }
    return false;
  }

  private static DigitDfa determinize(Nfa nfa, int start, int end) {
    Map<BitSet, Integer> ids = new HashMap<>();
    List<BitSet> sets = new ArrayList<>();
    BitSet first = nfa.closure(single(start));
    ids.put(first, 0);
    sets.add(first);
    int[] next = new int[64 * 10];
    for (int k = 0; k < sets.size(); k++) {
      BitSet from = sets.get(k);
      for (int d = 0; d < 10; d++) {
        BitSet to = new BitSet();
        for (int s = from.nextSetBit(0); s >= 0; s = from.nextSetBit(s + 1)) {
          nfa.step(s, d, to);
        }
        int id;
        if (to.isEmpty()) {
          id = -1;
        } else {
          BitSet closed = nfa.closure(to);
          Integer known = ids.get(closed);
          if (known == null) {
            if (sets.size() >= MAX_STATES) {
              throw new IllegalArgumentException("automaton too large");
            }
            known = sets.size();
            ids.put(closed, known);
            sets.add(closed);
          }
          id = known;
        }
        if (k * 10 + d >= next.length) {
          next = java.util.Arrays.copyOf(next, next.length * 2);
        }
        next[k * 10 + d] = id;
      }
    }
    boolean[] accept = new boolean[sets.size()];
    for (int k = 0; k < accept.length; k++) {
      accept[k] = sets.get(k).get(end);
    }
    return new DigitDfa(java.util.Arrays.copyOf(next, sets.size() * 10), accept);
  }

  private static BitSet single(int s) {
    BitSet b = new BitSet();
    b.set(s);
    return b;
  }

  /** Thompson automaton: each state has digit edges (a 10-bit mask each) and epsilon edges. */
  private static final class Nfa {
    private final List<int[]> edges = new ArrayList<>(); // pairs (mask, target)
    private final List<int[]> eps = new ArrayList<>();

    int state() {
      if (edges.size() > 10 * MAX_STATES) {
        throw new IllegalArgumentException("pattern too large");
      }
      edges.add(new int[0]);
      eps.add(new int[0]);
      return edges.size() - 1;
    }

    void edge(int from, int mask, int to) {
      int[] e = edges.get(from);
      int[] grown = java.util.Arrays.copyOf(e, e.length + 2);
      grown[e.length] = mask;
      grown[e.length + 1] = to;
      edges.set(from, grown);
    }

    void epsilon(int from, int to) {
      int[] e = eps.get(from);
      int[] grown = java.util.Arrays.copyOf(e, e.length + 1);
      grown[e.length] = to;
      eps.set(from, grown);
    }

    void step(int s, int digit, BitSet out) {
      int[] e = edges.get(s);
      for (int k = 0; k < e.length; k += 2) {
        if ((e[k] & (1 << digit)) != 0) {
          out.set(e[k + 1]);
        }
      }
    }

    BitSet closure(BitSet states) {
      BitSet out = (BitSet) states.clone();
      int[] stack = new int[edges.size()];
      int top = 0;
      for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
        stack[top++] = s;
      }
      while (top > 0) {
        int s = stack[--top];
        for (int t : eps.get(s)) {
          if (!out.get(t)) {
            out.set(t);
            stack[top++] = t;
          }
        }
      }
      return out;
    }
  }

  /** A parsed expression; {@link #build} wires it between two fresh automaton states. */
  private sealed interface Node {
    void build(Nfa nfa, int from, int to);
  }

  private record Digits(int mask) implements Node {
    @Override
    public void build(Nfa nfa, int from, int to) {
      nfa.edge(from, mask, to);
    }
  }

  private record Seq(List<Node> items) implements Node {
    @Override
    public void build(Nfa nfa, int from, int to) {
      int cur = from;
      for (int k = 0; k < items.size(); k++) {
        int next = k == items.size() - 1 ? to : nfa.state();
        items.get(k).build(nfa, cur, next);
        cur = next;
      }
      if (items.isEmpty()) {
        nfa.epsilon(from, to);
      }
    }
  }

  private record Alt(List<Node> options) implements Node {
    @Override
    public void build(Nfa nfa, int from, int to) {
      for (Node o : options) {
        int a = nfa.state();
        int b = nfa.state();
        nfa.epsilon(from, a);
        o.build(nfa, a, b);
        nfa.epsilon(b, to);
      }
    }
  }

  /** {@code item{min,max}}; max -1 for unbounded. */
  private record Repeat(Node item, int min, int max) implements Node {
    @Override
    public void build(Nfa nfa, int from, int to) {
      int cur = from;
      for (int k = 0; k < min; k++) {
        int next = nfa.state();
        item.build(nfa, cur, next);
        cur = next;
      }
      if (max < 0) {
        // cur -> item -> cur, any number of times.
        int a = nfa.state();
        int b = nfa.state();
        nfa.epsilon(cur, a);
        item.build(nfa, a, b);
        nfa.epsilon(b, cur);
        nfa.epsilon(cur, to);
        return;
      }
      for (int k = min; k < max; k++) {
        nfa.epsilon(cur, to);
        int next = nfa.state();
        item.build(nfa, cur, next);
        cur = next;
      }
      nfa.epsilon(cur, to);
    }
  }

  /** Recursive descent over the supported subset. */
  private static final class Parser {
    private final String p;
    private int i;

    Parser(String pattern) {
      this.p = pattern;
    }

    Node parse() {
      Node n = alternation();
      if (i != p.length()) {
        throw unsupported();
      }
      return n;
    }

    private Node alternation() {
      List<Node> options = new ArrayList<>();
      options.add(sequence());
      while (i < p.length() && p.charAt(i) == '|') {
        i++;
        options.add(sequence());
      }
      return options.size() == 1 ? options.get(0) : new Alt(options);
    }

    private Node sequence() {
      List<Node> items = new ArrayList<>();
      while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
        items.add(quantified(atom()));
      }
      return items.size() == 1 ? items.get(0) : new Seq(items);
    }

    private Node atom() {
      char c = p.charAt(i);
      if (c >= '0' && c <= '9') {
        i++;
        return new Digits(1 << (c - '0'));
      }
      if (c == '\\') {
        if (i + 1 < p.length() && p.charAt(i + 1) == 'd') {
          i += 2;
          return new Digits(0x3ff);
        }
        throw unsupported();
      }
      if (c == '[') {
        return charClass();
      }
      if (c == '(') {
        i++;
        if (p.startsWith("?:", i)) {
          i += 2;
        } else if (i < p.length() && p.charAt(i) == '?') {
          throw unsupported(); // look-around, named or flagged groups
        }
        Node inner = alternation();
        expect(')');
        return inner;
      }
      throw unsupported();
    }

    private Node charClass() {
      i++; // '['
      boolean negate = i < p.length() && p.charAt(i) == '^';
      if (negate) {
        i++;
      }
      int mask = 0;
      boolean first = true;
      while (i < p.length() && (p.charAt(i) != ']' || first)) {
        first = false;
        char c = p.charAt(i);
        if (c == '\\' && i + 1 < p.length() && p.charAt(i + 1) == 'd') {
          mask |= 0x3ff;
          i += 2;
          continue;
        }
        if (c < '0' || c > '9') {
          throw unsupported();
        }
        i++;
        if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
          char hi = p.charAt(i + 1);
          if (hi < c || hi > '9') {
            throw unsupported();
          }
          for (char d = c; d <= hi; d++) {
            mask |= 1 << (d - '0');
          }
          i += 2;
        } else {
          mask |= 1 << (c - '0');
        }
      }
      expect(']');
      // A negated class matches non-digits too, but those never reach the automaton.
      return new Digits(negate ? ~mask & 0x3ff : mask);
    }

    private Node quantified(Node atom) {
      Node n = atom;
      while (i < p.length()) {
        char c = p.charAt(i);
        if (c == '?') {
          n = new Repeat(n, 0, 1);
        } else if (c == '*') {
          n = new Repeat(n, 0, -1);
        } else if (c == '+') {
          n = new Repeat(n, 1, -1);
        } else if (c == '{') {
          int close = p.indexOf('}', i);
          if (close < 0) {
            throw unsupported();
          }
          String body = p.substring(i + 1, close);
          int comma = body.indexOf(',');
          int min;
          int max;
          try {
            if (comma < 0) {
              min = max = Integer.parseInt(body);
            } else {
              min = Integer.parseInt(body.substring(0, comma));
              max = comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
            }
          } catch (NumberFormatException e) {
            throw unsupported();
          }
          if (min < 0 || min > 64 || (max >= 0 && (max < min || max > 64))) {
            throw unsupported();
          }
          n = new Repeat(n, min, max);
          i = close;
        } else {
          return n;
        }
        i++;
        if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
          // Lazy and possessive quantifiers: lazy ones accept the same strings, possessive ones
          // may not; neither occurs in the metadata, so both are refused.
          throw unsupported();
        }
      }
      return n;
    }

    private void expect(char c) {
      if (i >= p.length() || p.charAt(i) != c) {
        throw unsupported();
      }
      i++;
    }

    private IllegalArgumentException unsupported() {
      return new IllegalArgumentException("unsupported digit pattern at " + i + ": " + p);
    }
  }
}
