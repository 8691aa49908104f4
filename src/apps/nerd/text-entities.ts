import type { NerdAnnotation, NerdKbResult, NerdKnowledgeBase } from './wire.js';

/** Between two texts of one batch: a paragraph break, so NERD never reads one entity across two nodes. */
export const SEPARATOR = '\n\n';
/** Batches of one request annotated at the same time. */
const MAX_CONCURRENT_CALLS = 4;

/**
 * Annotates many short texts (document nodes) with few NERD calls: texts are joined with a
 * separator into batches of at most `batchChars` (a longer text goes alone), each batch is one
 * call, and every annotation is mapped back to the text it fell in with offsets relative to that
 * text. Annotations that cross a separator (none in practice) or lost their offsets are dropped. Relevance scores are
 * kept for the entities of each text, as NERD scored them for the whole batch.
 * Empty texts cost nothing.
 */
export async function annotateBatched(
  texts: readonly string[],
  knowledgeBases: readonly NerdKnowledgeBase[],
  batchChars: number,
  annotate: (text: string, members: readonly number[]) => Promise<NerdKbResult[]>,
): Promise<Array<NerdKbResult[] | Error>> {
  const out: Array<NerdKbResult[] | Error> = texts.map(() => knowledgeBases.map((kb) => ({ knowledgeBase: kb, annotations: [], relevance: new Map<string, number>() })));
  const batches: Array<{ text: string; members: Array<{ index: number; start: number; end: number }> }> = [];
  let current: (typeof batches)[number] | undefined;
  texts.forEach((text, index) => {
    if (text.trim() === '') return;
    const joined = current && current.text.length > 0 ? current.text.length + SEPARATOR.length + text.length : Infinity;
    if (!current || joined > batchChars) {
      current = { text: '', members: [] };
      batches.push(current);
    }
    if (current.text.length > 0) current.text += SEPARATOR;
    current.members.push({ index, start: current.text.length, end: current.text.length + text.length });
    current.text += text;
  });
  // A few calls at a time: a long document must not turn into a burst against NERD.
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await run(batches[next++]!);
  };
  const run = async (batch: (typeof batches)[number]) => {
    let results: NerdKbResult[];
    try {
      results = await annotate(batch.text, batch.members.map((m) => m.index));
    } catch (error) {
      for (const m of batch.members) out[m.index] = error instanceof Error ? error : new Error(String(error));
      return;
    }
    for (const m of batch.members) {
      out[m.index] = results.map((r) => {
        // Offsets are UTF-16 indices of the batch (the client converts NERD's code points), as
        // the members' bounds are. A span NERD gave no placeable offsets for (logged by the
        // client) belongs to no member that can be told, so it is left out.
        const annotations: NerdAnnotation[] = [];
        for (const a of r.annotations) {
          if (a.startIndex === null || a.endIndex === null || a.startIndex < m.start || a.endIndex > m.end) continue;
          annotations.push({ ...a, startIndex: a.startIndex - m.start, endIndex: a.endIndex - m.start });
        }
        const ids = new Set(annotations.map((a) => a.entityKbId).filter((id): id is string => id !== null));
        return { knowledgeBase: r.knowledgeBase, annotations, relevance: new Map([...r.relevance].filter(([id]) => ids.has(id))) };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_CALLS, batches.length) }, worker));
  return out;
}
