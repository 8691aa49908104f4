import { DICTIONARY, type DictionaryEntry } from './nerd-dictionary.js';

/** NERD's per-knowledge-base result (UPSTREAMS §3). */
export interface WireKbResult {
  knowledge_base: 'wikimedia' | 'capiq';
  annotations: Array<{
    start_index: number;
    end_index: number;
    text: string;
    ner_score: number;
    ned_score: number | null;
    ner_type: string;
    entity_label: string | null;
    entity_type: string | null;
    entity_kb_id: string | number | null;
  }>;
  entity_relevance_scores: Record<string, number>;
}

interface Match {
  start: number;
  end: number;
  entry: DictionaryEntry;
}

const ALIASES = DICTIONARY.flatMap((entry) => entry.aliases.map((alias) => ({ alias, entry }))).sort((a, b) => b.alias.length - a.alias.length);
const WORD = /[\p{L}\p{N}]/u;

/**
 * Finds dictionary entities in `text`: case-sensitive, whole words (Unicode-aware), longest
 * match first, no overlaps. Offsets are JavaScript (UTF-16) indices; ends are exclusive.
 */
export function findEntities(text: string, tagPeople: boolean): Match[] {
  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const matches: Match[] = [];
  for (const { alias, entry } of ALIASES) {
    if (entry.nerType === 'PERSON' && !tagPeople) continue;
    for (let from = text.indexOf(alias); from !== -1; from = text.indexOf(alias, from + 1)) {
      const end = from + alias.length;
      const before = from > 0 ? text[from - 1]! : '';
      const after = end < text.length ? text[end]! : '';
      if ((before && WORD.test(before)) || (after && WORD.test(after))) continue;
      if (taken.slice(from, end).some(Boolean)) continue;
      taken.fill(true, from, end);
      matches.push({ start: from, end, entry });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** Deterministic score in (0.5, 1) from a string, so answers are stable across runs. */
function score(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return Math.round((0.5 + ((h >>> 0) % 4900) / 10000) * 1000) / 1000;
}

/** Annotates `text` against one knowledge base. */
export function annotate(text: string, kb: 'wikimedia' | 'capiq', tagPeople: boolean): WireKbResult {
  const matches = findEntities(text, tagPeople).filter((m) => kb === 'wikimedia' || m.entry.nerType === 'ORG');
  const relevance: Record<string, number> = {};
  const annotations = matches.map((m) => {
    const span = text.slice(m.start, m.end);
    const link = kb === 'wikimedia' ? m.entry.wikimedia : m.entry.capiq ? { id: m.entry.capiq.id, label: m.entry.capiq.label, type: 'ORG' } : null;
    if (link) relevance[String(link.id)] = score(`${String(link.id)}|${text.length}`);
    return {
      start_index: m.start,
      end_index: m.end,
      text: span,
      ner_score: score(`ner|${span}`),
      ned_score: link ? score(`ned|${span}|${kb}`) : null,
      ner_type: kb === 'capiq' ? 'ORG' : m.entry.nerType,
      entity_label: link?.label ?? null,
      entity_type: link?.type ?? null,
      entity_kb_id: link?.id ?? null,
    };
  });
  return { knowledge_base: kb, annotations, entity_relevance_scores: relevance };
}
