import { DICTIONARY, type DictionaryEntry } from './nerd-dictionary.js';

/** How offsets are counted: NERD is Python, so code points [inferred]; 'utf16' for the other case. */
export type NerdOffsetUnit = 'codepoint' | 'utf16';
/**
 * The shape of `entity_relevance_scores` (UPSTREAMS §3: all three appear in the documentation):
 * 'nested' `{id: {relevance_score, entity_id}}` (the spec's), 'flat' `{id: score}`, 'list'
 * `[{id: score}, …]`.
 */
export type NerdRelevanceShape = 'flat' | 'nested' | 'list';

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
  entity_relevance_scores: Record<string, number> | Record<string, { relevance_score: number; entity_id: string | number }> | Array<Record<string, number>>;
}

/** What one annotate call asks for, and how the answer is shaped. */
export interface AnnotateOptions {
  readonly tagPeople: boolean;
  readonly offsetUnit: NerdOffsetUnit;
  readonly relevanceShape: NerdRelevanceShape;
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
export function findEntities(text: string): Match[] {
  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const matches: Match[] = [];
  for (const { alias, entry } of ALIASES) {
    for (let from = text.indexOf(alias); from !== -1; from = text.indexOf(alias, from + 1)) {
      const end = from + alias.length;
      if (isWordAt(text, from - 1, -1) || isWordAt(text, end, 1)) continue;
      if (taken.slice(from, end).some(Boolean)) continue;
      taken.fill(true, from, end);
      matches.push({ start: from, end, entry });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/**
 * Whether the code point at UTF-16 index `i` (stepping back over a surrogate pair when `dir` is
 * -1) is a letter or digit: a letter outside the BMP (𝐀) is a word character too.
 */
function isWordAt(text: string, i: number, dir: -1 | 1): boolean {
  if (i < 0 || i >= text.length) return false;
  const at = dir === -1 && i > 0 && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? i - 1 : i;
  return WORD.test(String.fromCodePoint(text.codePointAt(at)!));
}

/** Deterministic score in (0.5, 1) from a string, so answers are stable across runs. */
function score(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return Math.round((0.5 + ((h >>> 0) % 4900) / 10000) * 1000) / 1000;
}

/** For each UTF-16 index of `text` (and its end), the number of code points before it. */
function codePointIndex(text: string): Uint32Array {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: count it at the low half.
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00)) cp++;
  }
  map[text.length] = cp;
  return map;
}

/** Which spans a knowledge base links: wikimedia all; capiq organisations, and people only with tag_people. */
function inKb(entry: DictionaryEntry, kb: 'wikimedia' | 'capiq', tagPeople: boolean): boolean {
  if (kb === 'wikimedia') return true;
  return entry.nerType === 'ORG' || (entry.nerType === 'PERSON' && tagPeople && entry.capiq !== undefined);
}

/** Annotates `text` against one knowledge base. */
export function annotate(text: string, kb: 'wikimedia' | 'capiq', options: AnnotateOptions): WireKbResult {
  const matches = findEntities(text).filter((m) => inKb(m.entry, kb, options.tagPeople));
  const cps = options.offsetUnit === 'codepoint' ? codePointIndex(text) : undefined;
  const relevance = new Map<string, { id: string | number; score: number }>();
  const annotations = matches.map((m) => {
    const span = text.slice(m.start, m.end);
    const link = kb === 'wikimedia' ? m.entry.wikimedia : (m.entry.capiq ?? null);
    if (link) relevance.set(String(link.id), { id: link.id, score: score(`${String(link.id)}|${text.length}`) });
    return {
      start_index: cps ? cps[m.start]! : m.start,
      end_index: cps ? cps[m.end]! : m.end,
      text: span,
      ner_score: score(`ner|${span}`),
      ned_score: link ? score(`ned|${span}|${kb}`) : null,
      // CapIQ's ner_type is always ORG [doc], a person tagged with tag_people included: the
      // knowledge base's entity_type (PERSON) is what tells people apart.
      ner_type: kb === 'capiq' ? 'ORG' : m.entry.nerType,
      entity_label: link?.label ?? null,
      entity_type: link?.type ?? null,
      entity_kb_id: link?.id ?? null,
    };
  });
  return { knowledge_base: kb, annotations, entity_relevance_scores: relevanceOf(relevance, options.relevanceShape) };
}

function relevanceOf(scores: Map<string, { id: string | number; score: number }>, shape: NerdRelevanceShape): WireKbResult['entity_relevance_scores'] {
  const entries = [...scores];
  if (shape === 'list') return entries.map(([key, s]) => ({ [key]: s.score }));
  if (shape === 'flat') return Object.fromEntries(entries.map(([key, s]) => [key, s.score]));
  return Object.fromEntries(entries.map(([key, s]) => [key, { relevance_score: s.score, entity_id: s.id }]));
}
