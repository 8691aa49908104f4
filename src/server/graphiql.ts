import { gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const DEFAULT_QUERY = `# Kensho Gateway: one GraphQL endpoint for Kensho NERD, Extract and Skykit.
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


export interface GraphiqlPage {
  readonly html: Buffer;
  readonly gzip: Buffer;
}

let page: GraphiqlPage | undefined;

/**
 * The playground: GraphiQL with every script, style and editor worker inlined, so it works
 * with no internet (Apollo's landing pages load from a CDN). About 9 MB raw, 2.4 MB gzipped;
 * rendered on first use and kept.
 */
export function graphiqlPage(): GraphiqlPage {
  if (!page) {
    const html = renderGraphiQL({
      endpoint: '/graphql',
      title: 'Kensho Gateway',
      defaultQuery: DEFAULT_QUERY,
      subscriptionsProtocol: 'WS',
    });
    const buffer = Buffer.from(html, 'utf8');
    page = { html: buffer, gzip: gzipSync(buffer) };
  }
  return page;
}
