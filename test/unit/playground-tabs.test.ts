import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { playgroundTabs } from '../../src/server/graphiql.js';

describe('the playground tabs', () => {
  it('give every app a tab whose query is valid against the schema the gateway serves', () => {
    const gateway = createGateway(loadConfig({ NODE_ENV: 'test' }), { logger: createLogger('silent') });
    const tabs = playgroundTabs();
    for (const query of tabs) expect(validate(gateway.schema, parse(query)).map((e) => e.message), query.split('\n')[0]).toEqual([]);
    const fields = tabs.join('\n');
    for (const field of ['annotateText', 'company', 'linkCompanies', 'awaitTranscription', 'skykitDevices']) expect(fields).toContain(field);
  });
});
