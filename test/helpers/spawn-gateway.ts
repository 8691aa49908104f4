import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PATIENCE_MS, stopChild, waitForOutput } from './patience.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What `npm start` runs: one node process with tsx's loader (package.json scripts). */
const CLI = ['--import', 'tsx', 'src/bin.ts'];

export interface SpawnedGateway {
  readonly child: ChildProcess;
  readonly playgroundUrl: string;
  readonly graphqlUrl: string;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the CLI as `npm start` does (node --import tsx src/bin.ts …) and waits for the banner's
 * GraphQL URL: the gateway listens once it prints it, however long that takes (PATIENCE_MS).
 */
export async function spawnGateway(args: string[], env: Record<string, string>): Promise<SpawnedGateway> {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // The GraphQL line is always printed; the Playground line only when it is on.
  const banner = await waitForOutput(child, /GraphQL: +(http:\/\/\S+)\/graphql/, 'banner', () => out);
  const playgroundUrl = `${banner[1]!}/graphiql`;
  return {
    child,
    playgroundUrl,
    graphqlUrl: playgroundUrl.replace(/\/graphiql$/, '/graphql'),
    output: () => out,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

/**
 * Runs the CLI to completion and returns its exit code and output. A run that has not ended after
 * PATIENCE_MS is killed and reported (code null, the output so far), so a hang fails the test
 * with what the command printed instead of leaving a process behind.
 */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; output: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.end(input ?? '');
    const hung = setTimeout(() => {
      output += `\n[test: no exit within ${PATIENCE_MS / 1000} s, killed]`;
      child.kill('SIGKILL');
    }, PATIENCE_MS);
    child.once('exit', (code) => {
      clearTimeout(hung);
      resolve({ code, output, stdout });
    });
  });
}

/** Starts `kensho-gateway simulator` as its own process and reads the env lines it prints. */
export async function spawnSimulator(latencyMs: number, dataDir: string) {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['src/bin.ts', 'simulator', '--port', '0', '--latency-ms', String(latencyMs), '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await waitForOutput(child, /Try it/, 'simulator banner', () => out);
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/export (\w+)=(\S+)/g)) env[m[1]!] = m[2]!;
  return { env, stop: () => stopChild(child) };
}
