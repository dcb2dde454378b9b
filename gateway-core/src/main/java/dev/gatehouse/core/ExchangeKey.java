package dev.gatehouse.core;

/**
 * A typed key for data a filter attaches to an exchange (like Netty's {@code AttributeKey}), so
 * that no step casts an untyped map entry. Identity is by instance.
 *
 * @param <T> the value type
 */
public final class ExchangeKey<T> {
  private final String name;
  private final Class<T> type;

  private ExchangeKey(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  public static <T> ExchangeKey<T> of(String name, Class<T> type) {
    return new ExchangeKey<>(name, type);
  }

  T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
