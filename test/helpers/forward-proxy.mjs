// A minimal HTTP forward proxy, run as its own process by test/helpers/proxy.ts so the gateway
// reaches it over a real socket as it would a corporate proxy. Written by hand (no dependency):
// it is ~60 lines of test scaffolding. It handles CONNECT tunnels (https upstreams) and
// absolute-form requests (plain-http upstreams), optionally demands Basic credentials
// (PROXY_AUTH="user:password"), and prints one JSON line per forwarded request or tunnel, with
// the local port of its upstream socket, so a test can match the calls the upstream received.
import { createServer, request } from 'node:http';
import { connect } from 'node:net';

const expected = process.env.PROXY_AUTH ? `Basic ${Buffer.from(process.env.PROXY_AUTH).toString('base64')}` : undefined;
const report = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const authorized = (headers) => expected === undefined || headers['proxy-authorization'] === expected;

const server = createServer((req, res) => {
  if (!authorized(req.headers)) {
    report({ kind: 'refused', target: req.url });
    res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
    return;
  }
  let target;
  try {
    target = new URL(req.url);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const headers = { ...req.headers };
  delete headers['proxy-authorization'];
  delete headers['proxy-connection'];
  const upstream = request(target, { method: req.method, headers, agent: false }, (answer) => {
    report({ kind: 'forward', method: req.method, target: `${target.host}${target.pathname}`, localPort: upstream.socket.localPort, userAgent: req.headers['user-agent'] });
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
});

server.on('connect', (req, socket, head) => {
  socket.on('error', () => undefined);
  if (!authorized(req.headers)) {
    report({ kind: 'refused', target: req.url });
    socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
    return;
  }
  const { hostname, port } = new URL(`http://${req.url}`);
  const upstream = connect(Number(port || 443), hostname.replace(/^\[|\]$/g, ''), () => {
    report({ kind: 'tunnel', target: req.url, localPort: upstream.localPort });
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
});

server.listen(0, '127.0.0.1', () => report({ kind: 'listening', port: server.address().port }));
