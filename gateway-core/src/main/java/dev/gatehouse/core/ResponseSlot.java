package dev.gatehouse.core;

/**
 * The fixed response-side order, applied to every message on its way to the client:
 *
 * <ol>
 *   <li>{@link #FILTER_LISTS}: drop tools, resources and prompts the identity may not use, so list
 *       and call never disagree.
 *   <li>{@link #MASK}: mask every JSON string; after list filtering so nothing is masked that will
 *       be dropped anyway.
 *   <li>{@link #AUDIT}: last, so the record holds exactly what the client receives (masked), and in
 *       durable mode the message is held here until its record is on disk.
 * </ol>
 *
 * Unlike Envoy's encoder chain this is not the request order reversed: each side has its own list.
 */
public enum ResponseSlot {
  FILTER_LISTS,
  MASK,
  AUDIT
}
