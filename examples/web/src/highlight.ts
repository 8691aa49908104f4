/** A span of an annotated text: plain text, or an entity mention. */
export type Segment<A> = { text: string; annotation: null } | { text: string; annotation: A };

/**
 * Cuts `text` into plain and annotated segments. The gateway's `startIndex`/`endIndex` are
 * JavaScript string indices (UTF-16 code units, end exclusive), so `text.slice(start, end)` is
 * the mention even after emoji. Spans without offsets (null) or overlapping an earlier span are
 * left out here (list them separately).
 */
export function segments<A extends { startIndex: number | null; endIndex: number | null }>(text: string, annotations: readonly A[]): Segment<A>[] {
  const placed = annotations
    .filter((a): a is A & { startIndex: number; endIndex: number } => a.startIndex !== null && a.endIndex !== null && a.startIndex < a.endIndex && a.endIndex <= text.length)
    .sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  const out: Segment<A>[] = [];
  let at = 0;
  for (const a of placed) {
    if (a.startIndex < at) continue; // overlaps the previous mention
    if (a.startIndex > at) out.push({ text: text.slice(at, a.startIndex), annotation: null });
    out.push({ text: text.slice(a.startIndex, a.endIndex), annotation: a });
    at = a.endIndex;
  }
  if (at < text.length) out.push({ text: text.slice(at), annotation: null });
  return out;
}
