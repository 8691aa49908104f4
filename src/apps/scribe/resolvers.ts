import { BadUserInputError, GatewayError } from '../../errors.js';
import type { Resolvers, TranscriptionOptions } from '../../generated/resolvers-types.js';
import { appClients, type AppContext } from '../context.js';
import { fieldUpstream } from '../field-upstream.js';
import type { ScribeOptions } from './client.js';
import { checkMediaUrl, inspectMedia } from './media.js';
import type { TranscriptionState } from './wire.js';
import { entitiesOf } from '../extract/resolvers.js';
import { wireKnowledgeBases } from '../nerd/resolvers.js';
import { missingUploadError } from '../../graphql/missing-upload.js';
import { scribeSettings } from './settings.js';

/** Scribe's ids are 32 hex characters in its examples; treated as opaque, but kept path-safe. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** ISO 639-1 or 639-3 (UPSTREAMS-MORE §1.1 lists the codes Scribe takes). */
const LANGUAGES = new Set('cmn da dan de deu en eng es fr fra it ita ja jpn ko kor nl nld no nor por pt ru rus spa yue zh zho'.split(' '));

function checkId(id: string): string {
  if (!ID.test(id)) throw new BadUserInputError('id is not a transcription id', { argument: 'id' });
  return id;
}

/** Validates the options and maps them to Scribe's `commonOptions`. */
export function scribeOptions(options: TranscriptionOptions | null | undefined): ScribeOptions {
  const o = options ?? {};
  if (o.mediaLanguage != null && !LANGUAGES.has(o.mediaLanguage)) {
    throw new BadUserInputError(`mediaLanguage "${o.mediaLanguage.slice(0, 20)}" is not a language Scribe takes (${[...LANGUAGES].join(', ')})`, { argument: 'options.mediaLanguage' });
  }
  for (const [name, value] of [['contextId', o.contextId], ['contextTitle', o.contextTitle], ['contextDescription', o.contextDescription]] as const) {
    if (value != null && value.length > 2000) throw new BadUserInputError(`${name} must be at most 2000 characters`, { argument: `options.${name}` });
  }
  const context = { ...(o.contextId != null ? { id: o.contextId } : {}), ...(o.contextTitle != null ? { title: o.contextTitle } : {}), ...(o.contextDescription != null ? { description: o.contextDescription } : {}) };
  return {
    ...(o.transcriber != null ? { transcriber: o.transcriber === 'HUMAN' ? ('human' as const) : ('machine' as const) } : {}),
    ...(o.mediaLanguage != null ? { media_language: o.mediaLanguage } : {}),
    ...(o.priority != null ? { priority: o.priority.toLowerCase() as 'low' | 'medium' | 'high' } : {}),
    ...(Object.keys(context).length > 0 ? { context } : {}),
  };
}

function scribeOf(ctx: AppContext) {
  const { scribe, scribeWatcher } = appClients(ctx.services, 'scribe');
  return { scribe, watcher: scribeWatcher };
}

const pending = (id: string): TranscriptionState => ({ id, status: 'PENDING', error: null, expiresAt: null, transcript: null });

/** Resolvers of the Scribe part of the schema (src/apps/scribe/schema.graphql). */
export const scribeResolvers: Resolvers = {
  Mutation: {
    async submitTranscription(_parent, args, ctx, info) {
      const { scribe } = scribeOf(ctx);
      const options = scribeOptions(args.options);
      let upload;
      try {
        upload = await args.file;
      } catch (error) {
        // A coded failure (the upload ran out of time: REQUEST_TIMEOUT) keeps its code.
        if (error instanceof GatewayError) throw error;
        throw missingUploadError('file');
      }
      const file = await inspectMedia(upload, scribeSettings.of(ctx.services.config).maxFileBytes);
      const id = await scribe.submitFile(file, options, fieldUpstream(info).scope, ctx.signal);
      ctx.logger.info({ transcription: { id, bytes: file.size, type: file.contentType } }, 'transcription submitted');
      return pending(id);
    },
    async submitTranscriptionFromUrl(_parent, args, ctx, info) {
      const { scribe } = scribeOf(ctx);
      const options = scribeOptions(args.options);
      const mediaUrl = checkMediaUrl(args.mediaUrl, { allowPrivate: scribeSettings.of(ctx.services.config).allowPrivateMediaUrls });
      const id = await scribe.submitUrl(mediaUrl, options, fieldUpstream(info).scope, ctx.signal);
      ctx.logger.info({ transcription: { id, from: 'url' } }, 'transcription submitted');
      return pending(id);
    },
    async deleteTranscription(_parent, args, ctx, info) {
      await scribeOf(ctx).scribe.delete(checkId(args.id), fieldUpstream(info).scope, ctx.signal);
      return true;
    },
  },
  Query: {
    transcription(_parent, args, ctx, info) {
      return ctx.loaders.transcription.load({ id: checkId(args.id), scope: fieldUpstream(info).scope });
    },
    awaitTranscription(_parent, args, ctx, info) {
      const { watcher } = scribeOf(ctx);
      const max = scribeSettings.of(ctx.services.config).maxAwaitSeconds;
      const timeout = args.timeoutSeconds ?? Math.min(25, max);
      if (!Number.isInteger(timeout) || timeout < 1 || timeout > max) {
        throw new BadUserInputError(`timeoutSeconds must be 1 to ${max}`, { argument: 'timeoutSeconds', max });
      }
      return watcher.waitFor(checkId(args.id), fieldUpstream(info).scope, timeout * 1000, ctx.signal);
    },
  },
  Subscription: {
    transcriptionUpdated: {
      subscribe(_parent, args, ctx, info) {
        return scribeOf(ctx).watcher.watch(checkId(args.id), fieldUpstream(info).scope);
      },
      resolve: (state: TranscriptionState) => state,
    },
  },
  Transcription: {
    transcript: (state) => (state.status === 'SUCCESS' ? state.transcript : null),
    vtt: (state, _args, ctx, info) => (state.status === 'SUCCESS' ? scribeOf(ctx).scribe.vtt(state.id, fieldUpstream(info).scope, ctx.signal) : null),
  },
  Transcript: {
    // One text through Extract's batched entities loader: transcripts and document nodes of one
    // operation share NERD calls.
    entities: (t, args, ctx, info) => entitiesOf(ctx, fieldUpstream(info).scope, wireKnowledgeBases(args.knowledgeBases), [{ text: t.text, start: 0 }]),
  },
};
