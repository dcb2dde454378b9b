// Tools (prefixed gh_) that exist only for Gatehouse's own tests: they expose what the upstream
// saw, misbehave on request, and drive server-to-client traffic in ways tests can count.

import { CreateMessageResultSchema, ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { SENSITIVE_CUSTOMER } from './fixture-data.mjs';
import { logStandalone, sleep } from './server-utils.mjs';

const text = (t) => ({ type: 'text', text: t });

/**
 * @param {import('@modelcontextprotocol/sdk/server/mcp.js').McpServer} mcp
 * @param {{resetStream?: (extra: object) => boolean}} hooks transport-specific abilities
 */
export function registerGatewayTestTools(mcp, hooks = {}) {
  mcp.registerTool(
    'gh_echo_headers',
    {
      description: 'Returns, as JSON text, the HTTP request headers this call arrived with',
      inputSchema: {},
    },
    async (_args, extra) => ({ content: [text(JSON.stringify(extra.requestInfo?.headers ?? {}))] }),
  );

  mcp.registerTool(
    'gh_slow',
    {
      description: 'Waits `ms` milliseconds before answering (stops early if the call is cancelled)',
      inputSchema: { ms: z.number().int().min(0).max(600_000).describe('How long to wait') },
    },
    async ({ ms }, extra) => {
      await sleep(ms, extra.signal);
      return { content: [text(`slept ${ms} ms`)] };
    },
  );

  mcp.registerTool(
    'gh_reset_mid_stream',
    {
      description: 'Sends 2 progress (or log) notifications on its SSE stream, then resets the TCP connection',
      inputSchema: {},
    },
    async (_args, extra) => {
      const token = extra._meta?.progressToken;
      for (const progress of [1, 2]) {
        await extra.sendNotification(
          token !== undefined
            ? { method: 'notifications/progress', params: { progressToken: token, progress, total: 3 } }
            : { method: 'notifications/message', params: { level: 'info', logger: 'gh_reset_mid_stream', data: `before reset ${progress}` } },
        );
      }
      // Give the two events time to reach the socket before it is torn down.
      await sleep(200);
      const reset = hooks.resetStream?.(extra) ?? false;
      // Only a client that resumes the stream (Last-Event-ID) can ever see this result.
      return { content: [text(reset ? 'connection was reset' : 'reset not supported on this transport')], isError: !reset };
    },
  );

  const customer = z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    card: z.string(),
    iban: z.string(),
  });
  mcp.registerTool(
    'gh_sensitive',
    {
      description: 'Returns a customer record with an email, phone, card number and IBAN (text and structuredContent)',
      inputSchema: {},
      outputSchema: { customer },
    },
    async () => {
      const c = SENSITIVE_CUSTOMER;
      const structured = { customer: { ...c } };
      return {
        content: [
          text(`Customer ${c.name}: email ${c.email}, phone ${c.phone}, card ${c.card}, IBAN ${c.iban}.`),
          // Tools returning structuredContent SHOULD also return it serialized as text.
          text(JSON.stringify(structured)),
        ],
        structuredContent: structured,
      };
    },
  );

  mcp.registerTool(
    'gh_progress',
    {
      description: 'Sends `count` progress notifications (progress 1..count of count), `intervalMs` apart, then answers',
      inputSchema: {
        count: z.number().int().min(1).max(1000).default(5),
        intervalMs: z.number().int().min(0).max(10_000).default(10),
      },
    },
    async ({ count, intervalMs }, extra) => {
      const token = extra._meta?.progressToken;
      if (token === undefined) {
        return { content: [text('no progressToken in _meta: no progress sent')], isError: true };
      }
      for (let i = 1; i <= count; i++) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: i, total: count, message: `step ${i} of ${count}` },
        });
        // Also after the last one: the SDK's legacy SSE client dispatches all events of one chunk
        // synchronously, and a response in the same chunk retires the progress handler before the
        // (deferred) progress callback runs.
        if (intervalMs > 0) await sleep(intervalMs, extra.signal);
      }
      return { content: [text(`sent ${count} progress notifications`)], structuredContent: { sent: count } };
    },
  );

  mcp.registerTool(
    'gh_elicit',
    {
      description: 'Asks the client (elicitation/create, form mode) for an answer and returns what it said',
      inputSchema: { message: z.string().default('Please answer') },
    },
    async ({ message }, extra) => {
      const result = await extra.sendRequest(
        {
          method: 'elicitation/create',
          params: {
            message,
            requestedSchema: {
              type: 'object',
              properties: { answer: { type: 'string', description: 'Your answer' } },
              required: ['answer'],
            },
          },
        },
        ElicitResultSchema,
      );
      const reply = { action: result.action, content: result.content ?? {} };
      return { content: [text(`elicitation: ${JSON.stringify(reply)}`)], structuredContent: reply };
    },
  );

  mcp.registerTool(
    'gh_sample',
    {
      description: 'Asks the client to sample an LLM (sampling/createMessage) and returns the reply',
      inputSchema: { prompt: z.string().default('Say hello') },
    },
    async ({ prompt }, extra) => {
      const result = await extra.sendRequest(
        {
          method: 'sampling/createMessage',
          params: { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 50 },
        },
        CreateMessageResultSchema,
      );
      const reply = {
        model: result.model,
        text: result.content?.type === 'text' ? result.content.text : JSON.stringify(result.content),
      };
      return { content: [text(`sampled: ${JSON.stringify(reply)}`)], structuredContent: reply };
    },
  );

  mcp.registerTool(
    'gh_notify_stream',
    {
      description:
        'Sends `count` notifications/message with data {tag, seq} on the standalone (GET) stream, `intervalMs` apart, ' +
        'then answers. Messages sent while no GET stream is open are kept for Last-Event-ID replay.',
      inputSchema: {
        count: z.number().int().min(1).max(10_000).default(10),
        intervalMs: z.number().int().min(0).max(10_000).default(20),
        tag: z.string().default('gh'),
      },
    },
    async ({ count, intervalMs, tag }, extra) => {
      for (let seq = 0; seq < count; seq++) {
        await logStandalone(mcp, extra.sessionId, 'info', { tag, seq }, 'gh_notify_stream');
        if (seq < count - 1 && intervalMs > 0) await sleep(intervalMs, extra.signal);
      }
      return { content: [text(`sent ${count} messages tagged ${tag}`)], structuredContent: { sent: count, tag } };
    },
  );
}
