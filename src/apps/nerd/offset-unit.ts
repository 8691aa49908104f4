/** How NERD counts `start_index` / `end_index`. */
export type OffsetUnit = 'codepoint' | 'utf16' | 'unknown';

/**
 * The probe text: a character outside the BMP (two UTF-16 units, one code point) before a
 * well-known entity, so the entity's start differs by one between the two units.
 */
export const OFFSET_PROBE_TEXT = '🚀 Apple Inc. reported results.';

export interface OffsetVerdict {
  readonly unit: OffsetUnit;
  /** Spans that read the same under both units, and under each one alone. */
  readonly evidence: { readonly both: number; readonly codepoint: number; readonly utf16: number; readonly neither: number };
  readonly example: { readonly text: string; readonly start: number; readonly end: number } | undefined;
}

/**
 * Decides the unit from NERD's own answer: for each annotation, does `text[start, end)` give back
 * the annotation's `text` when counted in UTF-16 units, in code points, or both (a span before
 * any astral character tells nothing)? Only a consistent, telling answer is trusted.
 */
export function detectOffsetUnit(text: string, results: unknown): OffsetVerdict {
  const points = Array.from(text);
  const evidence = { both: 0, codepoint: 0, utf16: 0, neither: 0 };
  let example: OffsetVerdict['example'];
  for (const annotation of annotationsOf(results)) {
    const { start_index: start, end_index: end, text: span } = annotation;
    const asUtf16 = text.slice(start, end) === span;
    const asCodepoint = points.slice(start, end).join('') === span;
    if (asUtf16 && asCodepoint) evidence.both += 1;
    else if (asUtf16) evidence.utf16 += 1;
    else if (asCodepoint) evidence.codepoint += 1;
    else evidence.neither += 1;
    if (!example && asUtf16 !== asCodepoint) example = { text: span, start, end };
  }
  const unit: OffsetUnit =
    evidence.codepoint > 0 && evidence.utf16 === 0 && evidence.neither === 0
      ? 'codepoint'
      : evidence.utf16 > 0 && evidence.codepoint === 0 && evidence.neither === 0
        ? 'utf16'
        : 'unknown';
  return { unit, evidence, example };
}

function annotationsOf(results: unknown): Array<{ start_index: number; end_index: number; text: string }> {
  if (!Array.isArray(results)) return [];
  return results.flatMap((kb: unknown) => {
    const list = (kb as { annotations?: unknown } | null)?.annotations;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (a: unknown): a is { start_index: number; end_index: number; text: string } =>
        typeof a === 'object' && a !== null && Number.isInteger((a as Record<string, unknown>).start_index) && Number.isInteger((a as Record<string, unknown>).end_index) && typeof (a as Record<string, unknown>).text === 'string',
    );
  });
}
