package dev.gatehouse.core;

import java.util.concurrent.CompletionStage;

/**
 * What a filter decided, as a value. The chain runner is the only code that acts on it, with a
 * switch, so the control flow of every request lives in one place.
 */
public sealed interface Decision {

  /** Go on to the next slot. */
  Decision CONTINUE = new Continue();

  /** Go on to the next slot. */
  record Continue() implements Decision {}

  /**
   * Stop here and answer the client with {@code reply}; {@code verdict} says why, for the audit
   * record.
   */
  record Respond(HttpReply reply, Verdict verdict) implements Decision {}

  /**
   * Decide later: the runner parks the exchange (no thread waits), resumes on the exchange's event
   * loop when {@code next} completes, and gives up at the exchange's deadline or when the client
   * goes away (then {@code next} is cancelled).
   */
  record Wait(CompletionStage<Decision> next, String reason) implements Decision {}

  static Decision respond(HttpReply reply, Verdict verdict) {
    return new Respond(reply, verdict);
  }

  static Decision waitFor(CompletionStage<Decision> next, String reason) {
    return new Wait(next, reason);
  }
}
