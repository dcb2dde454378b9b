// A fetch for the SDK client transports that records every HTTP exchange (method, status,
// Last-Event-ID sent) and can drop the currently open GET stream on demand, the way a flaky
// network or a restarted proxy would: the GET's own AbortController aborts only that request,
// the transport then sees the stream fail and resumes it with Last-Event-ID by itself.

export function recordingFetch() {
  /** @type {{method: string, status?: number, lastEventId: string|null, sessionId: string|null}[]} */
  const exchanges = [];
  let dropOpenGet = undefined;

  const fetchFn = async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const entry = { method, lastEventId: headers.get('last-event-id'), sessionId: headers.get('mcp-session-id') };
    exchanges.push(entry);
    if (method !== 'GET') {
      const res = await fetch(url, init);
      entry.status = res.status;
      return res;
    }
    const own = new AbortController();
    const signal = init.signal ? AbortSignal.any([init.signal, own.signal]) : own.signal;
    const res = await fetch(url, { ...init, signal });
    entry.status = res.status;
    if (res.ok) dropOpenGet = () => own.abort(new Error('client-e2e: GET stream dropped on purpose'));
    return res;
  };

  return {
    fetch: fetchFn,
    exchanges,
    /** Aborts the most recently opened GET stream; returns false if none was open. */
    dropGet() {
      if (!dropOpenGet) return false;
      const drop = dropOpenGet;
      dropOpenGet = undefined;
      drop();
      return true;
    },
  };
}
