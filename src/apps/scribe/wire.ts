/** Scribe's JSON transcript (UPSTREAMS-MORE §1.3), normalised. The spec marks nothing required, so every field is read leniently. */

/** One token of a segment. */
export interface TranscriptWordModel {
  readonly text: string;
  readonly confidence: number | null;
  readonly startMs: number;
  readonly durationMs: number;
  /** Scribe's `align_success`: false means the times are approximate. */
  readonly timed: boolean;
}

/** One slice: most likely one speaker's utterance. */
export interface TranscriptSegmentModel {
  readonly text: string;
  readonly confidence: number | null;
  readonly startMs: number;
  readonly durationMs: number;
  readonly speakerId: number | null;
  readonly speakerConfidence: number | null;
  readonly words: readonly TranscriptWordModel[];
}

/** A speaker derived from the slices (Scribe gives no speaker list). */
export interface TranscriptSpeakerModel {
  readonly id: number;
  /** False for Scribe's negative ids: a speaker it is not sure it heard before. */
  readonly known: boolean;
  readonly speakingMs: number;
}

/** A finished transcript as the schema's `Transcript` shows it. */
export interface TranscriptModel {
  readonly text: string;
  readonly confidence: number | null;
  /** End of the last segment (Scribe gives no media duration). */
  readonly durationMs: number | null;
  readonly speakers: readonly TranscriptSpeakerModel[];
  readonly segments: readonly TranscriptSegmentModel[];
}

/** Where a Scribe job stands: from HEAD (202 running, 200 done) and, once done, one GET. */
export interface TranscriptionState {
  readonly id: string;
  readonly status: 'PENDING' | 'SUCCESS' | 'FAILED';
  readonly error: string | null;
  /** Scribe's `Expires` header as ISO 8601: after it the result is gone. */
  readonly expiresAt: string | null;
  readonly transcript: TranscriptModel | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown): number => Math.max(0, Math.round(num(v) ?? 0));
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Parses Scribe's `jsonTranscript`; `transcript` is kept as sent, never rebuilt from the slices. */
export function parseTranscript(body: unknown): TranscriptModel {
  const t = obj(body);
  const segments: TranscriptSegmentModel[] = list(t.slice_meta).map((raw) => {
    const s = obj(raw);
    const speaker = num(s.speaker_id);
    return {
      text: str(s.transcript),
      confidence: num(s.accuracy),
      startMs: int(s.start_ms),
      durationMs: int(s.duration_ms),
      speakerId: speaker === null ? null : Math.trunc(speaker),
      speakerConfidence: num(s.speaker_accuracy),
      words: list(s.token_meta).map((rawWord) => {
        const w = obj(rawWord);
        return { text: str(w.transcript), confidence: num(w.accuracy), startMs: int(w.start_ms), durationMs: int(w.duration_ms), timed: w.align_success === true };
      }),
    };
  });
  const speakers = new Map<number, number>();
  for (const s of segments) if (s.speakerId !== null) speakers.set(s.speakerId, (speakers.get(s.speakerId) ?? 0) + s.durationMs);
  return {
    text: str(t.transcript),
    confidence: num(t.accuracy),
    durationMs: segments.length > 0 ? Math.max(...segments.map((s) => s.startMs + s.durationMs)) : null,
    speakers: [...speakers].map(([id, speakingMs]) => ({ id, known: id >= 0, speakingMs })),
    segments,
  };
}

/** An HTTP date header as ISO 8601, or null. */
export function expiresAt(header: string | null): string | null {
  if (!header) return null;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
