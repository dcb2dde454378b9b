package dev.gatehouse.audit.store;

import java.util.concurrent.CompletableFuture;

/**
 * A queued record: its canonical members around {@code seq} and {@code time} (serialized on the
 * caller's thread, so the single writer thread only concatenates, hashes and writes). {@code
 * future} is null in async mode, where the append completed at once.
 */
record Pending(long seq, String time, byte[][] parts, CompletableFuture<Long> future) {}
