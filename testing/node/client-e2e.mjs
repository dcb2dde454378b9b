#!/usr/bin/env node
// A real MCP client (official TypeScript SDK Client + StreamableHTTPClientTransport) exercising an
// upstream-A fixture directly or through Gatehouse. One JSON line per check on stdout; exit 1 if
// any check failed, 2 on bad usage.
//
//   node client-e2e.mjs URL [--token T] [--scenario NAME] [--legacy-sse]
//                           [--assert-token-stripped] [--timeout-ms N] [--verbose]
//
// URL is the Streamable HTTP endpoint (…/mcp), or with --legacy-sse the HTTP+SSE stream URL (…/sse).
// --token T              adds "Authorization: Bearer T" to every request.
// --assert-token-stripped the echo-headers check fails if T (or any Authorization) reached the upstream.
// --scenario NAME        runs only that check (initialize always runs first).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { Checks, expect, waitFor } from './lib/e2e-harness.mjs';
import { recordingFetch } from './lib/recording-fetch.mjs';

const STREAMABLE_CHECKS = [
  'initialize', 'tools-list', 'tools-call', 'echo-headers', 'resources-read', 'prompts-get',
  'progress', 'elicitation', 'sampling', 'get-resume', 'delete-session',
];
// The legacy transport has one stream and no session DELETE: the last two checks do not apply.
const LEGACY_CHECKS = STREAMABLE_CHECKS.slice(0, -2);

function parseArgs(argv) {
  const opts = { timeoutMs: 15_000 };
  const rest = [...argv];
  while (rest.length) {
    const arg = rest.shift();
    if (arg === '--token') opts.token = rest.shift();
    else if (arg === '--scenario') opts.scenario = rest.shift();
    else if (arg === '--legacy-sse') opts.legacySse = true;
    else if (arg === '--assert-token-stripped') opts.assertTokenStripped = true;
    else if (arg === '--timeout-ms') opts.timeoutMs = Number(rest.shift());
    else if (arg === '--verbose') opts.verbose = true;
    else if (!arg.startsWith('--') && !opts.url) opts.url = arg;
    else usage(`unknown argument: ${arg}`);
  }
  if (!opts.url) usage('URL is required');
  const known = opts.legacySse ? LEGACY_CHECKS : STREAMABLE_CHECKS;
  if (opts.scenario && !known.includes(opts.scenario)) usage(`unknown scenario ${opts.scenario}; one of: ${known.join(', ')}`);
  if (opts.assertTokenStripped && !opts.token) usage('--assert-token-stripped needs --token');
  return opts;
}

function usage(message) {
  console.error(`client-e2e: ${message}`);
  console.error('usage: client-e2e.mjs URL [--token T] [--scenario NAME] [--legacy-sse] [--assert-token-stripped] [--timeout-ms N] [--verbose]');
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
const authHeaders = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};
const checks = new Checks({ only: opts.scenario, timeoutMs: opts.timeoutMs });
const net = recordingFetch();

const transport = opts.legacySse
  ? new SSEClientTransport(new URL(opts.url), { requestInit: { headers: authHeaders }, fetch: net.fetch })
  : new StreamableHTTPClientTransport(new URL(opts.url), {
      requestInit: { headers: authHeaders },
      fetch: net.fetch,
      // Resumption after the deliberate drop must not wait out the 1 s default backoff; the
      // server's `retry:` (when it sends one) takes precedence anyway.
      reconnectionOptions: { initialReconnectionDelay: 100, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1.5, maxRetries: 5 },
    });

const client = new Client(
  { name: 'gatehouse-client-e2e', version: '1.0.0' },
  { capabilities: { sampling: {}, elicitation: {} } },
);
client.onerror = (err) => {
  if (opts.verbose) console.error(`client-e2e: transport reported: ${err.message}`);
};

// Server-to-client requests: answered here so tool results can prove the round trip happened.
const serverRequests = { elicitation: [], sampling: [] };
const ELICIT_ANSWER = 'forty-two';
const SAMPLED_TEXT = 'sampled-by-client-e2e';
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  serverRequests.elicitation.push(request.params);
  return { action: 'accept', content: { answer: ELICIT_ANSWER } };
});
client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
  serverRequests.sampling.push(request.params);
  return { role: 'assistant', content: { type: 'text', text: SAMPLED_TEXT }, model: 'client-e2e-model', stopReason: 'endTurn' };
});

// Log notifications are routed per test tag (gh_notify_stream puts {tag, seq} in data).
const logListeners = new Map();
client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
  const data = n.params.data;
  if (data && typeof data === 'object' && logListeners.has(data.tag)) logListeners.get(data.tag)(data);
});

// Progress notifications in wire order, recorded before the SDK dispatches them. The SDK calls
// onprogress in a microtask, and its legacy SSE client dispatches a whole network chunk
// synchronously: a progress notification sharing a chunk with the response then reaches a retired
// handler and is dropped by the SDK itself. The tap sees it either way.
const wireProgress = [];
function tapProgress() {
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (message.method === 'notifications/progress') wireProgress.push(message.params);
    deliver(message, extra);
  };
}

const textOf = (result) => result.content?.filter((c) => c.type === 'text').map((c) => c.text).join('\n') ?? '';

async function main() {
  const initialized = await checks.run(
    'initialize',
    async () => {
      await client.connect(transport);
      tapProgress();
      const server = client.getServerVersion();
      expect(server?.name, 'no serverInfo in the initialize result');
      return {
        server,
        protocolVersion: transport.protocolVersion ?? null,
        sessionId: transport.sessionId ?? null,
        capabilities: Object.keys(client.getServerCapabilities() ?? {}),
      };
    },
    { force: true },
  );
  if (!initialized) return;

  await checks.run('tools-list', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const need of ['test_simple_text', 'gh_echo_headers', 'gh_progress', 'gh_elicit', 'gh_sample']) {
      expect(names.includes(need), `tool ${need} missing from tools/list`, { names });
    }
    return { count: names.length };
  });

  await checks.run('tools-call', async () => {
    const result = await client.callTool({ name: 'test_simple_text', arguments: {} });
    const text = textOf(result);
    expect(text === 'This is a simple text response for testing.', 'unexpected tool result', result);
    return { text };
  });

  await checks.run('echo-headers', async () => {
    const result = await client.callTool({ name: 'gh_echo_headers', arguments: {} });
    const headers = JSON.parse(textOf(result));
    const authorization = headers.authorization ?? null;
    const tokenReachedUpstream = opts.token !== undefined && JSON.stringify(headers).includes(opts.token);
    if (opts.assertTokenStripped) {
      expect(!tokenReachedUpstream, 'the client token reached the upstream', { authorization });
    }
    return { headerNames: Object.keys(headers).sort(), authorization, tokenReachedUpstream };
  });

  await checks.run('resources-read', async () => {
    const { contents } = await client.readResource({ uri: 'test://static-text' });
    expect(contents?.[0]?.text === 'This is the content of the static text resource.', 'unexpected resource contents', contents);
    return { uri: contents[0].uri, mimeType: contents[0].mimeType };
  });

  await checks.run('prompts-get', async () => {
    const prompt = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'alpha', arg2: 'beta' } });
    const text = prompt.messages?.[0]?.content?.text;
    expect(text === "Prompt with arguments: arg1='alpha', arg2='beta'", 'arguments not substituted', prompt);
    return { text };
  });

  await checks.run('progress', async () => {
    const count = 5;
    const expected = JSON.stringify([1, 2, 3, 4, 5]);
    const callbacks = [];
    wireProgress.length = 0;
    const result = await client.callTool({ name: 'gh_progress', arguments: { count, intervalMs: 10 } }, CallToolResultSchema, {
      onprogress: (p) => callbacks.push(p.progress),
    });
    const onWire = wireProgress.map((p) => p.progress);
    const detail = { onWire, callbacks };
    expect(!result.isError, 'tool failed', result);
    expect(JSON.stringify(onWire) === expected && wireProgress.every((p) => p.total === count), 'progress notifications missing, duplicated or out of order', detail);
    // Streamable HTTP: the SDK reads event by event, so every callback must have run as well.
    if (!opts.legacySse) expect(JSON.stringify(callbacks) === expected, 'onprogress callbacks missing', detail);
    return detail;
  });

  await checks.run('elicitation', async () => {
    const before = serverRequests.elicitation.length;
    const result = await client.callTool({ name: 'gh_elicit', arguments: { message: 'What is the answer?' } });
    expect(serverRequests.elicitation.length === before + 1, 'the server did not elicit exactly once');
    expect(serverRequests.elicitation.at(-1).message === 'What is the answer?', 'elicitation message altered', serverRequests.elicitation.at(-1));
    const reply = result.structuredContent;
    expect(reply?.action === 'accept' && reply?.content?.answer === ELICIT_ANSWER, 'tool result does not reflect the answer', result);
    return reply;
  });

  await checks.run('sampling', async () => {
    const before = serverRequests.sampling.length;
    const result = await client.callTool({ name: 'gh_sample', arguments: { prompt: 'Say something' } });
    expect(serverRequests.sampling.length === before + 1, 'the server did not sample exactly once');
    const reply = result.structuredContent;
    expect(reply?.text === SAMPLED_TEXT && reply?.model === 'client-e2e-model', 'tool result does not reflect the sample', result);
    return reply;
  });

  if (opts.legacySse) return;

  await checks.run('get-resume', getStreamResume);

  await checks.run('delete-session', async () => {
    const sessionId = transport.sessionId;
    expect(sessionId, 'the server issued no session id');
    await transport.terminateSession();
    const deleteStatus = net.exchanges.findLast((e) => e.method === 'DELETE')?.status;
    expect(deleteStatus >= 200 && deleteStatus < 300, `DELETE answered ${deleteStatus}`);
    const res = await fetch(opts.url, {
      method: 'POST',
      headers: {
        ...authHeaders,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'Mcp-Session-Id': sessionId,
        'MCP-Protocol-Version': transport.protocolVersion,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'after-delete', method: 'tools/list', params: {} }),
    });
    await res.body?.cancel();
    expect(res.status === 404, `request with the deleted session id answered ${res.status}, expected 404`);
    return { deleteStatus, afterDeleteStatus: res.status };
  });
}

// The standalone GET stream is dropped after DROP_AFTER messages while the server keeps sending;
// the transport must resume with Last-Event-ID and every message must arrive exactly once, in order.
async function getStreamResume() {
  const total = 10;
  const dropAfter = 3;
  const tag = `resume-${process.pid}-${Date.now()}`;
  const received = [];
  let dropped = false;
  logListeners.set(tag, ({ seq }) => {
    received.push(seq);
    if (received.length === dropAfter) dropped = net.dropGet();
  });

  // Messages sent before a GET stream exists are not replayed to a fresh GET, so wait for it.
  const opened = await waitFor(() => net.exchanges.some((e) => e.method === 'GET' && e.status === 200), 5000);
  expect(opened, 'the client never got its GET stream open', { exchanges: net.exchanges });
  const getsBefore = net.exchanges.filter((e) => e.method === 'GET').length;

  const result = await client.callTool({ name: 'gh_notify_stream', arguments: { count: total, intervalMs: 20, tag } });
  expect(!result.isError, 'gh_notify_stream failed', result);
  // The stream is ordered and a resume replays before it carries new messages, so once the last
  // seq is in, any duplicate or gap would already show in `received`.
  const complete = await waitFor(() => received.includes(total - 1), 10_000);
  logListeners.delete(tag);

  const resumes = net.exchanges.filter((e) => e.method === 'GET').slice(getsBefore);
  const detail = { received, dropped, resumes };
  expect(dropped, 'no GET stream was open to drop', detail);
  expect(complete, `only ${received.length} of ${total} messages arrived`, detail);
  expect(JSON.stringify(received) === JSON.stringify([...Array(total).keys()]), 'messages lost, duplicated or reordered', detail);
  expect(resumes.some((e) => e.lastEventId && e.status === 200), 'no GET resumed with Last-Event-ID', detail);
  return detail;
}

try {
  await main();
} finally {
  await client.close().catch(() => {});
}
if (checks.ran === 0) console.error('client-e2e: no check ran');
process.exit(checks.failed > 0 || checks.ran === 0 ? 1 : 0);
