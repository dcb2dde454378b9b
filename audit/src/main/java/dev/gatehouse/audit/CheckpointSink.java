package dev.gatehouse.audit;

import dev.gatehouse.audit.note.Checkpoint;

/**
 * Somewhere a copy of each signed checkpoint goes, off this host, so that rewriting the local log
 * (and its checkpoints) is caught by comparing with the copy. Sinks run on their own thread, latest
 * checkpoint first: a slow sink skips intermediate checkpoints, which is safe because a later
 * checkpoint is provably consistent with every earlier one. A failing sink is logged, never fatal:
 * the local log stays the source of truth.
 */
public interface CheckpointSink {
  void publish(Checkpoint checkpoint, String signedNote) throws Exception;

  /** For log lines, e.g. {@code http https://witness.example/add}. */
  String describe();
}
