package dev.gatehouse.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The client's request headers as plain values (names case-insensitive), for filters. */
public final class RequestHeaders {
  private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  public RequestHeaders add(String name, String value) {
    // The map ignores case already: no lower-cased copy of every name.
    values.computeIfAbsent(name, k -> new java.util.ArrayList<>(1)).add(value);
    return this;
  }

  /** The first value of {@code name}, or {@code null}. */
  public String get(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? null : list.get(0);
  }

  public List<String> getAll(String name) {
    return values.getOrDefault(name, List.of());
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }
}
