#!/usr/bin/env node
// Upstream B: runs the pinned @modelcontextprotocol/server-everything in streamableHttp mode inside
// this process, so a harness can kill one process, and adapts it to the fixtures' conventions:
//  - binds 127.0.0.1 (the package itself listens on every interface);
//  - port from argv[2] or PORT, 0 = a free port (the package's own log would only say "port 0");
//  - stdout carries nothing but "LISTENING <port>"; the package's chatter goes to stderr.
// The server's MCP behaviour is untouched.

import http from 'node:http';
import { requestedPort } from './lib/listen.mjs';

process.env.PORT = String(requestedPort());
console.log = console.error;
console.info = console.error;

// Express calls http.Server#listen(port, callback); pin the host and learn the real port.
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function patchedListen(port, ...rest) {
  http.Server.prototype.listen = listen; // one server only
  this.once('listening', () => process.stdout.write(`LISTENING ${this.address().port}\n`));
  const callback = rest.find((a) => typeof a === 'function');
  return listen.call(this, port, '127.0.0.1', callback);
};

process.on('SIGTERM', () => process.exit(0));
process.argv[2] = 'streamableHttp';
await import('@modelcontextprotocol/server-everything/dist/index.js');
