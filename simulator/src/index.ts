/**
 * @kensho-gateway/simulator: a faithful local stand-in for the upstreams of Kensho Gateway (Okta,
 * the Kensho refresh endpoints, NERD, Extract, Scribe, Link, kFinance and Skykit) on one
 * node:http server. What the gateway's CLI and its tests use is exported here.
 */
export { startSimulator, type InjectedFault, type RandomFault, type RecordedCall, type SimApp, type Simulator, type SimulatorKnobs, type SimulatorOptions } from './server.js';
export type { RefreshApp } from './routes.js';
export { runSimulator } from './main.js';
export { DEMO_EXAMPLES, SAMPLE_PDF, prepareDemo, type DemoSummary } from './demo.js';
export { verifySkykitJwt } from './skykit-auth.js';
export { CONTENTS, createSkykitFleet } from './skykit-fleet.js';
export { DEFAULT_SKYKIT_NOT_FOUND, type SkykitNotFound, type SkykitUpdateAnswer } from './skykit.js';
export { normalise, similarity, type LinkAnswerShape } from './link.js';
export { transcribe, wavDurationMs } from './scribe.js';
export { buildKfinanceDataset, micros } from './kfinance-data.js';
