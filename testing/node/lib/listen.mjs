// Shared start-up for the fixtures: port from argv[2] or PORT (0 = pick a free one), bind to
// 127.0.0.1 only, and print "LISTENING <port>" once the socket is bound. Test harnesses wait for
// that exact line on stdout, so nothing else is printed to stdout before it.

export function requestedPort() {
  const raw = process.argv[2] ?? process.env.PORT ?? '0';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid port: ${raw}`);
    process.exit(2);
  }
  return port;
}

/** Starts the express app and announces the bound port; exits on SIGTERM/SIGINT. */
export function listenAndAnnounce(app, onShutdown = () => {}) {
  const server = app.listen(requestedPort(), '127.0.0.1', () => {
    process.stdout.write(`LISTENING ${server.address().port}\n`);
  });
  server.on('error', (err) => {
    console.error(`listen failed: ${err.message}`);
    process.exit(1);
  });
  const stop = () => {
    onShutdown();
    server.close(() => process.exit(0));
    // Open SSE streams keep close() from finishing; do not let them hold the process.
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}
