import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { listFieldUpstreams } from '../../src/schema/upstream-directive.js';

describe('schema scope metadata', () => {
  const gateway = createGateway(loadConfig({}), { logger: createLogger('silent') });
  const upstreams = listFieldUpstreams(gateway.schema);

  it('declares an upstream on every root field except the gateway facts, so none bypasses authorization', () => {
    for (const root of [gateway.schema.getQueryType()!, gateway.schema.getMutationType()!, gateway.schema.getSubscriptionType()!]) {
      for (const name of Object.keys(root.getFields())) {
        if (root.name === 'Query' && name === 'gateway') continue;
        expect(upstreams.has(`${root.name}.${name}`), `${root.name}.${name} has no @upstream`).toBe(true);
      }
    }
  });

  it('gives Kensho fields their app scope and Skykit fields none', () => {
    expect(upstreams.get('Query.annotateText')).toEqual({ app: 'nerd', scope: 'kensho:app:nerd' });
    expect(upstreams.get('Subscription.extractionUpdated')).toEqual({ app: 'extract', scope: 'kensho:app:extract' });
    // Nested fields that reach another upstream declare it too: entities of an Extract document come from NERD.
    expect(upstreams.get('ContentNode.entities')).toEqual({ app: 'nerd', scope: 'kensho:app:nerd' });
    expect(upstreams.get('ExtractedDocument.entities')).toEqual({ app: 'nerd', scope: 'kensho:app:nerd' });
    for (const [field, upstream] of upstreams) {
      if (upstream.app === 'skykit') expect(upstream.scope, field).toBe('');
      else expect(upstream.scope, field).toBe(`kensho:app:${upstream.app}`);
    }
  });
});
