import type { ChildProcess } from 'node:child_process';

/**
 * How long a test waits for something that must happen (a banner, a port, a line, a count, a
 * state) before it calls itself hung. Not a budget the machine must beat: on an idle machine
 * these waits end in milliseconds, and a 2-core machine at a load of 30 runs the same work 30
 * times slower; the bound only ends a test that would otherwise wait for ever. The suite's own
 * testTimeout (vitest.config.ts) is longer, so a hung wait fails with its own message and output.
 */
export const PATIENCE_MS = 240_000;

/**
 * Resolves with the first match of `pattern` in what `child` printed (stdout and stderr
 * together); rejects with the output when the child exits first or after PATIENCE_MS. A child
 * that never printed it is killed before the rejection, so a failed wait leaves no process behind
 * (the caller never got a handle to stop).
 */
export function waitForOutput(child: ChildProcess, pattern: RegExp, what: string, output: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(output());
      if (m) done(() => resolve(m));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => done(() => reject(new Error(`exited (${signal ?? code}) before ${what}:\n${output()}`)));
    const timer = setTimeout(() => {
      const error = new Error(`no ${what} within ${PATIENCE_MS / 1000} s:\n${output()}`);
      done(() => void stopChild(child, 'SIGKILL').then(() => reject(error)));
    }, PATIENCE_MS);
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    check();
    if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
  });
}

/**
 * Signals `child` and resolves with its exit code once it has exited (at once if it already
 * had): safe to call twice, and from a `finally` after a failed wait.
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
