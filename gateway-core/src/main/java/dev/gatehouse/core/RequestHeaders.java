package dev.gatehouse.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's request headers as plain values (names case-insensitive), for filters. Either its
 * own values ({@link #add}) or a read-only view of the transport's headers ({@link #view}): filters
 * read a handful of headers per request, so copying every header into a map first would be work for
 * nothing.
 */
public final class RequestHeaders {
  /** Looks the values of one header up, case-insensitively; an empty list when absent. */
  @FunctionalInterface
  public interface Lookup {
    List<String> getAll(String name);
  }

  /** Looks the first value of one header up, case-insensitively; null when absent. */
  @FunctionalInterface
  public interface FirstLookup {
    String get(String name);
  }

  private final Map<String, List<String>> values;
  private final Lookup lookup;
  private final FirstLookup first;

  public RequestHeaders() {
    this.values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.lookup = name -> values.getOrDefault(name, List.of());
    this.first = name -> get(values.getOrDefault(name, List.of()));
  }

  private RequestHeaders(Lookup lookup, FirstLookup first) {
    this.values = null;
    this.lookup = lookup;
    this.first = first;
  }

  /**
   * A read-only view of headers held elsewhere ({@link #add} is refused), with a lookup of first
   * values of its own: filters mostly want one value, and a list built per lookup for it is garbage
   * on every request.
   */
  public static RequestHeaders view(Lookup lookup, FirstLookup first) {
    return new RequestHeaders(lookup, first);
  }

  private static String get(List<String> list) {
    return list.isEmpty() ? null : list.get(0);
  }

  public RequestHeaders add(String name, String value) {
    if (values == null) {
      throw new UnsupportedOperationException("a view of the transport's headers is read-only");
    }
    // The map ignores case already: no lower-cased copy of every name.
    values.computeIfAbsent(name, k -> new java.util.ArrayList<>(1)).add(value);
    return this;
  }

  /** The first value of {@code name}, or {@code null}. */
  public String get(String name) {
    return first.get(name);
  }

  public List<String> getAll(String name) {
    return lookup.getAll(name);
  }

  public boolean contains(String name) {
    return first.get(name) != null;
  }
}
