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

  private final Map<String, List<String>> values;
  private final Lookup lookup;

  public RequestHeaders() {
    this.values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.lookup = name -> values.getOrDefault(name, List.of());
  }

  private RequestHeaders(Lookup lookup) {
    this.values = null;
    this.lookup = lookup;
  }

  /** A read-only view of headers held elsewhere; {@link #add} is refused. */
  public static RequestHeaders view(Lookup lookup) {
    return new RequestHeaders(lookup);
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
    List<String> list = lookup.getAll(name);
    return list.isEmpty() ? null : list.get(0);
  }

  public List<String> getAll(String name) {
    return lookup.getAll(name);
  }

  public boolean contains(String name) {
    return !lookup.getAll(name).isEmpty();
  }
}
