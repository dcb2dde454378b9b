// In-memory EventStore for Streamable HTTP resumability (one per session).
//
// Event ids are "<streamId>|<seq>" with a store-wide increasing seq, so an id names the stream it
// belongs to (the spec asks ids to encode their stream) and ordering within a stream is numeric.
// getStreamIdForEventId is deliberately NOT implemented: with it the SDK answers 409 to a resume
// that races the server noticing the old connection's close (likely through a proxy); without it
// the resumed stream supersedes the stale one, which is what a client that dropped a stream wants.

const SEP = '|';

export class InMemoryEventStore {
  /** @param {number} maxEvents oldest events are forgotten beyond this bound */
  constructor(maxEvents = 10_000) {
    this.maxEvents = maxEvents;
    this.seq = 0;
    /** @type {Map<string, {streamId: string, seq: number, message: object}>} */
    this.events = new Map();
  }

  async storeEvent(streamId, message) {
    const seq = ++this.seq;
    const eventId = `${streamId}${SEP}${seq}`;
    this.events.set(eventId, { streamId, seq, message });
    if (this.events.size > this.maxEvents) {
      // Map iteration order is insertion order: the first key is the oldest event.
      this.events.delete(this.events.keys().next().value);
    }
    return eventId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const cut = lastEventId.lastIndexOf(SEP);
    if (cut <= 0) {
      throw new Error(`malformed event id: ${lastEventId}`);
    }
    const streamId = lastEventId.slice(0, cut);
    const afterSeq = Number(lastEventId.slice(cut + 1));
    for (const [eventId, event] of this.events) {
      // Priming events carry an empty message; replaying them would hand the client "{}".
      if (event.streamId === streamId && event.seq > afterSeq && Object.keys(event.message).length > 0) {
        await send(eventId, event.message);
      }
    }
    return streamId;
  }
}
