import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLeaks } from './helpers/leaks.js';

/** Where every test stack writes its gateway log lines and the secrets it handed out. */
export const LOG_DIR = fileURLToPath(new URL('../test-output/logs/', import.meta.url));

/** Starts the suite with an empty log folder. */
export function setup(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
}

/**
 * After the whole suite: scans every gateway log line any test produced for every secret the
 * simulator handed out in any test (and for anything shaped like a JWT or a PEM key). A leak
 * fails the run.
 */
export function teardown(): void {
  const files = readdirSync(LOG_DIR);
  const secrets = files.filter((f) => f.endsWith('.secrets')).flatMap((f) => readFileSync(join(LOG_DIR, f), 'utf8').split('\n').filter(Boolean));
  let lines = 0;
  const leaks: string[] = [];
  for (const f of files.filter((name) => name.endsWith('.log'))) {
    const text = readFileSync(join(LOG_DIR, f), 'utf8');
    lines += text.split('\n').length - 1;
    for (const leak of findLeaks(text, secrets)) leaks.push(`${f}: ${leak}`);
  }
  console.log(`secret scan: ${lines} gateway log lines from ${files.filter((n) => n.endsWith('.log')).length} stacks checked against ${secrets.length} secrets`);
  const stacks = files.filter((f) => f.endsWith('.secrets')).length;
  if (stacks === 0) return void console.log('secret scan: no gateway was started in this run (unit tests only)');
  // Stacks ran but nothing was captured: the capture is broken and the scan would prove nothing.
  if (lines === 0) throw new Error('secret scan: gateways ran but no log lines were captured');
  if (leaks.length > 0) throw new Error(`secret scan: secrets found in gateway logs:\n${leaks.join('\n')}`);
}
