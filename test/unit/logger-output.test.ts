import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stopChild, waitForOutput } from '../helpers/patience.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `script` (ES module source, `createLogger` in scope) in a child process whose stdout is a pipe. */
function start(script: string): { child: ChildProcess; stdout: () => string } {
  const source = `import { createLogger } from './src/logger.ts';\n${script}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return { child, stdout: () => stdout };
}

/**
 * The first line `script` writes to stdout while it is still running. The script never exits on
 * its own, so a line read here was not written by the flush at exit; the child is killed after
 * (SIGKILL: no exit handler runs).
 */
async function lineWhileRunning(script: string): Promise<string> {
  const { child, stdout } = start(script);
  try {
    return (await waitForOutput(child, /^(.*)\n/, 'a log line while the process runs', stdout))[1]!;
  } finally {
    await stopChild(child, 'SIGKILL');
  }
}

describe('log output (LOG_FLUSH_MS)', () => {
  it('writes a batched line by the periodic flush, not only when 4 KiB are waiting or at exit', async () => {
    // One short line, far under 4 KiB, and a process that stays up: only the periodic flush
    // (every 200 ms) can write it.
    const line = await lineWhileRunning(`const log = createLogger('info', undefined, 200);\nlog.info({ n: 1 }, 'one line');\nsetInterval(() => {}, 60_000);`);
    expect(JSON.parse(line)).toMatchObject({ msg: 'one line', n: 1, service: 'kensho-gateway' });
  });

  it('loses no line at exit, in order', async () => {
    const { child, stdout } = start(`const log = createLogger('info', undefined, 60_000);\nfor (let i = 0; i < 5000; i++) log.info({ i }, 'line');\nprocess.exit(3);`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(3);
    const lines = stdout().split('\n').filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('writes each line at once with LOG_FLUSH_MS=0', async () => {
    // The event loop is blocked right after the call, for good: no timer, no asynchronous write
    // and no exit handler runs, so the line is out only if log.info wrote it itself.
    const line = await lineWhileRunning(`const log = createLogger('info', undefined, 0);\nlog.info('now');\nAtomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`);
    expect(JSON.parse(line)).toMatchObject({ msg: 'now' });
  });
});
