import { ApolloClient, InMemoryCache, gql } from '@apollo/client/core';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { manualClock } from '../helpers/manual-clock.js';
import { PATIENCE_MS } from '../helpers/patience.js';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';
import { pdfFixture, uploadRequest } from '../helpers/upload.js';

/**
 * Waits are priced by their polls (docs/security.md, "Upstream calls"): polling every 20-200 ms,
 * a 20 s awaitExtraction is priced at about 100 polls, past the default budget of 100 calls.
 */
const FAST_POLLING_CALLS = '2000';
/** The longest delay between polls of the end-to-end stack (EXTRACT_POLL_MAX_MS). */
const POLL_MAX_MS = 200;

const SUBMIT = /* GraphQL */ `
  mutation Submit($file: Upload!, $options: ExtractionOptions) {
    submitExtraction(file: $file, options: $options) { id status error }
  }
`;

const DOCUMENT_FIELDS = /* GraphQL */ `
  id status error
  document {
    format
    pages { index width height }
    nodes { uid type typeName content depth page parent { uid } locations { page x y width height } }
    tables { uid title figureExtracted rowCount columnCount columnHeaders rows { content row column isColumnHeader } }
    text
    markdown
  }
`;

interface Submitted {
  submitExtraction: { id: string; status: string; error: string | null };
}

interface DocumentData {
  id: string;
  status: string;
  error: string | null;
  document: null | {
    format: string;
    pages: Array<{ index: number; width: number; height: number }>;
    nodes: Array<{ uid: string; type: string; typeName: string; content: string; depth: number; page: number | null; parent: { uid: string } | null; locations: Array<{ page: number; x: number; y: number; width: number; height: number }> }>;
    tables: Array<{ uid: string; title: string | null; figureExtracted: boolean; rowCount: number; columnCount: number; columnHeaders: string[]; rows: Array<Array<{ content: string; row: number; column: number; isColumnHeader: boolean } | null>> }>;
    text: string;
    markdown: string;
  };
}

async function submit(stack: Stack, name: string, options: Record<string, unknown> = {}, bytes = pdfFixture(name)) {
  return uploadRequest<Submitted>(stack.url, SUBMIT, { bytes, name }, { options });
}

/** awaitExtraction until the job is final; on a stack with a manual clock, time passes while the gateway polls. */
async function awaitDone(stack: Stack, id: string): Promise<DocumentData> {
  const query = stack.gql<{ awaitExtraction: DocumentData }>(`query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 60) { ${DOCUMENT_FIELDS} } }`, { id });
  const r = await (stack.clock ? stack.clock.until(query, POLL_MAX_MS) : query);
  expect(r.errors).toBeUndefined();
  return r.data!.awaitExtraction;
}

function wsClient(stack: Stack): Client {
  return createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
}

describe('Kensho Extract end to end (multipart upload → job → structured document)', () => {
  let stack: Stack;
  // Jobs take 600 ms and the gateway polls every 50-200 ms of this clock: a job is PENDING until
  // the test moves time on, however slowly the machine runs.
  const clock = manualClock();
  beforeAll(async () => {
    stack = await startStack({ clock, simulator: { extractJobDurationMs: 600 }, env: { EXTRACT_POLL_INITIAL_MS: '50', EXTRACT_POLL_MAX_MS: String(POLL_MAX_MS), LIMIT_MAX_UPSTREAM_CALLS: FAST_POLLING_CALLS } });
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.clearFaults();
    stack.sim.knobs.failExtractJobs = false;
    stack.sim.knobs.extractJobDurationMs = 600;
  });

  it('uploads a PDF as apollo-upload-client sends it; a subscription sees PENDING then SUCCESS', async () => {
    const submitted = await submit(stack, 'report.pdf');
    expect(submitted.errors).toBeUndefined();
    expect(submitted.status).toBe(200);
    const { id, status } = submitted.data!.submitExtraction;
    expect(status).toBe('PENDING');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const client = wsClient(stack);
    try {
      type Event = { data?: { extractionUpdated: { status: string; document: { text: string } | null } }; errors?: unknown };
      const events = client.iterate<Event['data'] & object>({ query: `subscription($id: ID!) { extractionUpdated(id: $id) { status document { text } } }`, variables: { id } });
      // The job stays PENDING until its 600 ms have passed on the clock.
      const pending = (await events.next()).value as Event;
      expect(pending.errors).toBeUndefined();
      expect(pending.data!.extractionUpdated).toEqual({ status: 'PENDING', document: null });
      const success = (await clock.until(events.next(), POLL_MAX_MS)).value as Event;
      expect(success.errors).toBeUndefined();
      expect(success.data!.extractionUpdated.status).toBe('SUCCESS');
      expect(success.data!.extractionUpdated.document!.text).toContain('Kensho Quarterly Report');
      expect((await events.next()).done).toBe(true);
    } finally {
      await client.dispose();
    }
    // The poller stopped with the final state.
    expect(stack.gateway.services.extractWatcher!.active).toBe(0);
  });

  it('takes an upload from apollo-upload-client itself (Apollo Client 4 with its UploadHttpLink)', async () => {
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      // The header Apollo Server's documentation tells apollo-upload-client users to set.
      link: new UploadHttpLink({ uri: `${stack.url}/graphql`, headers: { 'Apollo-Require-Preflight': 'true' } }),
    });
    const file = new File([new Uint8Array(pdfFixture('report.pdf'))], 'report.pdf', { type: 'application/pdf' });
    const result = await client.mutate<Submitted>({ mutation: gql(SUBMIT), variables: { file, options: { documentType: 'HIERARCHICAL' } } });
    expect(result.error).toBeUndefined();
    expect(result.data!.submitExtraction.status).toBe('PENDING');
    const done = await awaitDone(stack, result.data!.submitExtraction.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.document!.nodes.some((n) => n.type === 'H1' && n.content === 'Kensho Quarterly Report')).toBe(true);
  });

  it('builds the document graph: headings, text with non-ASCII, tables rebuilt from annotations, Markdown', async () => {
    const { id } = (await submit(stack, 'report.pdf')).data!.submitExtraction;
    const done = await awaitDone(stack, id);
    expect(done.status).toBe('SUCCESS');
    const doc = done.document!;
    expect(doc.format).toBe('WITH_LOCATIONS');
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]).toMatchObject({ index: 0, width: 612, height: 792 });
    expect(doc.nodes.find((n) => n.type === 'TITLE')?.content).toBe('Kensho Quarterly Report');
    expect(doc.text).toContain('Zürich');
    for (const n of doc.nodes) {
      for (const l of n.locations) {
        expect(l.x).toBeGreaterThanOrEqual(0);
        expect(l.x + l.width).toBeLessThanOrEqual(1.0001);
        expect(l.y + l.height).toBeLessThanOrEqual(1.0001);
      }
    }
    const revenue = doc.tables.find((t) => t.columnHeaders.includes('Segment'))!;
    expect(revenue).toMatchObject({ rowCount: 4, columnCount: 3, columnHeaders: ['Segment', '2023', '2024'], figureExtracted: false });
    expect(revenue.rows[1]!.map((c) => c?.content)).toEqual(['Market Intelligence', '1,204', '1,350']);
    expect(revenue.rows[0]!.every((c) => c?.isColumnHeader)).toBe(true);
    expect(doc.markdown).toContain('# Kensho Quarterly Report');
    expect(doc.markdown).toContain('| Segment | 2023 | 2024 |');
    expect(doc.markdown).toContain('| Ratings | 980 | 1,012 |');
    // Cells are children of their table node.
    const cellNodes = doc.nodes.filter((n) => n.type === 'TABLE_CELL');
    expect(cellNodes.length).toBeGreaterThanOrEqual(12 + 8);
    expect(cellNodes.every((c) => doc.nodes.find((n) => n.uid === c.parent!.uid)?.type === 'TABLE')).toBe(true);
  });

  it('maps every option to Extract: hierarchical nesting, figure tables, relations, pages, character offsets', async () => {
    const { id } = (await submit(stack, 'report.pdf', { documentType: 'HIERARCHICAL_V2', figureExtraction: true, includeRelations: true, documentId: 'q3-report', priority: 'LOW' })).data!.submitExtraction;
    const done = await clock.until(stack.gql<{
      awaitExtraction: {
        metadata: Record<string, unknown>;
        document: {
          nodes: Array<{ uid: string; type: string; depth: number; content: string; relations: Array<{ type: string; source: { uid: string }; target: { uid: string } }> }>;
          tables: Array<{ title: string | null; figureExtracted: boolean; columnHeaders: string[]; cells: Array<{ content: string; node: { type: string } }>; node: { type: string } }>;
          relations: Array<{ type: string; source: { type: string }; target: { type: string } }>;
          markdown: string;
        };
        offsets: { format: string; nodes: Array<{ content: string; textNodeData: { texts: string[]; textLocations: Array<{ page: number } | null>; characterOffsets: Array<number[] | null> | null } | null }> };
      };
    }>(
      `query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 60) {
        metadata
        document {
          nodes { uid type depth content relations { type source { uid } target { uid } } }
          tables { title figureExtracted columnHeaders cells { content node { type } } node { type } }
          relations { type source { type } target { type } }
          markdown
        }
        offsets: document(format: WITH_CHARACTER_OFFSETS) { format nodes(types: [PARAGRAPH]) { content textNodeData { texts textLocations { page } characterOffsets } } }
      } }`,
      { id },
    ), POLL_MAX_MS);
    expect(done.errors).toBeUndefined();
    const { metadata, document, offsets } = done.data!.awaitExtraction;
    expect(metadata).toMatchObject({ document_type: 'hierarchical_v2', document_id: 'q3-report', priority: 'low' });
    const types = new Set(document.nodes.map((n) => n.type));
    for (const t of ['H1', 'H2', 'PARAGRAPH', 'TABLE_TITLE', 'TABLE', 'FIGURE', 'FIGURE_EXTRACTED_TABLE', 'FIGURE_EXTRACTED_TABLE_CELL', 'PAGE_FOOTER']) expect(types).toContain(t);
    // Paragraphs nest under their heading.
    expect(Math.min(...document.nodes.filter((n) => n.type === 'PARAGRAPH').map((n) => n.depth))).toBeGreaterThan(1);
    const figure = document.tables.find((t) => t.figureExtracted)!;
    expect(figure).toMatchObject({ title: 'Figure 1: Headcount', columnHeaders: ['Office', 'Employees'], node: { type: 'FIGURE_EXTRACTED_TABLE' } });
    expect(figure.cells.map((c) => c.content)).toEqual(['Office', 'Employees', 'Cambridge', '420', 'New York', '310', 'London', '85']);
    expect(figure.cells.every((c) => c.node.type === 'FIGURE_EXTRACTED_TABLE_CELL')).toBe(true);
    const revenue = document.tables.find((t) => !t.figureExtracted)!;
    expect(revenue.title).toBe('Table 1: Revenue by segment');
    expect(document.relations).toContainEqual({ type: 'title_of', source: { type: 'TABLE_TITLE' }, target: { type: 'TABLE' } });
    const title = document.nodes.find((n) => n.type === 'TABLE_TITLE')!;
    expect(title.relations).toHaveLength(1);
    expect(document.markdown).not.toContain('Page 2');
    // Asking for another format is one more read, with per-line data.
    expect(offsets.format).toBe('WITH_CHARACTER_OFFSETS');
    expect(offsets.nodes.length).toBeGreaterThan(0);
    for (const n of offsets.nodes) {
      expect(n.textNodeData!.texts.length).toBeGreaterThan(0);
      expect(n.textNodeData!.texts.length).toBe(n.textNodeData!.characterOffsets!.length);
      n.textNodeData!.texts.forEach((line, i) => expect(n.textNodeData!.characterOffsets![i]).toHaveLength(line.length));
    }

    // Only page 2, counted from the first requested page unless absolute numbers are asked for.
    const onlyTwo = (await submit(stack, 'report.pdf', { pages: '2' })).data!.submitExtraction;
    const two = await awaitDone(stack, onlyTwo.id);
    expect(two.document!.pages).toHaveLength(1);
    expect(two.document!.text).not.toContain('Kensho Quarterly Report');
    expect(two.document!.text).toContain('Regional Outlook');
    expect(new Set(two.document!.nodes.flatMap((n) => n.locations.map((l) => l.page)))).toEqual(new Set([0]));
    const absolute = (await submit(stack, 'report.pdf', { pages: '2', returnAbsolutePageNumbers: true })).data!.submitExtraction;
    const abs = await awaitDone(stack, absolute.id);
    expect(new Set(abs.document!.nodes.flatMap((n) => n.locations.map((l) => l.page)))).toEqual(new Set([1]));
  });

  it('returns character offsets as Extract sends them: per character, a fraction (0–1) of the line box', async () => {
    const { id } = (await submit(stack, 'report.pdf')).data!.submitExtraction;
    await awaitDone(stack, id);
    const r = await stack.gql<{ extraction: { document: { nodes: Array<{ content: string; textNodeData: { texts: string[]; characterOffsets: Array<number[] | null> | null } | null }> } } }>(
      `query($id: ID!) { extraction(id: $id) { document(format: WITH_CHARACTER_OFFSETS) { nodes(types: [TEXT]) { content textNodeData { texts characterOffsets } } } } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    const para = r.data!.extraction.document.nodes.find((n) => n.content.startsWith('This quarter'))!;
    const { texts, characterOffsets } = para.textNodeData!;
    expect(texts).toHaveLength(2);
    expect(characterOffsets!.map((l) => l!.length)).toEqual(texts.map((t) => t.length));
    const all = characterOffsets!.flatMap((l) => l!);
    for (const v of all) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    // Fractions, not integer character indexes: all but each line's first offset (0) lie strictly between 0 and 1.
    expect(all.filter((v) => v > 0 && v < 1 && !Number.isInteger(v))).toHaveLength(all.length - texts.length);
    for (const line of characterOffsets!) for (let i = 1; i < line!.length; i++) expect(line![i]!).toBeGreaterThan(line![i - 1]!);
  });

  it('awaitExtraction long-polls: the current state at its timeout, the final one as soon as it exists', async () => {
    const { id } = (await submit(stack, 'report.pdf')).data!.submitExtraction;
    const early = stack.gql<{ awaitExtraction: { status: string } }>(`query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 1) { status } }`, { id });
    // The long poll waits on the job: its poller sleeps between polls while the clock stands still.
    await clock.sleeping();
    expect(stack.gateway.services.extractWatcher!.active).toBe(1);
    const tooLong = await stack.gql(`query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 61) { status } }`, { id });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'timeoutSeconds', max: 60 });
    const answer = await early;
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.awaitExtraction.status).toBe('PENDING');
    const done = await awaitDone(stack, id);
    expect(done.status).toBe('SUCCESS');
  });

  it('answers extraction(id): the state, null for an unknown id, a clear error for another API version', async () => {
    const { id } = (await submit(stack, 'report.pdf')).data!.submitExtraction;
    const r = await stack.gql<{ extraction: { id: string; status: string; metadata: Record<string, unknown> } }>(`query($id: ID!) { extraction(id: $id) { id status metadata } }`, { id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.extraction).toMatchObject({ id, status: 'PENDING', metadata: { document_type: 'general' } });

    // A finished job does not change: after the first read it is answered without calling Extract,
    // until another output format is asked for.
    await awaitDone(stack, id);
    const gets = stack.sim.counters.calls('extract.get');
    const again = await stack.gql<{ extraction: { status: string; document: { format: string } } }>(`query($id: ID!) { extraction(id: $id) { status document { format } } }`, { id });
    expect(again.data!.extraction).toEqual({ status: 'SUCCESS', document: { format: 'WITH_LOCATIONS' } });
    expect(stack.sim.counters.calls('extract.get')).toBe(gets);
    await stack.gql(`query($id: ID!) { extraction(id: $id) { document(format: STRUCTURED_DOCUMENT) { format } } }`, { id });
    expect(stack.sim.counters.calls('extract.get')).toBe(gets + 1);

    const unknown = await stack.gql(`{ extraction(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ extraction: null });

    // Ids that are not UUIDs never reach a URL: path-like ones, and words naming other Extract endpoints.
    const extractCalls = stack.sim.counters.log().filter((c) => c.endpoint.startsWith('extract.')).length;
    for (const badId of ['../../v2/extractions', '..', 'a/b', '', 'upload-url', 'download-url', 'upload-complete']) {
      const bad = await stack.gql(`query($id: ID!) { extraction(id: $id) { id } }`, { id: badId });
      expect(bad.errors?.[0]?.extensions?.code, badId).toBe('BAD_USER_INPUT');
    }
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('extract.')).length).toBe(extractCalls);

    // A subscription to an unknown job ends with an error naming it.
    const client = wsClient(stack);
    try {
      const sub = client.iterate({ query: 'subscription { extractionUpdated(id: "00000000-0000-4000-8000-000000000000") { status } }' });
      const first = await sub.next().then((r) => r.value as { errors?: Array<{ message: string; extensions?: { code?: string } }> }, (e: unknown) => ({ errors: e as Array<{ message: string; extensions?: { code?: string } }> }));
      expect(first.errors?.[0]?.extensions?.code).toBe('UPSTREAM_NOT_FOUND');
      expect(first.errors?.[0]?.message).toContain('00000000-0000-4000-8000-000000000000');
    } finally {
      await client.dispose();
    }

    // A JSON request cannot pass something else off as a file.
    const notUpload = await stack.gql(SUBMIT, { file: 'JVBERi0xLjcK' });
    expect(notUpload.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // Extract answers 405 for a request made on another API version.
    stack.sim.inject({ target: 'extract.get', status: 405, body: { detail: 'request made on another API version' } });
    stack.sim.inject({ target: 'extract.download-url', status: 405, body: { detail: 'request made on another API version' } });
    const other = await stack.gql(`{ extraction(id: "0f6a9a53-0000-4000-8000-00000000002a") { id } }`);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OTHER_API_VERSION' });
    expect(other.errors?.[0]?.message).toMatch(/another Kensho Extract API version/);
  });

  it('refuses what is not a PDF, an empty file and a bad page list before calling Extract', async () => {
    stack.sim.counters.reset();
    const notPdf = await submit(stack, 'not-a-pdf.pdf');
    expect(notPdf.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_PDF' });
    expect(notPdf.errors?.[0]?.message).toContain('not-a-pdf.pdf');
    // The name says PDF, the content says otherwise; and a PDF named .txt is fine.
    const empty = await submit(stack, 'empty.pdf', {}, Buffer.alloc(0));
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0]?.message).toMatch(/empty/);
    const badPages = await submit(stack, 'report.pdf', { pages: '3-1' });
    expect(badPages.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'options.pages' });
    const garbagePages = await submit(stack, 'report.pdf', { pages: 'all' });
    expect(garbagePages.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.sim.counters.calls('extract.submit')).toBe(0);
    // A PDF with another name is accepted (content decides).
    const renamed = await uploadRequest<Submitted>(stack.url, SUBMIT, { bytes: pdfFixture('report.pdf'), name: 'report.txt', type: 'text/plain' });
    expect(renamed.errors).toBeUndefined();
    expect(stack.sim.counters.calls('extract.submit')).toBe(1);
  });

  it('sends priority only as Extract\'s one documented value, "low"; HIGH and no priority send none', async () => {
    expect((await submit(stack, 'report.pdf', { priority: 'LOW' })).errors).toBeUndefined();
    expect(stack.sim.extract.lastForm('submit')).toMatchObject({ priority: 'low' });
    for (const options of [{ priority: 'HIGH' }, {}]) {
      const r = await submit(stack, 'report.pdf', options);
      expect(r.errors).toBeUndefined();
      expect(stack.sim.extract.lastForm('submit')).not.toHaveProperty('priority');
    }
  });

  it('passes Extract\'s own refusal of a page the document does not have as BAD_USER_INPUT', async () => {
    const r = await submit(stack, 'report.pdf', { pages: '1,9' });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'extract', upstreamStatus: 400 });
  });

  it('reports a FAILED job with its reason', async () => {
    stack.sim.knobs.failExtractJobs = true;
    const { id } = (await submit(stack, 'report.pdf')).data!.submitExtraction;
    const done = await awaitDone(stack, id);
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(/failed/);
    expect(done.document).toBeNull();
  });

  it('gets a new token when Extract answers 401 in the middle of polling, and the subscription carries on', async () => {
    const { id } = (await submit(stack, 'report.pdf')).data!.submitExtraction;
    const before = stack.sim.counters.tokenRequests('kensho:app:extract');
    const client = wsClient(stack);
    try {
      const events = client.iterate<{ extractionUpdated: { status: string } }>({ query: `subscription($id: ID!) { extractionUpdated(id: $id) { status } }`, variables: { id } });
      const status = (r: IteratorResult<unknown>) => (r.value as { data: { extractionUpdated: { status: string } } }).data.extractionUpdated.status;
      expect(status(await events.next())).toBe('PENDING');
      // Every token issued so far stops working: the next poll gets a 401.
      stack.sim.revokeAllTokens();
      expect(status(await clock.until(events.next(), POLL_MAX_MS))).toBe('SUCCESS');
      expect((await events.next()).done).toBe(true);
    } finally {
      await client.dispose();
    }
    expect(stack.sim.counters.tokenRequests('kensho:app:extract')).toBe(before + 1);
    expect(stack.sim.counters.log().some((c) => c.endpoint === 'extract.get' && c.status === 401)).toBe(true);
  });

  it('polls Extract once per job however many clients subscribe, and stops when they leave', async () => {
    stack.sim.knobs.extractJobDurationMs = 60_000;
    try {
      const { id } = (await submit(stack, 'report.pdf')).data!.submitExtraction;
      const clients = [wsClient(stack), wsClient(stack), wsClient(stack)];
      const iterators = clients.map((c) => c.iterate<{ extractionUpdated: { status: string } }>({ query: `subscription($id: ID!) { extractionUpdated(id: $id) { status } }`, variables: { id } }));
      const firsts = await Promise.all(iterators.map((it) => it.next()));
      expect(firsts.map((f) => (f.value as { data: { extractionUpdated: { status: string } } }).data.extractionUpdated.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
      expect(stack.gateway.services.extractWatcher!.active).toBe(1);
      const polls = () => stack.sim.counters.calls('extract.get');
      // One poller, however many subscribers: each time the clock passes its wait it polls once
      // and waits again (three pollers would be three waits and three polls).
      for (let i = 0; i < 5; i++) {
        await clock.sleeping();
        expect(clock.waiting).toBe(1);
        const before = polls();
        await clock.advance(POLL_MAX_MS);
        await clock.sleeping();
        expect(polls()).toBe(before + 1);
      }
      await Promise.all(iterators.map((it) => it.return?.()));
      await Promise.all(clients.map((c) => c.dispose()));
      await waitFor(() => stack.gateway.services.extractWatcher!.active === 0);
      // The poller's wait ended with the last subscriber: time passing makes no poll.
      expect(clock.waiting).toBe(0);
      const afterLeave = polls();
      await clock.advance(10 * POLL_MAX_MS);
      expect(polls()).toBe(afterLeave);
    } finally {
      stack.sim.knobs.extractJobDurationMs = 600;
    }
  });

  it('finds entities for 200 nodes in a handful of NERD calls, each upstream seeing only its own scope', async () => {
    stack.sim.counters.reset();
    const { id } = (await submit(stack, 'many-paragraphs.pdf')).data!.submitExtraction;
    expect((await awaitDone(stack, id)).status).toBe('SUCCESS');
    const extractCalls = stack.sim.counters.log().filter((c) => c.endpoint.startsWith('extract.') && c.endpoint !== 'extract.refresh');
    const before = stack.sim.counters.log().length;
    const r = await stack.gql<{
      extraction: { document: { text: string; nodes: Array<{ content: string; entities: Array<{ knowledgeBase: string; annotations: Array<{ text: string; startIndex: number; endIndex: number; entity: { kbId: string } | null }> }> }>; entities: Array<{ annotations: Array<{ text: string; startIndex: number; endIndex: number }> }> } };
    }>(
      `query($id: ID!) { extraction(id: $id) { document {
        text
        nodes(types: [TEXT]) { content entities(knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex entity { kbId } } } }
        entities { annotations { text startIndex endIndex } }
      } } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    const { nodes, text, entities } = r.data!.extraction.document;
    expect(nodes).toHaveLength(200);
    for (const node of nodes) {
      const wiki = node.entities.find((e) => e.knowledgeBase === 'WIKIMEDIA')!;
      // Every paragraph names an organisation and a place the NERD simulator knows.
      expect(wiki.annotations.length).toBeGreaterThanOrEqual(2);
      for (const kb of node.entities) for (const a of kb.annotations) expect(node.content.slice(a.startIndex, a.endIndex)).toBe(a.text);
    }
    // Document-level offsets index the document text.
    expect(entities[0]!.annotations.length).toBeGreaterThanOrEqual(400);
    for (const a of entities[0]!.annotations) expect(text.slice(a.startIndex, a.endIndex)).toBe(a.text);

    const during = stack.sim.counters.log().slice(before);
    const nerdCalls = during.filter((c) => c.endpoint.startsWith('nerd.') && c.endpoint !== 'nerd.refresh');
    // 200 nodes (~11,000 characters) in batches of up to EXTRACT_ENTITIES_BATCH_CHARS (20,000):
    // one call for the node entities with both knowledge bases and one for the document's.
    expect(nerdCalls.length).toBeGreaterThanOrEqual(1);
    expect(nerdCalls.length).toBeLessThanOrEqual(4);
    // The finished job came from the gateway's result cache: no Extract call for the query.
    expect(during.filter((c) => c.endpoint.startsWith('extract.'))).toEqual([]);
    expect(extractCalls.map((c) => c.endpoint)).toContain('extract.submit');
    for (const c of nerdCalls) expect(c.scopes).toEqual(['kensho:app:nerd']);
    for (const c of extractCalls) expect(c.scopes).toEqual(['kensho:app:extract']);
    // The gateway holds two tokens, one per scope, never one token with both.
    expect(stack.gateway.services.tokens.held().map((t) => t.scope).filter((s) => s.startsWith('kensho:')).sort()).toEqual(['kensho:app:extract', 'kensho:app:nerd']);
    console.log(`entities for 200 nodes + the document: ${nerdCalls.length} NERD call(s), 0 Extract calls (job answered from the result cache)`);
  });

  it.each(['codepoint', 'utf16'] as const)('keeps every node entity after emoji and mathematical letters in place when NERD counts in %s', async (unit) => {
    const { id } = (await submit(stack, 'astral.pdf')).data!.submitExtraction;
    expect((await awaitDone(stack, id)).status).toBe('SUCCESS');
    stack.sim.knobs.nerdOffsetUnit = unit;
    try {
      stack.sim.counters.reset();
      type Annotations = Array<{ knowledgeBase: string; annotations: Array<{ text: string; startIndex: number; endIndex: number }> }>;
      const r = await stack.gql<{ extraction: { document: { text: string; nodes: Array<{ content: string; entities: Annotations }>; entities: Annotations } } }>(
        `query($id: ID!) { extraction(id: $id) { document {
          text
          nodes(types: [TEXT]) { content entities(knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex } } }
          entities { knowledgeBase annotations { text startIndex endIndex } }
        } } }`,
        { id },
      );
      expect(r.errors).toBeUndefined();
      const { nodes, text, entities } = r.data!.extraction.document;
      // The PDF reads back with its characters outside the BMP (fixture astral.pdf).
      expect(nodes.map((n) => n.content)).toEqual([
        '🚀 Launch day: Apple Inc. shipped from Cupertino.',
        '𝐀𝐁𝐂 metrics 🚀🚀 rose while Apple Inc. grew in Tokyo.',
        'Later, Apple Inc. met Microsoft in London 🚀.',
        'No rockets here: Kensho and Apple Inc. in Cambridge.',
      ]);
      const places = ['Cupertino', 'Tokyo', 'London', 'Cambridge'];
      nodes.forEach((node, i) => {
        for (const kb of node.entities) {
          for (const a of kb.annotations) expect(node.content.slice(a.startIndex, a.endIndex)).toBe(a.text);
          // Every node names Apple Inc. once, in both knowledge bases: none lost, none misplaced.
          expect(kb.annotations.filter((a) => a.text === 'Apple Inc.').map((a) => a.startIndex)).toEqual([node.content.indexOf('Apple Inc.')]);
        }
        expect(node.entities.find((e) => e.knowledgeBase === 'WIKIMEDIA')!.annotations.map((a) => a.text)).toContain(places[i]);
      });
      const apples = entities[0]!.annotations.filter((a) => a.text === 'Apple Inc.');
      expect(apples).toHaveLength(4);
      for (const a of entities[0]!.annotations) expect(text.slice(a.startIndex, a.endIndex)).toBe(a.text);
      // The four nodes went to NERD as one batch (and the document as another).
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBeLessThanOrEqual(2);
    } finally {
      stack.sim.knobs.nerdOffsetUnit = 'codepoint';
    }
  });

  it('reports an upstream failure or garbage on submit clearly, keeps serving, and leaves no temporary files', async () => {
    const spools = () => readdirSync(tmpdir()).filter((f) => f.startsWith('capacitor-')).length;
    const before = spools();
    // A POST that starts a job is not sent twice: one 503 is the answer.
    stack.sim.inject({ target: 'extract.submit', status: 503 });
    const down = await submit(stack, 'report.pdf');
    expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'extract' });
    stack.sim.inject({ target: 'extract.submit', status: 200, body: '<html>proxy error</html>' });
    const garbage = await submit(stack, 'report.pdf');
    expect(garbage.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    stack.sim.inject({ target: 'extract.submit', status: 200, body: { unexpected: true } });
    const noId = await submit(stack, 'report.pdf');
    expect(noId.errors?.[0]?.message).toMatch(/without a request_id/);
    const ok = await submit(stack, 'report.pdf');
    expect(ok.errors).toBeUndefined();
    expect((await submit(stack, 'not-a-pdf.pdf')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // graphql-upload's spool files are removed once each response is sent.
    await waitFor(() => spools() <= before);
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_extract_uploads_total\{path="direct"\} [1-9]/);
    expect(metrics).toMatch(/gateway_extract_uploads_total\{path="refused"\} [1-9]/);
    expect(metrics).toMatch(/gateway_extract_jobs_watched 0/);
  });

  it('survives a client that breaks off mid-upload: no upstream call, no spool file left, still serving', async () => {
    const spools = () => readdirSync(tmpdir()).filter((f) => f.startsWith('capacitor-')).length;
    const before = spools();
    stack.sim.counters.reset();
    const boundary = 'x-broken-upload';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: SUBMIT, variables: { file: null } })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"1":["variables.file"]}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="1"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`;
    const { port } = new URL(stack.url);
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 1_000_000), 'apollo-require-preflight': 'true' } });
      req.on('error', () => resolve());
      req.write(head);
      // Break off well before the declared length, once these bytes are on their way.
      req.write(Buffer.alloc(64 * 1024, 0x20), () => {
        req.destroy();
        resolve();
      });
    });
    await waitFor(() => spools() <= before);
    expect(stack.sim.counters.calls('extract.submit')).toBe(0);
    const ok = await submit(stack, 'scanned-like.pdf');
    expect(ok.errors).toBeUndefined();
  });

  it('never lets a token or the private key into responses or logs', async () => {
    expect(findLeaks(stack.logs.join('\n'), stack.secrets)).toEqual([]);
  });
});

describe('Kensho Extract upload paths and limits', () => {
  it('sends files above the threshold through the pre-signed upload-url flow, without the bearer token', async () => {
    const stack = await startStack({ simulator: { extractJobDurationMs: 50 }, env: { EXTRACT_UPLOAD_URL_THRESHOLD_BYTES: '2000', EXTRACT_POLL_INITIAL_MS: '20', LIMIT_MAX_UPSTREAM_CALLS: FAST_POLLING_CALLS } });
    try {
      const big = await submit(stack, 'report.pdf');
      expect(big.errors).toBeUndefined();
      const done = await awaitDone(stack, big.data!.submitExtraction.id);
      expect(done.status).toBe('SUCCESS');
      expect(done.document!.text).toContain('Kensho Quarterly Report');
      const calls = stack.sim.counters.log().map((c) => c.endpoint);
      expect(calls).toEqual(expect.arrayContaining(['extract.upload-url', 'extract.upload', 'extract.upload-complete']));
      expect(calls).not.toContain('extract.submit');
      expect(calls.indexOf('extract.upload-url')).toBeLessThan(calls.indexOf('extract.upload'));
      expect(calls.indexOf('extract.upload')).toBeLessThan(calls.indexOf('extract.upload-complete'));
      // The storage call carried no token (the simulator records scopes only from a bearer token).
      expect(stack.sim.counters.log().find((c) => c.endpoint === 'extract.upload')?.scopes).toBeUndefined();

      // Storage's occasional 503 is retried (the signed request may be sent again); its 403 is not.
      stack.sim.counters.reset();
      stack.sim.inject({ target: 'extract.upload', status: 503, body: '<Error><Code>SlowDown</Code></Error>' });
      const retried = await submit(stack, 'report.pdf');
      expect(retried.errors).toBeUndefined();
      expect(stack.sim.counters.calls('extract.upload')).toBe(2);
      // A 4xx from storage (expired policy, file too large) is about this request, not an outage:
      // a client-side code, not retried, and no upload-complete follows.
      stack.sim.inject({ target: 'extract.upload', status: 403, body: '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>' });
      const refused = await submit(stack, 'report.pdf');
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UPLOAD_REFUSED', upstream: 'extract', endpoint: 'extract.upload', upstreamStatus: 403 });
      expect(refused.errors?.[0]?.message).toMatch(/storage refused the upload \(HTTP 403\)/);
      expect(refused.errors?.[0]?.message).not.toContain('extract-uploads');
      expect(stack.sim.counters.calls('extract.upload')).toBe(3);
      expect(stack.sim.counters.calls('extract.upload-complete')).toBe(1);
      // Storage failing on every attempt is an outage: three attempts, then UPSTREAM_UNAVAILABLE.
      stack.sim.inject({ target: 'extract.upload', status: 503, times: 3, body: '<Error><Code>SlowDown</Code></Error>' });
      const down = await submit(stack, 'report.pdf');
      expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', endpoint: 'extract.upload', upstreamStatus: 503 });
      expect(stack.sim.counters.calls('extract.upload')).toBe(6);
      expect(stack.sim.counters.calls('extract.upload-complete')).toBe(1);

      // A file under the threshold goes the direct way.
      stack.sim.counters.reset();
      const small = await submit(stack, 'scanned-like.pdf');
      expect(small.errors).toBeUndefined();
      expect(stack.sim.counters.calls('extract.submit')).toBe(1);
      expect(stack.sim.counters.calls('extract.upload-url')).toBe(0);
    } finally {
      await stack.close();
    }
  });

  it('refuses a file over EXTRACT_MAX_FILE_BYTES with BAD_USER_INPUT and never calls Extract', async () => {
    const stack = await startStack({ env: { EXTRACT_MAX_FILE_BYTES: '2000' } });
    try {
      const r = await submit(stack, 'report.pdf');
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE', maxBytes: 2000 });
      expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('extract.'))).toEqual([]);
      // The gateway keeps serving.
      const ok = await submit(stack, 'scanned-like.pdf');
      expect(ok.errors).toBeUndefined();
    } finally {
      await stack.close();
    }
  });

  it('refuses a multipart request without the CSRF preflight header before reading the file', async () => {
    const stack = await startStack();
    try {
      const r = await uploadRequest(stack.url, SUBMIT, { bytes: pdfFixture('report.pdf'), name: 'report.pdf' }, {}, {});
      expect(r.status).toBe(400);
      expect(r.errors?.[0]?.message).toMatch(/Apollo-Require-Preflight/);
      expect(stack.sim.counters.calls('extract.submit')).toBe(0);
    } finally {
      await stack.close();
    }
  });
});

describe('Kensho Extract through the upload-url flow', () => {
  /** The fields Extract's OpenAPI spec documents for upload-url (UPSTREAMS §2). */
  const REQUIRED = ['output_format', 'document_type', 'ocr', 'enhanced_table_extraction'];
  const DOCUMENTED = [...REQUIRED, 'figure_extraction', 'document_id', 'priority', 'pages', 'num_pages_to_extract'];
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ simulator: { extractJobDurationMs: 50 }, env: { EXTRACT_UPLOAD_URL_THRESHOLD_BYTES: '2000', EXTRACT_POLL_INITIAL_MS: '20', LIMIT_MAX_UPSTREAM_CALLS: FAST_POLLING_CALLS } });
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.knobs.extractOutputFileShape = 'bare';
    stack.sim.knobs.extractUploadUrlUnknownFields = 'ignore';
  });

  // Whether upload-url ignores or refuses a field it does not document is not published: the
  // gateway sends none, so it works either way.
  it.each(['ignore', 'refuse'] as const)('sends upload-url exactly its documented fields, and reads the job in the format chosen there (undocumented fields: %s)', async (unknownFields) => {
    stack.sim.knobs.extractUploadUrlUnknownFields = unknownFields;
    stack.sim.counters.reset();
    const r = await submit(stack, 'report.pdf', { documentType: 'HIERARCHICAL', ocr: true, enhancedTableExtraction: true, figureExtraction: true, documentId: 'big-report', priority: 'LOW', pages: '1-2', includeRelations: false, includeImages: false, returnAbsolutePageNumbers: false });
    expect(r.errors).toBeUndefined();
    expect(stack.sim.counters.calls('extract.upload-url')).toBe(1);
    const sent = stack.sim.extract.lastForm('upload-url')!;
    for (const field of REQUIRED) expect(Object.keys(sent)).toContain(field);
    for (const field of Object.keys(sent)) expect(DOCUMENTED, `undocumented field ${field}`).toContain(field);
    // The richest format: every other one is a projection of it, so document(format:) can be answered for all.
    expect(sent).toEqual({
      output_format: 'structured_document_with_char_offsets',
      document_type: 'hierarchical',
      ocr: 'true',
      enhanced_table_extraction: 'true',
      figure_extraction: 'true',
      document_id: 'big-report',
      priority: 'low',
      pages: '1-2',
    });

    const id = r.data!.submitExtraction.id;
    const done = await awaitDone(stack, id);
    expect(done.status).toBe('SUCCESS');
    expect(done.document!.format).toBe('WITH_LOCATIONS');
    expect(done.document!.nodes.some((n) => n.type === 'H1' && n.content === 'Kensho Quarterly Report')).toBe(true);
    expect(done.document!.nodes.some((n) => n.type === 'FIGURE')).toBe(true);
    expect(done.document!.nodes.every((n) => n.locations.length > 0)).toBe(true);
    const formats = await stack.gql<{ extraction: { plain: { format: string; nodes: Array<{ locations: unknown[]; textNodeData: unknown }> }; offsets: { format: string; nodes: Array<{ textNodeData: { characterOffsets: Array<number[] | null> } | null }> }; located: { nodes: Array<{ textNodeData: unknown }> } } }>(
      `query($id: ID!) { extraction(id: $id) {
        plain: document(format: STRUCTURED_DOCUMENT) { format nodes { locations { page } textNodeData { texts } } }
        offsets: document(format: WITH_CHARACTER_OFFSETS) { format nodes(types: [PARAGRAPH]) { textNodeData { characterOffsets } } }
        located: document { nodes { textNodeData { texts } } }
      } }`,
      { id },
    );
    expect(formats.errors).toBeUndefined();
    const { plain, offsets, located } = formats.data!.extraction;
    expect(plain.format).toBe('STRUCTURED_DOCUMENT');
    expect(plain.nodes.every((n) => n.locations.length === 0 && n.textNodeData === null)).toBe(true);
    expect(offsets.format).toBe('WITH_CHARACTER_OFFSETS');
    expect(offsets.nodes.length).toBeGreaterThan(0);
    expect(offsets.nodes.every((n) => n.textNodeData!.characterOffsets.length > 0)).toBe(true);
    expect(located.nodes.every((n) => n.textNodeData === null)).toBe(true);
    // Such a job is read through download-url (the status call would refuse it with a 400), and
    // the gateway knows it from the submit: not one status call is wasted on it.
    expect(stack.sim.counters.calls('extract.download-url')).toBeGreaterThan(0);
    expect(stack.sim.counters.calls('extract.get')).toBe(0);
    // The output file is fetched once; the three formats are read from it.
    expect(stack.sim.counters.calls('extract.output')).toBe(1);
  });

  it.each(['bare', 'wrapped'] as const)('reads a %s download-url output file', async (shape) => {
    stack.sim.knobs.extractOutputFileShape = shape;
    const r = await submit(stack, 'report.pdf');
    expect(r.errors).toBeUndefined();
    const done = await awaitDone(stack, r.data!.submitExtraction.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.document!.text).toContain('Kensho Quarterly Report');
    expect(done.document!.tables.find((t) => t.columnHeaders.includes('Segment'))?.rowCount).toBe(4);
  });

  it.each([
    ['includeRelations', 'include_relations'],
    ['includeImages', 'include_images'],
    ['returnAbsolutePageNumbers', 'return_absolute_pdf_page_numbers'],
  ])('refuses %s with BAD_USER_INPUT naming it, rather than dropping it: upload-url has no %s field', async (option) => {
    stack.sim.counters.reset();
    const r = await submit(stack, 'report.pdf', { [option]: true });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: `options.${option}`, reason: 'NOT_SUPPORTED_FOR_LARGE_FILES' });
    expect(r.errors?.[0]?.message).toContain(option);
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('extract.') && c.endpoint !== 'extract.refresh')).toEqual([]);
    // A small file goes the direct way, which carries the option.
    const small = await submit(stack, 'scanned-like.pdf', { [option]: true });
    expect(small.errors).toBeUndefined();
  });

  it('sends no priority to upload-url for HIGH (Extract documents only "low")', async () => {
    const r = await submit(stack, 'report.pdf', { priority: 'HIGH' });
    expect(r.errors).toBeUndefined();
    expect(stack.sim.extract.lastForm('upload-url')).not.toHaveProperty('priority');
  });
});

describe('Kensho Extract and caller scopes', () => {
  const EXTRACT_ONLY = 'kgw_extract-only-0123456789abcdefghijkl';
  const NERD_ONLY = 'kgw_nerd-only-0123456789abcdefghijklmnop';
  let stack: Stack;
  beforeAll(async () => {
    const key = (name: string, secret: string, scopes: string[]) => ({ name, sha256: createHash('sha256').update(secret).digest('hex'), scopes });
    stack = await startStack({
      simulator: { extractJobDurationMs: 50 },
      env: { AUTH_MODE: 'api-key', API_KEYS: JSON.stringify([key('extract-only', EXTRACT_ONLY, ['kensho:app:extract']), key('nerd-only', NERD_ONLY, ['kensho:app:nerd'])]), EXTRACT_POLL_INITIAL_MS: '20', LIMIT_MAX_UPSTREAM_CALLS: FAST_POLLING_CALLS },
    });
  });
  afterAll(async () => stack.close());

  it('refuses uploads from callers without the Extract scope, and unauthenticated ones before reading the file', async () => {
    const file = { bytes: pdfFixture('report.pdf'), name: 'report.pdf' };
    const anonymous = await uploadRequest(stack.url, SUBMIT, file);
    expect(anonymous.status).toBe(401);
    const nerdOnly = await uploadRequest(stack.url, SUBMIT, file, {}, { 'apollo-require-preflight': 'true', 'x-api-key': NERD_ONLY });
    expect(nerdOnly.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(stack.sim.counters.calls('extract.submit')).toBe(0);
    const client = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { 'x-api-key': NERD_ONLY } });
    try {
      const sub = client.iterate({ query: 'subscription { extractionUpdated(id: "00000000-0000-4000-8000-0000000000ab") { status } }' });
      const first = await sub.next().then((r) => r.value as { errors?: Array<{ extensions?: { code?: string } }> }, (e: unknown) => ({ errors: e as Array<{ extensions?: { code?: string } }> }));
      expect(first.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      await sub.return?.();
    } finally {
      await client.dispose();
    }
    expect(stack.gateway.services.extractWatcher!.active).toBe(0);
  });

  it('serves the document to an Extract-only caller but refuses its NERD entities field alone', async () => {
    const headers = { 'apollo-require-preflight': 'true', 'x-api-key': EXTRACT_ONLY };
    const submitted = await uploadRequest<Submitted>(stack.url, SUBMIT, { bytes: pdfFixture('report.pdf'), name: 'report.pdf' }, {}, headers);
    expect(submitted.errors).toBeUndefined();
    const r = await stack.gql<{ awaitExtraction: { status: string; document: { text: string; entities: unknown } } }>(
      `query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 10) { status document { text entities { knowledgeBase } } } }`,
      { id: submitted.data!.submitExtraction.id },
      { 'x-api-key': EXTRACT_ONLY },
    );
    expect(r.data!.awaitExtraction.status).toBe('SUCCESS');
    expect(r.data!.awaitExtraction.document.text).toContain('Kensho Quarterly Report');
    expect(r.data!.awaitExtraction.document.entities).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(r.errors![0]!.path).toEqual(['awaitExtraction', 'document', 'entities']);
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('nerd.'))).toEqual([]);
  });
});

/** Resolves once `check` holds (a file removed, a poller stopped); PATIENCE_MS bounds a hang. */
async function waitFor(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: PATIENCE_MS, interval: 20 });
}
