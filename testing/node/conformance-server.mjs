#!/usr/bin/env node
// Upstream A: an MCP server over Streamable HTTP (official TypeScript SDK) implementing every
// scenario of the @modelcontextprotocol/conformance 0.1.16 server suite plus the gh_* tools used by
// Gatehouse's tests. Stateful sessions, an in-memory event store (Last-Event-ID resumability on
// POST and GET streams), Host/Origin validation for loopback.
//
//   node conformance-server.mjs [PORT]     (or PORT=...; 0 or unset = a free port)
//   -> prints "LISTENING <port>" on stdout; endpoint http://127.0.0.1:<port>/mcp
//
// Environment:
//   FIXTURE_JSON_RESPONSE=1   answer POSTed requests with application/json instead of an SSE stream
//                             (no server-to-client requests or notifications during a call then)
//   FIXTURE_KEEPALIVE_MS=N    SSE comment keep-alive interval (SDK default 15000; 0 disables)
//   FIXTURE_ALLOWED_HOSTS=a,b host names accepted in Host/Origin besides loopback
//   FIXTURE_DEBUG=1           log sessions and transport errors to stderr

import { randomUUID } from 'node:crypto';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createFixtureServer } from './lib/create-server.mjs';
import { InMemoryEventStore } from './lib/event-store.mjs';
import { hostGuard } from './lib/host-guard.mjs';
import { listenAndAnnounce } from './lib/listen.mjs';

const jsonResponse = process.env.FIXTURE_JSON_RESPONSE === '1';
const keepAliveMs = process.env.FIXTURE_KEEPALIVE_MS === undefined ? undefined : Number(process.env.FIXTURE_KEEPALIVE_MS);
const debug = process.env.FIXTURE_DEBUG ? (...a) => console.error('[conformance-server]', ...a) : () => {};

/** sessionId -> {transport, mcp} */
const sessions = new Map();

// The sockets carrying in-flight POSTs, so gh_reset_mid_stream can reset "its" connection.
/** `${sessionId} ${JSON id}` -> net.Socket */
const inflightSockets = new Map();
const socketKey = (sessionId, id) => `${sessionId} ${JSON.stringify(id)}`;

function trackInflight(sessionId, body, req, res) {
  const ids = (Array.isArray(body) ? body : [body]).filter((m) => m && m.method && m.id !== undefined).map((m) => m.id);
  for (const id of ids) inflightSockets.set(socketKey(sessionId, id), req.socket);
  res.on('close', () => ids.forEach((id) => inflightSockets.delete(socketKey(sessionId, id))));
}

const hooks = {
  resetStream(extra) {
    const socket = inflightSockets.get(socketKey(extra.sessionId, extra.requestId));
    if (!socket) return false;
    // resetAndDestroy sends a TCP RST (not a FIN), like a crashed or killed upstream.
    socket.resetAndDestroy();
    return true;
  },
};

function rpcError(res, status, code, message) {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

async function newSession(req, res) {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    eventStore: new InMemoryEventStore(),
    // Tells clients (in the priming event) to reconnect quickly after a stream is closed.
    retryInterval: 100,
    enableJsonResponse: jsonResponse,
    keepAliveMs,
    onsessioninitialized: (id) => {
      sessions.set(id, { transport, mcp });
      debug('session opened', id);
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) sessions.delete(transport.sessionId);
    debug('session closed', transport.sessionId);
  };
  transport.onerror = (err) => debug('transport error:', err.message);
  const mcp = createFixtureServer('gatehouse-conformance-fixture', hooks);
  await mcp.connect(transport);
  await transport.handleRequest(req, res, req.body);
}

const app = express();
app.use(hostGuard());
app.use(express.json({ limit: '4mb' }));

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  if (sessionId === undefined) {
    if (!isInitializeRequest(req.body)) {
      rpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
      return;
    }
    await newSession(req, res);
    return;
  }
  const session = sessions.get(sessionId);
  if (!session) {
    // Unknown or terminated session: the spec's answer is 404 (the client must re-initialize).
    rpcError(res, 404, -32001, 'Session not found');
    return;
  }
  trackInflight(sessionId, req.body, req, res);
  await session.transport.handleRequest(req, res, req.body);
});

// GET (standalone stream, or resumption with Last-Event-ID) and DELETE (end of session).
async function existingSessionOnly(req, res) {
  const sessionId = req.headers['mcp-session-id'];
  if (sessionId === undefined) {
    rpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    return;
  }
  const session = sessions.get(sessionId);
  if (!session) {
    rpcError(res, 404, -32001, 'Session not found');
    return;
  }
  await session.transport.handleRequest(req, res);
}
app.get('/mcp', existingSessionOnly);
app.delete('/mcp', existingSessionOnly);
app.all('/mcp', (_req, res) => rpcError(res, 405, -32000, 'Method not allowed'));

// Malformed JSON bodies (express.json) and anything else thrown: a JSON-RPC error, never HTML.
app.use((err, _req, res, _next) => {
  debug('request failed:', err.message);
  if (res.headersSent) return;
  if (err.type === 'entity.parse.failed') rpcError(res, 400, -32700, 'Parse error');
  else if (err.type === 'entity.too.large') rpcError(res, 413, -32000, 'Request body too large');
  else rpcError(res, 500, -32603, 'Internal error');
});

listenAndAnnounce(app, () => {
  for (const { transport } of sessions.values()) transport.close().catch(() => {});
});
