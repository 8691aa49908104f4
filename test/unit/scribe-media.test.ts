import { describe, expect, it } from 'vitest';
import { checkMediaUrl, sniffMediaType } from '../../src/apps/scribe/media.js';
import { expiresAt, parseTranscript } from '../../src/apps/scribe/wire.js';

describe('Scribe media sniffing', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  it.each([
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['FLAC', bytes('fLaC', [0, 0, 0, 34]), 'audio/flac'],
    ['MP3 with ID3', bytes('ID3', [4, 0, 0]), 'audio/mpeg'],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['AAC (ADTS)', bytes([0xff, 0xf1, 0x50, 0x80]), 'audio/aac'],
    ['M4A', bytes([0, 0, 0, 32], 'ftypM4A ', [0, 0, 0, 0]), 'audio/m4a'],
    ['MP4', bytes([0, 0, 0, 32], 'ftypisom', [0, 0, 2, 0]), 'video/mp4'],
  ])('recognises %s', (_name, head, type) => {
    expect(sniffMediaType(head)).toBe(type);
  });

  it.each([
    ['Ogg', bytes('OggS', [0, 2])],
    ['WebM (MediaRecorder)', bytes([0x1a, 0x45, 0xdf, 0xa3])],
    ['a PDF', bytes('%PDF-1.7')],
    ['nothing', bytes('')],
  ])('refuses %s', (_name, head) => {
    expect(sniffMediaType(head)).toBeUndefined();
  });

  it('takes http(s) URLs only, without credentials, under 2048 characters', () => {
    expect(checkMediaUrl('https://bucket.example/a.mp3?sig=1')).toBe('https://bucket.example/a.mp3?sig=1');
    for (const bad of ['file:///etc/passwd', 'ftp://x/a.wav', '/relative.wav', 'https://u:p@x/a.wav', `https://x/${'a'.repeat(2048)}`]) {
      expect(() => checkMediaUrl(bad), bad).toThrow(/mediaUrl/);
    }
  });

  it('refuses loopback, link-local, private and localhost hosts unless allowed; public ones pass', () => {
    const privateHosts = ['127.0.0.1', '127.1', '0x7f.1', 'localhost', 'LOCALHOST.', 'a.b.localhost', '169.254.169.254', '10.0.0.1', '172.31.255.255', '192.168.0.1', '100.127.0.1', '0.0.0.0', '[::]', '[::1]', '[::127.0.0.1]', '[::ffff:169.254.169.254]', '[fe80::1]', '[fc00::1]', '[fd12:3456::1]'];
    for (const host of privateHosts) {
      const url = `http://${host}/a.wav`;
      expect(() => checkMediaUrl(url), url).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ reason: 'PRIVATE_MEDIA_URL' }) }));
      expect(checkMediaUrl(url, { allowPrivate: true })).toBe(url);
    }
    for (const host of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '[2001:db8::1]', 'localhost.example.com', 'bucket.s3.amazonaws.com']) {
      expect(checkMediaUrl(`https://${host}/a.wav`)).toBe(`https://${host}/a.wav`);
    }
  });
});

describe('Scribe transcript parsing', () => {
  it('derives speakers and duration, and reads every field leniently (the spec marks none required)', () => {
    const t = parseTranscript({
      transcript: 'Hello world. Who?',
      accuracy: 0.9,
      slice_meta: [
        { transcript: 'Hello world.', accuracy: 0.95, start_ms: 0, duration_ms: 2000, speaker_id: 0, speaker_accuracy: 1, token_meta: [{ transcript: 'Hello', start_ms: 0, duration_ms: 900, align_success: true }, { transcript: 'world.', align_success: false }] },
        { transcript: 'Who?', start_ms: 2000, duration_ms: 500, speaker_id: -1, token_meta: null },
        { transcript: null, accuracy: null, start_ms: null, duration_ms: null, speaker_id: null, token_meta: [] },
      ],
    });
    expect(t.text).toBe('Hello world. Who?');
    expect(t.durationMs).toBe(2500);
    expect(t.speakers).toEqual([{ id: 0, known: true, speakingMs: 2000 }, { id: -1, known: false, speakingMs: 500 }]);
    expect(t.segments[0]!.words[1]).toEqual({ text: 'world.', confidence: null, startMs: 0, durationMs: 0, timed: false });
    expect(t.segments[1]!.words).toEqual([]);
    expect(t.segments[2]).toMatchObject({ text: '', startMs: 0, speakerId: null });
    expect(parseTranscript(null)).toEqual({ text: '', confidence: null, durationMs: null, speakers: [], segments: [] });
  });

  it('reads Expires as ISO 8601, null when absent or malformed', () => {
    expect(expiresAt('Wed, 02 Dec 2026 10:00:00 GMT')).toBe('2026-12-02T10:00:00.000Z');
    expect(expiresAt(null)).toBeNull();
    expect(expiresAt('soon')).toBeNull();
  });
});
