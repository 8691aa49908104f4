import { Agent, setGlobalDispatcher } from 'undici';

/**
 * The tests' own HTTP client (global fetch) opens a connection per request instead of keeping
 * idle ones: a gateway closes a keep-alive connection after 5 s of quiet (server.keepAliveTimeout)
 * while the client, its timers late on a loaded machine, may send on it at that moment and read
 * "other side closed". A fresh connection per request takes that race out of every verdict.
 * The gateway's upstream calls use its own Agent and are not affected (dispatcher.test.ts).
 */
setGlobalDispatcher(new Agent({ pipelining: 0 }));
