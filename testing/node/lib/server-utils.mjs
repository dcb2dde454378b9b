// Small helpers shared by the fixture servers.

export const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('cancelled'));
      },
      { once: true },
    );
  });

/**
 * Sends notifications/message for a request on that request's stream, honouring the level the
 * session set with logging/setLevel (the SDK's Server keeps that per session).
 */
export async function log(mcp, extra, level, data, logger = 'fixture') {
  if (mcp.server.isMessageIgnored(level, extra.sessionId)) return;
  await extra.sendNotification({ method: 'notifications/message', params: { level, logger, data } });
}

/** Same, but on the session's standalone stream (GET SSE): the message is not tied to a request. */
export async function logStandalone(mcp, sessionId, level, data, logger = 'fixture') {
  await mcp.sendLoggingMessage({ level, logger, data }, sessionId);
}
