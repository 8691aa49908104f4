import { buildSchema, isEnumType } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALLER_SCOPES, CREDENTIAL_VARIABLES, appTokenVariables } from '../../src/config/load.js';
import { loadTypeDefs } from '../../src/schema/load.js';
import { UPSTREAM_APPS } from '../../src/upstreams/registry.js';

describe('upstream app registry', () => {
  it('has one definition per value of the schema enum UpstreamApp, and no other', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const type = schema.getType('UpstreamApp');
    expect(type && isEnumType(type)).toBe(true);
    const values = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
    expect(UPSTREAM_APPS.map((app) => app.enumValue).sort()).toEqual([...values].sort());
  });

  it('gives every app a distinct key and enum value, a name and a not-configured hint', () => {
    expect(new Set(UPSTREAM_APPS.map((app) => app.key)).size).toBe(UPSTREAM_APPS.length);
    expect(new Set(UPSTREAM_APPS.map((app) => app.enumValue)).size).toBe(UPSTREAM_APPS.length);
    for (const app of UPSTREAM_APPS) {
      expect(app.name, app.key).not.toBe('');
      expect(app.hint, app.key).toMatch(/^set /);
    }
  });

  it('is where every list of apps comes from: caller scopes, credential variables, docs/security.md', () => {
    const scopes = UPSTREAM_APPS.map((app) => app.scope || app.key);
    expect([...CALLER_SCOPES].sort()).toEqual([...scopes, '*'].sort());
    for (const app of UPSTREAM_APPS.filter((a) => a.scope !== '')) {
      expect(CREDENTIAL_VARIABLES, app.key).toEqual(expect.arrayContaining(Object.values(appTokenVariables(app.key))));
    }
    // The security document names each caller scope where it says what a caller may use.
    const security = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    const paragraph = /\*\*What a caller may use\.\*\*[\s\S]*?(?=\n- \*\*)/.exec(security)?.[0] ?? '';
    expect(scopes.filter((scope) => !paragraph.includes(`\`${scope}\``))).toEqual([]);
  });

  it('lists the apps in the order gateway { upstreams } shows them', () => {
    expect(UPSTREAM_APPS.map((app) => app.key)).toEqual(['nerd', 'extract', 'skykit', 'link', 'scribe', 'kfinance']);
  });
});
