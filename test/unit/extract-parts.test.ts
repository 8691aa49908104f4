import { Readable } from 'node:stream';
import busboy from 'busboy';
import { describe, expect, it } from 'vitest';
import { submitOptions } from '../../src/apps/extract/resolvers.js';
import { formFields, uploadUrlFields } from '../../src/apps/extract/client.js';
import { UpstreamError } from '../../src/errors.js';
import { annotateBatched, SEPARATOR } from '../../src/apps/nerd/text-entities.js';
import { ExtractionWatcher } from '../../src/apps/extract/watcher.js';
import { manualClock } from '../helpers/manual-clock.js';
import type { ExtractionState } from '../../src/apps/extract/wire.js';
import { multipart } from '../../src/net/multipart.js';
import type { NerdKbResult } from '../../src/apps/nerd/wire.js';

/** A stand-in NERD: every capitalised word is an entity (id = the word). */
function fakeNerd(calls: string[]) {
  return async (text: string): Promise<NerdKbResult[]> => {
    calls.push(text);
    const annotations = [...text.matchAll(/\p{Lu}\p{L}+/gu)].map((m) => ({
      knowledgeBase: 'wikimedia' as const,
      startIndex: m.index,
      endIndex: m.index + m[0].length,
      text: m[0],
      nerType: 'ORG',
      nerScore: 0.9,
      nedScore: 0.8,
      entityKbId: m[0],
      entityLabel: m[0],
      entityType: 'ORG',
    }));
    return [{ knowledgeBase: 'wikimedia', annotations, relevance: new Map(annotations.map((a) => [a.entityKbId, 0.5])) }];
  };
}

describe('batched entities for many texts', () => {
  it('joins texts into batches under the size limit and maps offsets back to each text', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `Paragraph ${i}: Zürich met Apple 🚀 and Kensho.`);
    const calls: string[] = [];
    const results = await annotateBatched(texts, ['wikimedia'], 2_000, fakeNerd(calls));
    const total = texts.reduce((n, t) => n + t.length + SEPARATOR.length, 0);
    expect(calls.length).toBe(Math.ceil(total / 2_000));
    expect(calls.every((c) => c.length <= 2_000)).toBe(true);
    results.forEach((r, i) => {
      if (r instanceof Error) throw r;
      const anns = r[0]!.annotations;
      expect(anns.map((a) => a.text)).toEqual(['Paragraph', 'Zürich', 'Apple', 'Kensho']);
      for (const a of anns) expect(texts[i]!.slice(a.startIndex!, a.endIndex!)).toBe(a.text);
      expect([...r[0]!.relevance.keys()].sort()).toEqual(['Apple', 'Kensho', 'Paragraph', 'Zürich']);
    });
  });

  it('sends a text longer than the limit alone, skips empty texts, and fails only the texts of a failed batch', async () => {
    const calls: string[] = [];
    const annotate = fakeNerd(calls);
    const results = await annotateBatched(['Short One', '', 'X'.repeat(50) + ' Long', 'Tail Text'], ['wikimedia'], 20, async (text) => {
      if (text.startsWith('X')) throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'nerd', 'down');
      return annotate(text);
    });
    expect(calls).toEqual(['Short One', 'Tail Text']);
    expect(results[1]).toEqual([{ knowledgeBase: 'wikimedia', annotations: [], relevance: new Map() }]);
    expect(results[2]).toBeInstanceOf(UpstreamError);
    expect((results[3] as NerdKbResult[])[0]!.annotations.map((a) => [a.text, a.startIndex])).toEqual([
      ['Tail', 0],
      ['Text', 5],
    ]);
  });

  it('leaves out spans NERD gave no placeable offsets for, which belong to no text that can be told', async () => {
    const results = await annotateBatched(['Alpha One', 'Beta Two'], ['wikimedia'], 1_000, async (text) => {
      const [r] = await fakeNerd([])(text);
      return [{ ...r!, annotations: [...r!.annotations, { ...r!.annotations[0]!, startIndex: null, endIndex: null, text: 'Lost' }] }];
    });
    expect(results.map((r) => (r as NerdKbResult[])[0]!.annotations.map((a) => [a.text, a.startIndex]))).toEqual([
      [
        ['Alpha', 0],
        ['One', 6],
      ],
      [
        ['Beta', 0],
        ['Two', 5],
      ],
    ]);
  });
});

function state(status: ExtractionState['status']): ExtractionState {
  return { id: 'job', status, upstreamStatus: status.toLowerCase(), error: null, metadata: {}, output: null, format: 'structured_document_with_locations' };
}

describe('the shared extraction poller', () => {
  it('polls once per job for every watcher, emits changes only, and ends everyone at a final state', async () => {
    const answers: Array<ExtractionState['status']> = ['PENDING', 'PENDING', 'PENDING', 'SUCCESS'];
    let polls = 0;
    const watcher = new ExtractionWatcher({ client: { get: async () => state(answers[Math.min(polls++, answers.length - 1)]!) }, pollInitialMs: 5, pollMaxMs: 10, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const collect = async (it: AsyncIterable<ExtractionState>) => {
      const seen: string[] = [];
      for await (const s of it) seen.push(s.status);
      return seen;
    };
    const [a, b] = await Promise.all([collect(watcher.watch('job', 's')), collect(watcher.watch('job', 's'))]);
    expect(a).toEqual(['PENDING', 'SUCCESS']);
    expect(b).toEqual(['PENDING', 'SUCCESS']);
    expect(polls).toBe(4);
    expect(watcher.active).toBe(0);
  });

  it('stops polling when the last watcher leaves, and grows its delay up to the cap', async () => {
    // The poller's waits are on a clock the test moves: each delay is read off the wait itself.
    const clock = manualClock();
    const delays: number[] = [];
    let polls = 0;
    const watcher = new ExtractionWatcher({
      client: { get: async () => (polls++, state('PENDING')) },
      pollInitialMs: 100,
      pollMaxMs: 400,
      sleep: (ms, signal) => {
        delays.push(ms);
        return clock.sleep(ms, signal);
      },
    });
    const it = watcher.watch('job', 's');
    expect((await it.next()).value.status).toBe('PENDING');
    for (let i = 0; i < 6; i++) {
      await clock.sleeping();
      await clock.advance(delays.at(-1)!);
    }
    await clock.sleeping();
    expect(polls).toBe(7);
    await it.return!();
    expect(watcher.active).toBe(0);
    // The last watcher's leaving ended the poller's wait: time passing makes no poll.
    expect(clock.waiting).toBe(0);
    await clock.advance(10_000);
    expect(polls).toBe(7);
    expect(delays).toEqual([100, 150, 225, 338, 400, 400, 400]);
  });

  it('polls through transient failures, gives up on others, and reports an unknown job', async () => {
    let n = 0;
    const flaky = new ExtractionWatcher({
      client: {
        get: async () => {
          n += 1;
          if (n <= 2) throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'extract', 'down');
          return state('SUCCESS');
        },
      },
      pollInitialMs: 1,
      pollMaxMs: 1,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    expect(await flaky.waitFor('job', 's', 5_000)).toMatchObject({ status: 'SUCCESS' });

    const forbidden = new ExtractionWatcher({ client: { get: async () => Promise.reject(new UpstreamError('UPSTREAM_FORBIDDEN', 'extract', 'no scope')) }, pollInitialMs: 1, pollMaxMs: 1, sleep: async () => undefined });
    await expect(forbidden.watch('job', 's').next()).rejects.toMatchObject({ code: 'UPSTREAM_FORBIDDEN' });

    const unknown = new ExtractionWatcher({ client: { get: async () => null }, pollInitialMs: 1, pollMaxMs: 1, sleep: async () => undefined });
    await expect(unknown.watch('job', 's').next()).rejects.toMatchObject({ code: 'UPSTREAM_NOT_FOUND' });
    expect(await unknown.waitFor('job', 's', 1_000)).toBeNull();
  });
});

/** Array.fromAsync arrived in Node 22. */
async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

describe('the streaming multipart encoder', () => {
  it('produces a body busboy parses back, with the exact Content-Length, reopenable for retries', async () => {
    const bytes = Buffer.from('%PDF-1.7\n' + 'x'.repeat(100_000));
    const body = multipart(
      [
        ['document_type', 'general'],
        ['na"me\r\n', 'é'],
      ],
      { name: 'file', filename: 'a "quoted"\nname.pdf', contentType: 'application/pdf', size: bytes.length, open: () => Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]) },
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      const raw = Buffer.concat(await readAll(body.open()));
      expect(raw.length).toBe(body.length);
      const fields: Record<string, string> = {};
      let file: { name: string; filename: string; data: Buffer } | undefined;
      await new Promise<void>((resolve, reject) => {
        const bb = busboy({ headers: { 'content-type': body.contentType } });
        bb.on('field', (name, value) => (fields[name] = value));
        bb.on('file', (name, stream, info) => {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => (file = { name, filename: info.filename ?? '', data: Buffer.concat(chunks) }));
        });
        bb.on('close', resolve).on('error', reject);
        bb.end(raw);
      });
      expect(fields).toEqual({ document_type: 'general', 'na%22me%0D%0A': 'é' });
      expect(file!.name).toBe('file');
      expect(file!.filename).toBe('a %22quoted%22%0Aname.pdf');
      expect(file!.data.equals(bytes)).toBe(true);
    }
  });

  it('fails loudly when the file is not the size it was declared to be', async () => {
    const body = multipart([], { name: 'file', filename: 'f.pdf', contentType: 'application/pdf', size: 10, open: () => Readable.from([Buffer.from('short')]) });
    await expect(readAll(body.open())).rejects.toThrow(/5 bytes, expected 10/);
  });
});

describe('extraction options', () => {
  it('maps to the documented form fields and checks the page list', () => {
    expect(submitOptions(undefined)).toEqual({ document_type: 'general', ocr: false, enhanced_table_extraction: false });
    expect(submitOptions({ documentType: 'HIERARCHICAL_V2', ocr: true, pages: ' 1-5, 7,14-16 ', priority: 'LOW', includeRelations: false, returnAbsolutePageNumbers: true })).toEqual({
      document_type: 'hierarchical_v2',
      ocr: true,
      enhanced_table_extraction: false,
      pages: '1-5,7,14-16',
      priority: 'low',
      include_relations: false,
      return_absolute_pdf_page_numbers: true,
    });
    // Extract documents only "low": HIGH sends no priority at all.
    expect(submitOptions({ priority: 'HIGH' })).not.toHaveProperty('priority');
    expect(formFields(submitOptions({ priority: 'HIGH' })).map(([k]) => k)).not.toContain('priority');
    for (const pages of ['', '0', '5-2', '1-', 'a', '1,,2', '1-2-3']) expect(() => submitOptions({ pages })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => submitOptions({ documentId: 'x'.repeat(257) })).toThrow(/documentId/);
  });
});

describe('the upload-url form', () => {
  it('carries exactly the documented fields, output_format included, and refuses an option it would lose', () => {
    const options = submitOptions({ documentType: 'HIERARCHICAL', figureExtraction: false, documentId: 'd', priority: 'LOW', pages: '2', includeRelations: false, includeImages: false, returnAbsolutePageNumbers: false });
    expect(uploadUrlFields(options)).toEqual([
      ['output_format', 'structured_document_with_char_offsets'],
      ['document_type', 'hierarchical'],
      ['ocr', 'false'],
      ['enhanced_table_extraction', 'false'],
      ['figure_extraction', 'false'],
      ['document_id', 'd'],
      ['priority', 'low'],
      ['pages', '2'],
    ]);
    for (const option of ['includeRelations', 'includeImages', 'returnAbsolutePageNumbers']) {
      expect(() => uploadUrlFields(submitOptions({ [option]: true }))).toThrow(TypeError);
    }
  });
});
