// DNS-rebinding protection for a loopback test server: Host and (if present) Origin must name a
// loopback host. Ports are ignored on purpose: a gateway in front of this fixture listens on a
// different port than the fixture and may pass the client's Host/Origin through unchanged.
// FIXTURE_ALLOWED_HOSTS (comma separated host names) widens the list for setups that rewrite Host.

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

function allowedHosts() {
  const extra = (process.env.FIXTURE_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return new Set([...LOOPBACK, ...extra]);
}

function hostnameOf(value) {
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function reject(res, message) {
  res.status(403).json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

/** Express middleware: 403 with a JSON-RPC error (no id) for a foreign Host or Origin. */
export function hostGuard() {
  const allowed = allowedHosts();
  return (req, res, next) => {
    const host = req.headers.host;
    const hostName = host ? hostnameOf(`http://${host}`) : undefined;
    if (!hostName || !allowed.has(hostName)) {
      reject(res, `Forbidden Host: ${host ?? '(none)'}`);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const originName = hostnameOf(origin);
      if (!originName || !allowed.has(originName)) {
        reject(res, `Forbidden Origin: ${origin}`);
        return;
      }
    }
    next();
  };
}
