// Summarises one run of `conformance server` for testing/conformance.sh.
//   node conformance-summary.mjs LOG OUTDIR START_MS [PASSED_FILE]
// Scenarios come from the run's log ("=== Running scenario: X ==="); results from the
// OUTDIR/server-<scenario>-<ISO time>/checks.json directories this run wrote (those stamped at or
// after START_MS). A scenario fails when a check has status FAILURE or no results were written.
// Prints "conformance: N passed, M failed (scenarios)", then one line per failing scenario and per
// scenario with WARNING checks (conformance's --expected-failures treats those as failing too).
// PASSED_FILE, if given, receives the passing scenario names, one per line.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [logFile, outDir, startMsArg, passedFile] = process.argv.slice(2);
const startMs = Number(startMsArg);

const scenarios = [...readFileSync(logFile, 'utf8').matchAll(/^=== Running scenario: (\S+) ===$/gm)].map((m) => m[1]);

/** scenario -> checks of the latest result directory this run wrote for it */
const results = new Map();
for (const dir of readdirSync(outDir)) {
  const m = /^server-(.+)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(dir);
  if (!m) continue;
  const stamp = Date.parse(`${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z`);
  if (stamp < startMs) continue;
  try {
    const checks = JSON.parse(readFileSync(join(outDir, dir, 'checks.json'), 'utf8'));
    const previous = results.get(m[1]);
    if (!previous || previous.stamp < stamp) results.set(m[1], { stamp, checks });
  } catch {
    // Unreadable results count as "no results" below.
  }
}

const passed = [];
const failed = [];
const warned = [];
for (const scenario of scenarios) {
  const checks = results.get(scenario)?.checks;
  if (!checks) {
    failed.push(`${scenario}: no results written (scenario crashed?)`);
    continue;
  }
  const failures = checks.filter((c) => c.status === 'FAILURE');
  const warnings = checks.filter((c) => c.status === 'WARNING');
  if (failures.length > 0) {
    failed.push(`${scenario}: ${failures.map((c) => `${c.id}: ${c.errorMessage ?? c.description}`).join(' | ')}`);
  } else {
    passed.push(scenario);
  }
  if (warnings.length > 0) warned.push(`${scenario}: ${warnings.map((c) => c.id).join(', ')}`);
}

console.log(`conformance: ${passed.length} passed, ${failed.length} failed (scenarios)`);
for (const line of failed) console.log(`  FAILED ${line}`);
for (const line of warned) console.log(`  WARNING ${line}`);
if (passedFile) writeFileSync(passedFile, passed.map((s) => `${s}\n`).join(''));
