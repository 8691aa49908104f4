import { describe, expect, it } from 'vitest';
import { wikidataId } from '../../src/apps/nerd/resolvers.js';
import { allInPlace, codePointMap, placeSpans, type RawSpan } from '../../src/apps/nerd/offsets.js';
import { parseNerdResults, parseRelevance } from '../../src/apps/nerd/wire.js';

/** The spans of `names` in `text` as NERD would send them, counted in `unit`. */
function spansOf(text: string, names: string[], unit: 'codepoint' | 'utf16'): RawSpan[] {
  const out: RawSpan[] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      const start = unit === 'utf16' ? at : [...text.slice(0, at)].length;
      out.push({ start, end: start + (unit === 'utf16' ? name.length : [...name].length), text: name });
    }
  }
  return out;
}

const TEXT = '🚀 Launch: 𝐀pple? No — Apple Inc. in Zürich, then Apple Inc. again 🚀🚀.';

describe('placeSpans (NERD offsets to UTF-16)', () => {
  it.each(['codepoint', 'utf16'] as const)('places every span counted in %s so that text.slice gives its text', (unit) => {
    const spans = spansOf(TEXT, ['Apple Inc.', 'Zürich'], unit);
    expect(spans).toHaveLength(3);
    const placed = placeSpans(TEXT, spans);
    placed.forEach((p, i) => {
      expect(p).not.toBeNull();
      expect(TEXT.slice(p!.start, p!.end)).toBe(spans[i]!.text);
      expect(p!.how).toBe(unit);
    });
  });

  it('converts code points even where the span fits UTF-16 by accident elsewhere', async () => {
    // "x" at code point 3 is the second x; read as UTF-16 it would be the first one.
    const text = '𝐀 xx x';
    const placed = placeSpans(text, [
      { start: 3, end: 4, text: 'x' },
      { start: 5, end: 6, text: 'x' }, // fits only as code points: that decides the unit
    ]);
    expect(placed).toEqual([
      { start: 4, end: 5, how: 'codepoint' },
      { start: 6, end: 7, how: 'codepoint' },
    ]);
  });

  it('finds the occurrence nearest the given offset when no unit fits, else gives null', () => {
    const text = 'Apple here, Apple there, Apple everywhere.';
    // Offsets off by three (e.g. another counting): the nearest "Apple" is the second one.
    expect(placeSpans(text, [{ start: 15, end: 20, text: 'Apple' }])).toEqual([{ start: 12, end: 17, how: 'nearest' }]);
    expect(placeSpans(`🚀 ${text}`, [{ start: 30, end: 35, text: 'Apple' }])).toEqual([{ start: 28, end: 33, how: 'nearest' }]);
    expect(placeSpans(text, [{ start: 0, end: 5, text: 'Pear' }])).toEqual([null]);
    expect(placeSpans(text, [{ start: 40, end: 99, text: '' }])).toEqual([null]);
  });

  it('reads a span without text as code points', () => {
    expect(placeSpans('🚀 Apple', [{ start: 2, end: 7, text: '' }])).toEqual([{ start: 3, end: 8, how: 'codepoint' }]);
    expect(placeSpans('plain Apple', [{ start: 6, end: 11, text: '' }])).toEqual([{ start: 6, end: 11, how: 'utf16' }]);
  });

  it('maps code points to UTF-16 starts, a lone surrogate counting as one', () => {
    expect([...codePointMap('a🚀b\uD800c')]).toEqual([0, 1, 3, 4, 5, 6]);
  });

  it('is linear in the text: 20,000 spans over 400,000 characters cost a few passes over the text, not one each', () => {
    const unit = '𝐀 Apple Inc. and 🚀 Zürich. ';
    const text = unit.repeat(Math.ceil(400_000 / unit.length));
    const spans = spansOf(text.slice(0, 2_000), ['Apple Inc.'], 'codepoint');
    // Build many spans cheaply: shift one period's spans by whole periods (code points).
    const period = [...unit].length;
    const periods = Math.floor(text.length / unit.length);
    const many: RawSpan[] = [];
    for (let p = 0; many.length < 20_000 && p < periods; p++) for (const s of spans.slice(0, 1)) many.push({ start: s.start + p * period, end: s.end + p * period, text: s.text });
    expect(many.length).toBe(Math.min(20_000, periods));
    // Measured in this process's CPU time against one pass over the text (mapping its code
    // points), so the verdict is the algorithm's, whatever else the machine is doing: a pass
    // per span would cost thousands of passes.
    const cpu = (work: () => void) => {
      const before = process.cpuUsage();
      work();
      const used = process.cpuUsage(before);
      return used.user + used.system;
    };
    const onePass = Math.min(...Array.from({ length: 5 }, () => cpu(() => codePointMap(text))));
    let placed: ReturnType<typeof placeSpans> = [];
    const placing = cpu(() => (placed = placeSpans(text, many)));
    expect(placed.every((p, i) => p !== null && text.slice(p.start, p.end) === many[i]!.text && p.how === 'codepoint')).toBe(true);
    expect(placing / Math.max(onePass, 1)).toBeLessThan(200);
  });
});

describe('NERD wire parsing', () => {
  it.each([
    ['flat', { '251994106': 0.5, '312': '0.25' }],
    ['nested (the spec)', { '251994106': { relevance_score: 0.5, entity_id: '251994106' }, '312': { relevance_score: 0.25, entity_id: 312 } }],
    ['a list of flat maps', [{ '251994106': 0.5 }, { '312': 0.25 }]],
    ['a list of entity_id/relevance_score objects', [{ entity_id: 251994106, relevance_score: 0.5 }, { entity_id: '312', relevance_score: 0.25 }]],
    ['a list of nested maps', [{ '251994106': { relevance_score: 0.5, entity_id: '251994106' } }, { '312': { relevance_score: 0.25 } }]],
  ])('reads entity_relevance_scores given %s', (_name, raw) => {
    expect(parseRelevance(raw)).toEqual(
      new Map([
        ['251994106', 0.5],
        ['312', 0.25],
      ]),
    );
  });

  it('skips unreadable relevance entries instead of failing the answer', () => {
    expect(parseRelevance([null, 3, { x: 'y' }, { '7': { score: 1 } }])).toEqual(new Map());
    expect(parseRelevance('nope')).toEqual(new Map());
  });

  it('passes ids through as sent (numbers written as strings) and keeps unlinked spans null', () => {
    const [r] = parseNerdResults(
      {
        results: [
          {
            knowledge_base: 'wikimedia',
            annotations: [
              { start_index: 0, end_index: 7, text: 'Nairobi', ner_score: 0.9, ned_score: 0.8, ner_type: 'GPE', entity_label: 'Nairobi', entity_type: 'CITY', entity_kb_id: 3870 },
              { start_index: 8, end_index: 12, text: 'Acme', ner_score: 0.7, ned_score: null, ner_type: 'ORG', entity_label: null, entity_type: null, entity_kb_id: null },
            ],
            entity_relevance_scores: {},
          },
        ],
      },
      'nerd.test',
    );
    expect(r!.annotations.map((a) => [a.entityKbId, a.entityType, a.nedScore])).toEqual([
      ['3870', 'CITY', 0.8],
      [null, null, null],
    ]);
  });

  it('derives Wikidata ids only for Wikimedia entities', () => {
    expect(wikidataId('wikimedia', '3870')).toBe('Q3870');
    expect(wikidataId('wikimedia', 'Q3870')).toBe('Q3870');
    expect(wikidataId('wikimedia', 'x12')).toBeNull();
    expect(wikidataId('capiq', '251994106')).toBeNull();
  });
});

describe('allInPlace: the answers that need no placing', () => {
  const span = (text: string, startIndex: number | null, endIndex: number | null) => ({ text, startIndex, endIndex });
  it('is true only when the text has no astral character and every span fits its own text', () => {
    const text = 'Apple works with Microsoft.';
    expect(allInPlace(text, [span('Apple', 0, 5), span('Microsoft', 17, 26)])).toBe(true);
    expect(allInPlace(text, [])).toBe(true);
    // One span off by one, one without text, one without offsets: placing decides.
    expect(allInPlace(text, [span('Apple', 1, 6)])).toBe(false);
    expect(allInPlace(text, [span('', 0, 5)])).toBe(false);
    expect(allInPlace(text, [span('Apple', null, null)])).toBe(false);
    // An emoji: code points and UTF-16 units differ, even for a span before it.
    expect(allInPlace(`Apple 🍎 works with Microsoft.`, [span('Apple', 0, 5)])).toBe(false);
  });
});
