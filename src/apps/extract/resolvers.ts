import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import { BadUserInputError, GatewayError } from '../../errors.js';
import type { ContentType, ExtractionOptions, ExtractionOutputFormat, Resolvers } from '../../generated/resolvers-types.js';
import { appClients, type AppContext } from '../context.js';
import { fieldUpstream } from '../field-upstream.js';
import { DEFAULT_FORMAT, NOT_FOR_UPLOAD_URL, type ExtractSubmitOptions } from './client.js';
import { DocumentModel } from './document.js';
import { inspectUpload } from './upload.js';
import type { ExtractionState, OutputFormatWire } from './wire.js';
import type { NerdAnnotation, NerdKbResult, NerdKnowledgeBase } from '../nerd/wire.js';
import { wireKnowledgeBases } from '../nerd/resolvers.js';
import { missingUploadError } from '../../graphql/missing-upload.js';
import { extractSettings } from './settings.js';

const FORMAT_TO_WIRE: Record<ExtractionOutputFormat, OutputFormatWire> = {
  STRUCTURED_DOCUMENT: 'structured_document',
  WITH_LOCATIONS: 'structured_document_with_locations',
  WITH_CHARACTER_OFFSETS: 'structured_document_with_char_offsets',
};
const FORMAT_FROM_WIRE = Object.fromEntries(Object.entries(FORMAT_TO_WIRE).map(([k, v]) => [v, k])) as Record<OutputFormatWire, ExtractionOutputFormat>;

const CONTENT_TYPES = new Set<string>([
  'DOCUMENT', 'TITLE', 'TEXT', 'TABLE', 'TABLE_CELL', 'PARAGRAPH', 'H1', 'H2', 'H3', 'H4', 'H5', 'TABLE_TITLE', 'FIGURE_TITLE',
  'PAGE_HEADER', 'PAGE_FOOTER', 'PAGE_FOOTNOTE', 'TABLE_CAPTION', 'TABLE_FOOTER', 'FIGURE_CAPTION', 'IMAGE_CAPTION', 'TABLE_OF_CONTENTS',
  'FIGURE', 'IMAGE', 'BAR_CHART', 'LINE_PLOT', 'PIE_CHART', 'SCATTER_PLOT', 'FIGURE_EXTRACTED_TABLE', 'FIGURE_EXTRACTED_TABLE_CELL',
]);

/** Pages as Extract takes them: 1-based numbers and ranges, comma separated ("1-5,7,14-16"). */
const PAGES = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
/**
 * Extract's request ids are UUIDs (UPSTREAMS §2: `{"request_id": "<uuid>"}`). Anything else is
 * refused before it reaches a URL: not only path-like ids ("..", "/") but words such as
 * `upload-url` or `download-url`, which would address another Extract endpoint.
 */
const ID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** One model per output object, shared by every field resolved from it. */
const documents = new WeakMap<object, DocumentModel>();
function documentOf(state: ExtractionState): DocumentModel | null {
  if (!state.output) return null;
  let doc = documents.get(state.output);
  if (!doc) documents.set(state.output, (doc = new DocumentModel(state.output, state.format)));
  return doc;
}

function contentType(type: string): ContentType {
  return (CONTENT_TYPES.has(type) ? type : 'OTHER') as ContentType;
}

function checkId(id: string): string {
  if (!ID.test(id)) throw new BadUserInputError('id is not an extraction id (Extract request ids are UUIDs)', { argument: 'id' });
  return id;
}

/** Validates the options and maps them to Extract's form fields (UPSTREAMS §2). */
export function submitOptions(options: ExtractionOptions | null | undefined): ExtractSubmitOptions {
  const o = options ?? {};
  let pages: string | undefined;
  if (o.pages != null) {
    pages = o.pages.replace(/\s+/g, '');
    const ranges = PAGES.test(pages) ? pages.split(',').map((r) => r.split('-').map(Number)) : undefined;
    if (!ranges || ranges.some(([a, b]) => a! < 1 || (b !== undefined && b < a!))) {
      throw new BadUserInputError(`pages "${o.pages.slice(0, 100)}" is not a page list like "1-5,7,14-16" (1-based, ranges ascending)`, { argument: 'options.pages' });
    }
  }
  if (o.documentId != null && (o.documentId.length === 0 || o.documentId.length > 256)) {
    throw new BadUserInputError('documentId must be 1 to 256 characters', { argument: 'options.documentId' });
  }
  const documentType = o.documentType ?? 'GENERAL';
  return {
    document_type: documentType === 'HIERARCHICAL_V2' ? 'hierarchical_v2' : documentType === 'HIERARCHICAL' ? 'hierarchical' : 'general',
    ocr: o.ocr ?? false,
    enhanced_table_extraction: o.enhancedTableExtraction ?? false,
    ...(o.figureExtraction != null ? { figure_extraction: o.figureExtraction } : {}),
    ...(o.includeImages != null ? { include_images: o.includeImages } : {}),
    ...(o.includeRelations != null ? { include_relations: o.includeRelations } : {}),
    ...(o.documentId != null ? { document_id: o.documentId } : {}),
    // Extract documents only "low"; HIGH (deprecated) means its normal priority: no field.
    ...(o.priority === 'LOW' ? { priority: 'low' as const } : {}),
    ...(pages !== undefined ? { pages } : {}),
    ...(o.returnAbsolutePageNumbers != null ? { return_absolute_pdf_page_numbers: o.returnAbsolutePageNumbers } : {}),
  };
}

/** The GraphQL names of the options upload-url cannot carry. */
const OPTION_NAMES: Record<(typeof NOT_FOR_UPLOAD_URL)[number], keyof ExtractionOptions> = {
  include_images: 'includeImages',
  include_relations: 'includeRelations',
  return_absolute_pdf_page_numbers: 'returnAbsolutePageNumbers',
};

/**
 * Refuses, naming it, an option that a file going through upload-url would lose (that call does
 * not document it): better a clear error than a document silently without what was asked for.
 */
function checkUploadUrlOptions(options: ExtractSubmitOptions, thresholdBytes: number): void {
  const unsupported = NOT_FOR_UPLOAD_URL.find((name) => options[name] === true);
  if (!unsupported) return;
  const option = OPTION_NAMES[unsupported];
  throw new BadUserInputError(
    `${option} cannot be used for a file over ${thresholdBytes} bytes: such files go through Kensho Extract's upload-url call, which has no ${unsupported} option. Leave ${option} out, or send a smaller file`,
    { argument: `options.${option}`, reason: 'NOT_SUPPORTED_FOR_LARGE_FILES', uploadUrlThresholdBytes: thresholdBytes },
  );
}

function extractOf(ctx: AppContext) {
  const { extract, extractWatcher, extractUploads } = appClients(ctx.services, 'extract');
  return { extract, watcher: extractWatcher, extractUploads };
}

/** Entities of several texts (one node or the segments of the document), merged per knowledge base with shifted offsets. */
export async function entitiesOf(ctx: AppContext, scope: string, knowledgeBases: NerdKnowledgeBase[], pieces: ReadonlyArray<{ text: string; start: number }>): Promise<NerdKbResult[]> {
  const results = await ctx.loaders.textEntities.loadMany(pieces.map((p) => ({ scope, knowledgeBases, text: p.text })));
  const merged = knowledgeBases.map((kb) => ({ knowledgeBase: kb, annotations: [] as NerdAnnotation[], relevance: new Map<string, number>() }));
  results.forEach((result, i) => {
    if (result instanceof Error) throw result;
    for (const r of result) {
      const target = merged.find((m) => m.knowledgeBase === r.knowledgeBase);
      if (!target) continue;
      const shift = (at: number | null) => (at === null ? null : at + pieces[i]!.start);
      for (const a of r.annotations) target.annotations.push({ ...a, startIndex: shift(a.startIndex), endIndex: shift(a.endIndex) });
      for (const [id, score] of r.relevance) target.relevance.set(id, Math.max(score, target.relevance.get(id) ?? 0));
    }
  });
  return merged;
}

/** Resolvers of the Extract part of the schema (src/apps/extract/schema.graphql). */
export const extractResolvers: Resolvers = {
  Upload: GraphQLUpload,
  Mutation: {
    async submitExtraction(_parent, args, ctx, info) {
      const { extract, extractUploads } = extractOf(ctx);
      // Options first: a bad page list is refused before the file is read.
      const options = submitOptions(args.options);
      let upload;
      try {
        upload = await args.file;
      } catch (error) {
        // A coded failure (the upload ran out of time: REQUEST_TIMEOUT) keeps its code.
        if (error instanceof GatewayError) throw error;
        throw missingUploadError('file');
      }
      const file = await inspectUpload(upload, extractSettings.of(ctx.services.config).maxFileBytes).catch((error: unknown) => {
        extractUploads('refused', 0);
        throw error;
      });
      if (extract.pathFor(file.size) === 'upload-url') {
        try {
          checkUploadUrlOptions(options, extractSettings.of(ctx.services.config).uploadUrlThresholdBytes);
        } catch (error) {
          extractUploads('refused', 0);
          throw error;
        }
      }
      const { scope } = fieldUpstream(info);
      const submitted = await extract.submit(file, options, scope, ctx.signal);
      extractUploads(submitted.path, file.size);
      ctx.logger.info({ extraction: { id: submitted.id, bytes: file.size, path: submitted.path } }, 'extraction submitted');
      const state: ExtractionState = { id: submitted.id, status: 'PENDING', upstreamStatus: 'pending', error: null, metadata: {}, output: null, format: DEFAULT_FORMAT };
      return state;
    },
  },
  Query: {
    extraction(_parent, args, ctx, info) {
      return ctx.loaders.extraction.load({ id: checkId(args.id), format: DEFAULT_FORMAT, scope: fieldUpstream(info).scope });
    },
    async awaitExtraction(_parent, args, ctx, info) {
      const { watcher } = extractOf(ctx);
      const max = extractSettings.of(ctx.services.config).maxAwaitSeconds;
      const timeout = args.timeoutSeconds ?? Math.min(25, max);
      if (!Number.isInteger(timeout) || timeout < 1 || timeout > max) {
        throw new BadUserInputError(`timeoutSeconds must be 1 to ${max}`, { argument: 'timeoutSeconds', max });
      }
      return watcher.waitFor(checkId(args.id), fieldUpstream(info).scope, timeout * 1000, ctx.signal);
    },
  },
  Subscription: {
    extractionUpdated: {
      subscribe(_parent, args, ctx, info) {
        const { watcher } = extractOf(ctx);
        return watcher.watch(checkId(args.id), fieldUpstream(info).scope);
      },
      resolve: (state: ExtractionState) => state,
    },
  },
  Extraction: {
    metadata: (s) => s.metadata,
    async document(state, args, ctx, info) {
      if (state.status !== 'SUCCESS') return null;
      const format = FORMAT_TO_WIRE[args.format ?? 'WITH_LOCATIONS'];
      if (state.output && state.format === format) return documentOf(state);
      const again = await ctx.loaders.extraction.load({ id: state.id, format, scope: fieldUpstream(info).scope });
      return again ? documentOf(again) : null;
    },
  },
  ExtractedDocument: {
    format: (d) => FORMAT_FROM_WIRE[d.format],
    pages: (d) => d.output.pdfPages.map((p, index) => ({ ...p, index })),
    root: (d) => d.root,
    nodes: (d, args) => {
      const types = args.types ? new Set<string>(args.types) : undefined;
      return d.nodes.filter((n) => (!types || types.has(contentType(n.wire.type))) && (args.page == null || n.wire.locations.some((l) => l.pageNumber === args.page)));
    },
    node: (d, args) => d.byUid.get(args.uid) ?? null,
    tables: (d) => d.tables,
    relations: (d) => d.relations,
    text: (d) => d.text,
    markdown: (d) => d.markdown,
    entities: (d, args, ctx, info) => entitiesOf(ctx, fieldUpstream(info).scope, wireKnowledgeBases(args.knowledgeBases), d.textLayout.segments),
  },
  ContentNode: {
    uid: (n) => n.wire.uid,
    type: (n) => contentType(n.wire.type),
    typeName: (n) => n.wire.type,
    content: (n) => n.wire.content,
    page: (n) => n.wire.locations[0]?.pageNumber ?? null,
    parent: (n) => n.parent,
    children: (n) => n.children,
    locations: (n) => n.wire.locations,
    textNodeData: (n) => n.wire.textNodeData,
    table: (n) => n.doc.tableOf.get(n) ?? null,
    relations: (n) => n.doc.relationsOf(n),
    entities: (n, args, ctx, info) => entitiesOf(ctx, fieldUpstream(info).scope, wireKnowledgeBases(args.knowledgeBases), [{ text: n.wire.content, start: 0 }]),
  },
  Location: {
    page: (l) => l.pageNumber,
  },
  Table: {
    uid: (t) => t.node.wire.uid,
    rows: (t) => t.grid,
  },
  PdfPage: {
    requiredCcwRotation: (p) => Math.round(p.requiredCcwRotation),
  },
};
