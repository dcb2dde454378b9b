// Builds the fixture's McpServer (one per client session): conformance features + gh_ tools.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerConformanceFeatures } from './conformance-features.mjs';
import { registerGatewayTestTools } from './gateway-test-tools.mjs';

/**
 * @param {string} name server name reported in initialize
 * @param {{resetStream?: (extra: object) => boolean}} hooks what the transport can do
 */
export function createFixtureServer(name, hooks = {}) {
  const mcp = new McpServer(
    { name, version: '1.0.0' },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
        completions: {},
      },
      instructions: 'Gatehouse test fixture: conformance scenarios plus gh_* tools for gateway tests.',
    },
  );
  registerConformanceFeatures(mcp);
  registerGatewayTestTools(mcp, hooks);
  return mcp;
}
