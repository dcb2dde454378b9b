package dev.gatehouse.masking;

import java.util.Locale;

/** Which way a rule applies: server-to-client messages, client-to-server arguments, or both. */
public enum Direction {
  RESPONSE,
  REQUEST,
  BOTH;

  public boolean appliesTo(Direction side) {
    return this == BOTH || this == side;
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
