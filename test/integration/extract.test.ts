import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';
import { pdfFixture, uploadRequest } from '../helpers/upload.js';

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

async function awaitDone(stack: Stack, id: string): Promise<DocumentData> {
  const r = await stack.gql<{ awaitExtraction: DocumentData }>(`query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 20) { ${DOCUMENT_FIELDS} } }`, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.awaitExtraction;
}

function wsClient(stack: Stack): Client {
  return createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
}

describe('Kensho Extract end to end (multipart upload → job → structured document)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ simulator: { extractJobDurationMs: 600 }, env: { EXTRACT_POLL_INITIAL_MS: '50', EXTRACT_POLL_MAX_MS: '200' } });
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.clearFaults();
    stack.sim.knobs.failExtractJobs = false;
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
      const seen: Array<{ status: string; document: { text: string } | null }> = [];
      for await (const event of client.iterate<{ extractionUpdated: { status: string; document: { text: string } | null } }>({
        query: `subscription($id: ID!) { extractionUpdated(id: $id) { status document { text } } }`,
        variables: { id },
      })) {
        expect(event.errors).toBeUndefined();
        seen.push(event.data!.extractionUpdated);
      }
      expect(seen.map((s) => s.status)).toEqual(['PENDING', 'SUCCESS']);
      expect(seen[0]!.document).toBeNull();
      expect(seen[1]!.document!.text).toContain('Kensho Quarterly Report');
    } finally {
      await client.dispose();
    }
    // The poller stopped with the final state.
    expect(stack.gateway.services.extractWatcher!.active).toBe(0);
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
});

export { findLeaks };
