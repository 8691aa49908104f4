import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PATIENCE_MS } from '../helpers/patience.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { handUpload, type HandUpload } from '../helpers/upload.js';

/**
 * Every byte graphql-upload spools to a temporary file, and its descriptor, is released when the
 * request ends, however it ends: the answer before the file, a refused field, a client breaking
 * off mid-file before or after the answer. The spool directory is this file's own (TMPDIR is read
 * when each spool is made), and descriptors are counted in this process's /proc/self/fd, since
 * the gateway runs in it.
 */

const ALL = 'kgw_all-scopes-0123456789abcdefghijklmnop';
const NERD_ONLY = 'kgw_nerd-only-0123456789abcdefghijklmnop';
const SUBMIT_MEDIA = 'mutation($file: Upload!) { submitTranscription(file: $file) { id } }';
const SUBMIT_PDF = 'mutation($file: Upload!) { submitExtraction(file: $file) { id } }';
/** An operation that never reads the file it was sent with: the answer goes out before the file arrives. */
const IGNORES_FILE = 'query { __typename }';
const CHUNK = new Uint8Array(256 * 1024).fill(0x20);

let spoolDir: string;
let savedTmpdir: string | undefined;
let stack: Stack;

/** Spool files left in this test's directory. */
const files = (): number => readdirSync(spoolDir).filter((f) => f.startsWith('capacitor-')).length;

/** This process's descriptors open on a spool file. */
function descriptors(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(spoolDir)) n++;
    } catch {
      // closed between the listing and the read
    }
  }
  return n;
}

/**
 * How long `leftOver` waits for the spools to go: PATIENCE_MS until one order has left something
 * behind (a leak, not a slow machine), then no longer, so every later order's figure is read at
 * once and the failure shows them all.
 */
let releaseWaitMs = PATIENCE_MS;

/** Waits until no spool file or descriptor is left (a hang bound, not a budget), then reports what is left. */
async function leftOver(): Promise<{ files: number; descriptors: number }> {
  const clean = () => files() === 0 && descriptors() === 0;
  await vi.waitFor(() => expect(clean()).toBe(true), { timeout: releaseWaitMs, interval: 20 }).catch(() => (releaseWaitMs = 0));
  return { files: files(), descriptors: descriptors() };
}

/** Spool files the gateway has made so far (seen through inotify: a spool may be gone again at once). */
const made = new Set<string>();
let watcher: FSWatcher | undefined;

/** Resolves once the gateway has made a spool file beyond the first `since` (the file part has begun). */
async function spooled(since: number): Promise<void> {
  await vi.waitFor(() => expect(made.size, 'spool files made').toBeGreaterThan(since), { timeout: PATIENCE_MS, interval: 10 });
}

const key = (name: string, secret: string, scopes: string[]) => ({ name, sha256: createHash('sha256').update(secret).digest('hex'), scopes });

function open(query: string, apiKey = ALL, files = 1): HandUpload {
  const map = Object.fromEntries(Array.from({ length: files }, (_, i) => [String(i + 1), [files === 1 ? 'variables.file' : `variables.files.${i}`]]));
  const variables = files === 1 ? { file: null } : { files: Array.from({ length: files }, () => null) };
  return handUpload(stack.url, { query, variables }, map, { headers: { 'x-api-key': apiKey } });
}

describe('upload spool files end with their request', () => {
  beforeAll(async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'gateway-spools-'));
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = spoolDir;
    watcher = watch(spoolDir, (_event, name) => {
      if (name?.startsWith('capacitor-')) made.add(name);
    });
    stack = await startStack({
      clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'],
      env: { AUTH_MODE: 'api-key', API_KEYS: JSON.stringify([key('all', ALL, ['*']), key('nerd-only', NERD_ONLY, ['kensho:app:nerd'])]) },
    });
  });
  afterAll(async () => {
    watcher?.close();
    await stack?.close();
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('many aborted uploads, in every order, leave no spool file and no descriptor', async () => {
    const scenarios: Array<[string, () => Promise<void>]> = [
      [
        'answer first (the operation ignores the file), then the file starts and the client breaks off',
        async () => {
          const u = open(IGNORES_FILE);
          expect((await u.response).status).toBe(200);
          const since = made.size;
          u.startFile('1', 'late.bin');
          u.write(CHUNK);
          await spooled(since);
          u.abort();
        },
      ],
      [
        'a refused field (FORBIDDEN) answers first, then the file starts and the client breaks off',
        async () => {
          const u = open(SUBMIT_MEDIA, NERD_ONLY);
          const answer = await u.response;
          expect(answer.body).toContain('FORBIDDEN');
          const since = made.size;
          u.startFile('1', 'late.wav', 'audio/wav');
          u.write(CHUNK);
          await spooled(since);
          u.abort();
        },
      ],
      [
        'answer first, then the whole file arrives and the request ends normally',
        async () => {
          const u = open(IGNORES_FILE);
          await u.response;
          u.startFile('1', 'late.bin');
          u.write(CHUNK);
          u.end();
        },
      ],
      [
        'the file starts, the answer goes out mid-file, then the client breaks off',
        async () => {
          const u = open(IGNORES_FILE);
          u.startFile('1', 'early.bin');
          u.write(CHUNK);
          await u.response;
          u.write(CHUNK);
          u.abort();
        },
      ],
      [
        'the operation reads the file and the client breaks off mid-file, before any answer',
        async () => {
          const u = open(SUBMIT_PDF);
          const since = made.size;
          u.startFile('1', 'half.pdf', 'application/pdf');
          u.write(Buffer.from('%PDF-1.7\n'));
          u.write(CHUNK);
          await spooled(since);
          u.abort();
          await u.response.catch(() => undefined);
        },
      ],
      [
        'two files: the answer goes out, the first file arrives, the client breaks off in the second',
        async () => {
          const u = open(IGNORES_FILE, ALL, 2);
          await u.response;
          const since = made.size;
          u.startFile('1', 'first.bin');
          u.write(CHUNK);
          u.startFile('2', 'second.bin');
          u.write(CHUNK);
          await spooled(since + 1);
          u.abort();
        },
      ],
    ];
    // Each order on its own, then all of them at once, several times over; what each left is
    // reported together, so a failure shows every order's figure.
    const left: Array<{ scenario: string; files: number; descriptors: number }> = [];
    for (const [name, run] of scenarios) {
      await run();
      left.push({ scenario: name, ...(await leftOver()) });
    }
    await Promise.all(Array.from({ length: 3 }, () => scenarios.map(([, run]) => run())).flat());
    left.push({ scenario: 'all of the above, three times, at once', ...(await leftOver()) });
    expect(left).toEqual(left.map(({ scenario }) => ({ scenario, files: 0, descriptors: 0 })));
    // Still serving uploads that complete.
    const u = open(IGNORES_FILE);
    u.startFile('1', 'whole.bin');
    u.write(CHUNK);
    u.end();
    expect((await u.response).status).toBe(200);
    expect(await leftOver()).toEqual({ files: 0, descriptors: 0 });
  });
});
