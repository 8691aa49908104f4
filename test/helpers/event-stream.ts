/** One event of a text/event-stream: its name and its data parsed as JSON (null when empty). */
export interface StreamEvent {
  readonly event: string;
  readonly data: unknown;
}

/** An answer of /graphql/stream read with plain fetch: status, headers and its events as they arrive. */
export interface OpenedStream {
  readonly status: number;
  readonly headers: Headers;
  /** The events (comments, graphql-sse's keep-alive pings, skipped); the text of a refusal instead when it is not a stream. */
  readonly events: AsyncIterableIterator<StreamEvent>;
  readonly text: () => Promise<string>;
}

/**
 * Sends one request with fetch and reads the answer as the Server-Sent Events specification
 * reads an event stream (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines up to a blank line make one event, `event:` names it, `data:` carries it, `:` starts a comment.
 */
export async function openStream(url: string, init: RequestInit): Promise<OpenedStream> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, events: readEvents(res), text: () => res.text() };
}

async function* readEvents(res: Response): AsyncIterableIterator<StreamEvent> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (block.split('\n').every((l) => l.startsWith(':') || l === '')) continue;
      const text = data.join('\n');
      yield { event, data: text === '' ? null : (JSON.parse(text) as unknown) };
    }
  }
}

/** Every event until the stream ends. */
export async function allEvents(stream: OpenedStream): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of stream.events) events.push(e);
  return events;
}
