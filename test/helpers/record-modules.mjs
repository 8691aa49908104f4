// Loaded with `node --import` before a process under test: records the URL of every module the
// process resolves, and at exit writes them (and whether JSON and Array.prototype.push are still
// the built-ins) to the file named by RECORD_MODULES_FILE.
import { register } from 'node:module';
import { writeFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';

const builtins = { stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push };
const loaded = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => loaded.add(url));
port1.unref();
const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });

process.on('exit', () => {
  const file = process.env.RECORD_MODULES_FILE;
  if (!file) return;
  writeFileSync(
    file,
    JSON.stringify({
      modules: [...loaded],
      builtinsIntact: builtins.stringify === JSON.stringify && builtins.parse === JSON.parse && builtins.push === Array.prototype.push,
    }),
  );
});
