/**
 * NERD's span offsets as JavaScript string indices (UTF-16 code units).
 *
 * NERD is a Python service, so its offsets are most likely Unicode code points [inferred,
 * UPSTREAMS §3]; a JavaScript client slices in UTF-16 units, and the two differ after every
 * character outside the BMP (emoji, mathematical letters from PDFs). Each span carries its own
 * `text`, so the unit is not guessed: it is checked against the text that was sent.
 */

/** A span as NERD gave it: offsets in an unknown unit, and the span's text. */
export interface RawSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where a span was placed: UTF-16 offsets, and how they were found; null when nowhere. */
export type PlacedSpan = { readonly start: number; readonly end: number; readonly how: 'utf16' | 'codepoint' | 'nearest' } | null;

/** True when `text` has a surrogate, i.e. code points and UTF-16 units may differ. */
const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * Places the spans NERD found in one `text`, in linear time per text: one code point → UTF-16
 * map is built (only when the text has characters outside the BMP), never one per span.
 *
 * For each span: its offsets read as UTF-16 units, else as code points, must slice exactly its
 * `text`. When both readings fit some spans and only one fits others, that one is NERD's unit
 * for the whole answer (a short span such as "x" can fit the wrong reading by accident). When
 * neither fits, the occurrence of the span's text nearest its offset is taken; else null.
 * A span without text cannot be checked and is read as code points (the inferred unit).
 */
export function placeSpans(text: string, spans: readonly RawSpan[]): PlacedSpan[] {
  if (!ASTRAL.test(text)) {
    // No surrogates: both units count the same, only the check against the text remains.
    return spans.map((s) => (s.text === '' ? inRange(text, s.start, s.end, 'utf16') : fits(text, s.start, s.end, s.text) ? { start: s.start, end: s.end, how: 'utf16' } : nearest(text, s.text, s.start)));
  }
  const cp = codePointMap(text);
  const readings = spans.map((s) => {
    const asCp = s.start <= s.end && s.end < cp.length ? { start: cp[s.start]!, end: cp[s.end]! } : undefined;
    return {
      utf16: s.text !== '' && fits(text, s.start, s.end, s.text),
      codepoint: asCp !== undefined && (s.text === '' || fits(text, asCp.start, asCp.end, s.text)),
      asCp,
    };
  });
  const onlyUtf16 = readings.some((r) => r.utf16 && !r.codepoint);
  const onlyCp = readings.some((r) => r.codepoint && !r.utf16);
  // Where one unit alone explains some spans, it wins the ambiguous ones too.
  const prefer: 'utf16' | 'codepoint' = onlyCp && !onlyUtf16 ? 'codepoint' : 'utf16';
  return spans.map((s, i) => {
    const r = readings[i]!;
    const useCp = r.codepoint && (!r.utf16 || prefer === 'codepoint');
    if (useCp && r.asCp) return { ...r.asCp, how: 'codepoint' };
    if (r.utf16) return { start: s.start, end: s.end, how: 'utf16' };
    return nearest(text, s.text, r.asCp?.start ?? s.start);
  });
}

/** For each code point index of `text` (and its end), the UTF-16 index where it starts. */
export function codePointMap(text: string): Uint32Array {
  const out = new Uint32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    out[n++] = i;
    const c = text.charCodeAt(i);
    if ((c & 0xfc00) === 0xd800 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  out[n] = text.length;
  return out.subarray(0, n + 1);
}

/**
 * True when nothing needs placing: `text` has no character outside the BMP (so code points and
 * UTF-16 units count alike) and every span fits its own text at its offsets. The common answer,
 * checked without building a span list or a placement per span.
 */
export function allInPlace(text: string, spans: Iterable<{ readonly startIndex: number | null; readonly endIndex: number | null; readonly text: string }>): boolean {
  if (ASTRAL.test(text)) return false;
  for (const s of spans) {
    if (s.startIndex === null || s.endIndex === null || s.text === '' || !fits(text, s.startIndex, s.endIndex, s.text)) return false;
  }
  return true;
}

function fits(text: string, start: number, end: number, span: string): boolean {
  return start >= 0 && end <= text.length && end - start === span.length && text.startsWith(span, start);
}

function inRange(text: string, start: number, end: number, how: 'utf16'): PlacedSpan {
  return start >= 0 && start <= end && end <= text.length ? { start, end, how } : null;
}

/**
 * The occurrence of `span` in `text` whose start is nearest `near`. Only for spans whose
 * offsets fit no unit (rare), so the two scans from `near` are not part of the linear path.
 */
function nearest(text: string, span: string, near: number): PlacedSpan {
  if (span === '') return null;
  const from = Math.max(0, Math.min(near, text.length));
  const after = text.indexOf(span, from);
  const before = from > 0 ? text.lastIndexOf(span, from - 1) : -1;
  if (after === -1 && before === -1) return null;
  const start = after === -1 ? before : before === -1 ? after : from - before <= after - from ? before : after;
  return { start, end: start + span.length, how: 'nearest' };
}
