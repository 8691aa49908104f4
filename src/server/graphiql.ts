import { gzipSync } from 'node:zlib';

const DEFAULT_QUERY = `# Kensho Gateway: one GraphQL endpoint for Kensho NERD, Extract, Scribe, Link, kFinance and Skykit.
# One tab per app: see the tabs above.
# Press the run button (or Ctrl-Enter) to annotate a text with Kensho NERD.
# PDFs go to Kensho Extract with submitExtraction, a multipart upload (see the README: curl or
# apollo-upload-client); then follow the job here with awaitExtraction(id: "…") or the
# subscription extractionUpdated(id: "…"), and query its document, tables and entities.
query AnnotateText {
  annotateText(
    text: "Kensho Technologies, part of S&P Global, works with Apple and Microsoft from Cambridge and New York."
    knowledgeBases: [WIKIMEDIA, CAPIQ]
  ) {
    knowledgeBase
    annotations {
      text
      startIndex
      endIndex
      nerType
      entity { kbId label type }
    }
  }
}
`;

/** One tab per Kensho app, so each is a click away in the playground (the first tab above runs NERD). */
const APP_TABS: readonly string[] = [
  `# Kensho NERD + kFinance: the CapIQ companies named in a text, with their kFinance data.
query CompaniesInText {
  annotateText(text: "Apple and Microsoft met S&P Global and Kensho in Cambridge.", knowledgeBases: [CAPIQ]) {
    annotations {
      text
      entity { kbId label company { name ticker country } }
    }
  }
}
`,
  `# Kensho Link: match company records to Capital IQ ids, then on to kFinance.
query LinkRecords {
  linkCompanies(records: [{ uid: "1", name: "S&P Global Inc.", countryIso3: "USA" }, { uid: "2", name: "Toyota Motor Corp", countryIso3: "JPN" }], topN: 2) {
    uid
    candidates { kbId score kbName company { name ticker } }
  }
}
`,
  `# Kensho Scribe: upload audio with submitTranscription (a multipart upload: see docs/scribe.md),
# then wait for it here; paste the id it returned.
query AwaitTranscription {
  awaitTranscription(id: "paste-the-transcription-id", timeoutSeconds: 30) {
    status
    transcript { text segments { speakerId startMs text } }
  }
}
`,
  `# Skykit: digital-signage devices, 5 at a time, with their tenants.
query Devices {
  skykitDevices(first: 5) {
    edges { node { id serialNumber model contentPending tenant { code name } } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
];

/** The playground's default tabs, in order (the first one is the default query). */
export function playgroundTabs(): readonly string[] {
  return [DEFAULT_QUERY, ...APP_TABS];
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
      defaultQuery: DEFAULT_QUERY,
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
