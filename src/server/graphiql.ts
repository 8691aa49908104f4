import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { UPSTREAM_APPS, appNames } from '../apps/registry.js';

/**
 * The playground's default tabs, in order: each app's tab (`src/apps/<app>/playground.graphql`)
 * in registry order, the first one under a header naming every app.
 */
export function playgroundTabs(): readonly string[] {
  const tabs = UPSTREAM_APPS.flatMap((app) => (app.playground ? [readFileSync(app.playground, 'utf8')] : []));
  const header = `# Kensho Gateway: one GraphQL endpoint for ${appNames()}.\n# One tab per app: see the tabs above.\n`;
  return tabs.map((tab, i) => (i === 0 ? header + tab : tab));
}

export interface GraphiqlPage {
  readonly html: Buffer;
  readonly gzip: Buffer;
}

let page: Promise<GraphiqlPage> | undefined;

/**
 * The playground: GraphiQL with every script, style and editor worker inlined, so it works
 * with no internet (Apollo's landing pages load from a CDN). About 9 MB raw, 2.4 MB gzipped;
 * rendered on first use and kept. Its renderer is loaded then too: the module holds the
 * bundle as a 10 MB string (and its 18 MB source), which a gateway serving no playground (the
 * production default) never keeps on its heap.
 */
export function graphiqlPage(): Promise<GraphiqlPage> {
  page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => {
    const html = renderGraphiQL({
      endpoint: '/graphql',
      title: 'Kensho Gateway',
      defaultQuery: playgroundTabs()[0],
      defaultTabs: playgroundTabs().map((query) => ({ query })),
      subscriptionsProtocol: 'WS',
    });
    const buffer = Buffer.from(html, 'utf8');
    return { html: buffer, gzip: gzipSync(buffer) };
  }).catch((error: unknown) => {
    page = undefined;
    throw error;
  });
  return page;
}
