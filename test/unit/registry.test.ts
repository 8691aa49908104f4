import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
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

  it('lists the apps in the order gateway { upstreams } shows them', () => {
    expect(UPSTREAM_APPS.map((app) => app.key)).toEqual(['nerd', 'extract', 'skykit', 'link', 'scribe', 'kfinance']);
  });
});
