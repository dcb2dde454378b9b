#!/usr/bin/env node
// The same fixture tools over the legacy HTTP+SSE transport (protocol 2024-11-05), via the SDK's
// SSEServerTransport: GET /sse opens the stream and its first event, `endpoint`, names the URL to
// POST messages to (/messages?sessionId=...); every server message comes back on that stream.
//
//   node legacy-sse-server.mjs [PORT]      (or PORT=...; 0 or unset = a free port)
//   -> prints "LISTENING <port>" on stdout

import express from 'express';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { createFixtureServer } from './lib/create-server.mjs';
import { hostGuard } from './lib/host-guard.mjs';
import { listenAndAnnounce } from './lib/listen.mjs';

const debug = process.env.FIXTURE_DEBUG ? (...a) => console.error('[legacy-sse-server]', ...a) : () => {};

/** sessionId -> {transport, socket of its GET stream} */
const sessions = new Map();

const hooks = {
  // On this transport every server message shares the one GET stream, so "mid-stream" means it.
  resetStream(extra) {
    const session = sessions.get(extra.sessionId);
    if (!session) return false;
    session.socket.resetAndDestroy();
    return true;
  },
};

function rpcError(res, status, code, message) {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

const app = express();
app.use(hostGuard());

app.get('/sse', async (req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  const mcp = createFixtureServer('gatehouse-legacy-sse-fixture', hooks);
  sessions.set(transport.sessionId, { transport, socket: req.socket });
  transport.onclose = () => {
    sessions.delete(transport.sessionId);
    debug('session closed', transport.sessionId);
  };
  res.on('close', () => transport.close().catch(() => {}));
  debug('session opened', transport.sessionId);
  await mcp.connect(transport); // starts the stream and sends the endpoint event
});

app.post('/messages', express.json({ limit: '4mb' }), async (req, res) => {
  const session = sessions.get(String(req.query.sessionId ?? ''));
  if (!session) {
    rpcError(res, 404, -32001, 'Session not found');
    return;
  }
  await session.transport.handlePostMessage(req, res, req.body);
});

app.use((err, _req, res, _next) => {
  debug('request failed:', err.message);
  if (res.headersSent) return;
  if (err.type === 'entity.parse.failed') rpcError(res, 400, -32700, 'Parse error');
  else rpcError(res, 500, -32603, 'Internal error');
});

listenAndAnnounce(app, () => {
  for (const { transport } of sessions.values()) transport.close().catch(() => {});
});
