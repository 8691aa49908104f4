import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PATIENCE_MS } from './patience.js';

/** One span as an OTLP trace export carried it, ids in hex. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** The resource's service.name. */
  readonly serviceName: string | undefined;
}

/** An OTLP/HTTP trace receiver on loopback: what a collector would be, keeping every span. */
export interface OtlpReceiver {
  /** The base URL (OTEL_EXPORTER_OTLP_ENDPOINT); exports arrive at /v1/traces. */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  /** The content types of the exports received, in order. */
  readonly contentTypes: string[];
  /** Waits until `done(spans)` holds (checked as exports arrive), or fails after `ms` (a hang bound, PATIENCE_MS). */
  until(done: (spans: readonly ReceivedSpan[]) => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the receiver: OTLP/HTTP JSON (`http/json`) and protobuf (`http/protobuf`, decoded by
 * hand for the fields the tests read: https://github.com/open-telemetry/opentelemetry-proto,
 * trace/v1/trace.proto).
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const type = String(req.headers['content-type'] ?? '');
      contentTypes.push(type);
      if (req.url === '/v1/traces') spans.push(...(type.includes('json') ? fromJson(JSON.parse(body.toString('utf8'))) : fromProtobuf(body)));
      for (const wake of waiters) wake();
      if (type.includes('json')) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    until(done, ms = PATIENCE_MS) {
      if (done(spans)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`spans not received within ${ms} ms; got: ${spans.map((s) => s.name).join(', ')}`));
        }, ms);
        const check = () => {
          if (!done(spans)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type JsonValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type JsonAttribute = { key: string; value: JsonValue };
interface JsonExport {
  resourceSpans?: Array<{ resource?: { attributes?: JsonAttribute[] }; scopeSpans?: Array<{ spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: JsonAttribute[] }> }> }>;
}

function jsonAttributes(list: JsonAttribute[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of list ?? []) out[key] = value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.doubleValue ?? ''));
  return out;
}

function fromJson(body: JsonExport): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((rs) => {
    const serviceName = jsonAttributes(rs.resource?.attributes)['service.name'] as string | undefined;
    return (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? '', name: s.name, attributes: jsonAttributes(s.attributes), serviceName })),
    );
  });
}

/** The fields of one protobuf message: number → values (varints as bigint, length-delimited as bytes). */
function fields(buf: Buffer): Map<number, Array<bigint | Buffer>> {
  const out = new Map<number, Array<bigint | Buffer>>();
  let i = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buf[i++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >> 3;
    let value: bigint | Buffer;
    switch (key & 7) {
      case 0:
        value = varint();
        break;
      case 1:
        value = buf.subarray(i, (i += 8));
        break;
      case 2: {
        const length = Number(varint());
        value = buf.subarray(i, (i += length));
        break;
      }
      case 5:
        value = buf.subarray(i, (i += 4));
        break;
      default:
        throw new Error(`unexpected wire type ${key & 7}`);
    }
    out.set(no, [...(out.get(no) ?? []), value]);
  }
  return out;
}

const bytes = (m: Map<number, Array<bigint | Buffer>>, no: number): Buffer[] => (m.get(no) ?? []).filter((v): v is Buffer => Buffer.isBuffer(v));

function protobufAttributes(list: Buffer[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const kv of list) {
    const f = fields(kv);
    const key = bytes(f, 1)[0]?.toString('utf8') ?? '';
    const any = fields(bytes(f, 2)[0] ?? Buffer.alloc(0));
    const str = bytes(any, 1)[0];
    const bool = any.get(2)?.[0];
    const int = any.get(3)?.[0];
    out[key] = str !== undefined ? str.toString('utf8') : typeof bool === 'bigint' ? bool === 1n : typeof int === 'bigint' ? Number(int) : '';
  }
  return out;
}

function fromProtobuf(body: Buffer): ReceivedSpan[] {
  return bytes(fields(body), 1).flatMap((resourceSpans) => {
    const rs = fields(resourceSpans);
    const resource = fields(bytes(rs, 1)[0] ?? Buffer.alloc(0));
    const serviceName = protobufAttributes(bytes(resource, 1))['service.name'] as string | undefined;
    return bytes(rs, 2).flatMap((scopeSpans) =>
      bytes(fields(scopeSpans), 2).map((span) => {
        const s = fields(span);
        return {
          traceId: bytes(s, 1)[0]?.toString('hex') ?? '',
          spanId: bytes(s, 2)[0]?.toString('hex') ?? '',
          parentSpanId: bytes(s, 4)[0]?.toString('hex') ?? '',
          name: bytes(s, 5)[0]?.toString('utf8') ?? '',
          attributes: protobufAttributes(bytes(s, 9)),
          serviceName,
        };
      }),
    );
  });
}
