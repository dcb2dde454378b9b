// Check bookkeeping for client-e2e.mjs: each check runs under its own deadline and prints one JSON
// line ({"check", "ok", "ms", "detail"|"error"}) so a harness can parse results line by line.

export class CheckFailure extends Error {
  constructor(message, detail) {
    super(message);
    this.detail = detail;
  }
}

/** Throws CheckFailure(message, detail) unless cond holds. */
export function expect(cond, message, detail) {
  if (!cond) throw new CheckFailure(message, detail);
}

/** Polls `probe` until it returns a truthy value or `ms` elapse; returns the value or undefined. */
export async function waitFor(probe, ms, stepMs = 10) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export class Checks {
  constructor({ only, timeoutMs }) {
    this.only = only;
    this.timeoutMs = timeoutMs;
    this.failed = 0;
    this.ran = 0;
  }

  /** Whether `name` is selected by --scenario (prerequisites pass `force`). */
  selected(name) {
    return !this.only || this.only === name;
  }

  /**
   * Runs fn under the deadline and prints its line. Returns fn's value, or undefined on failure.
   * A check that is not selected is skipped unless `force` (used for prerequisites like initialize).
   */
  async run(name, fn, { force = false } = {}) {
    if (!force && !this.selected(name)) return undefined;
    this.ran++;
    const started = performance.now();
    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new CheckFailure(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const detail = await Promise.race([fn(), deadline]);
      this.print({ check: name, ok: true, ms: elapsed(started), detail });
      return detail ?? true;
    } catch (err) {
      this.failed++;
      this.print({ check: name, ok: false, ms: elapsed(started), error: err.message, detail: err.detail });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  print(line) {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

const elapsed = (started) => Math.round(performance.now() - started);
