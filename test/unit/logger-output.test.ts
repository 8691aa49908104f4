import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `script` (ES module source, `createLogger` in scope) in a child process whose stdout is a
 * pipe, and returns each stdout line with the milliseconds since the child started logging.
 */
function run(script: string): Promise<{ lines: Array<{ at: number; line: string }>; code: number | null }> {
  const source = `import { createLogger } from './src/logger.ts';\nprocess.stderr.write('go\\n');\n${script}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<{ at: number; line: string }> = [];
  let started = 0;
  let rest = '';
  child.stderr.on('data', () => (started ||= performance.now()));
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const line of parts) lines.push({ at: performance.now() - started, line });
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ lines, code })));
}

describe('log output (LOG_FLUSH_MS)', () => {
  it('writes a batched line within the flush interval, not only when 4 KiB are waiting', async () => {
    const { lines, code } = await run(`const log = createLogger('info', undefined, 200);\nlog.info({ n: 1 }, 'one line');\nsetTimeout(() => process.exit(0), 1500);`);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.line)).toMatchObject({ msg: 'one line', n: 1, service: 'kensho-gateway' });
    // Written by the periodic flush (at 200 ms), long before the exit at 1.5 s flushed it.
    expect(lines[0]!.at).toBeLessThan(1_000);
  });

  it('loses no line at exit, in order', async () => {
    const { lines, code } = await run(`const log = createLogger('info', undefined, 60_000);\nfor (let i = 0; i < 5000; i++) log.info({ i }, 'line');\nprocess.exit(3);`);
    expect(code).toBe(3);
    expect(lines.map((l) => (JSON.parse(l.line) as { i: number }).i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('writes each line at once with LOG_FLUSH_MS=0', async () => {
    const { lines } = await run(`const log = createLogger('info', undefined, 0);\nlog.info('now');\nsetTimeout(() => {}, 800);`);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.at).toBeLessThan(500);
  });
});
