import { one } from '../pricing.js';
import { keyField, type AppEntities } from '../entities.js';

/**
 * Skykit's Federation entity: `SkykitDevice @key(fields: "id")`, Skykit's device id. Skykit reads
 * one device a call (`GET /sk-api/v1/device`) and has no batch read (UPSTREAMS §4), so each distinct device of an
 * `_entities` call is one GET (the operation's `skykitDevice` loader folds repeats).
 */
export const skykitEntities: AppEntities = {
  SkykitDevice: {
    key: 'id',
    why: "Skykit's device id, as `skykitDevice(id:)` takes it",
    resolve: (representation, ctx) => ctx.loaders.skykitDevice.load(keyField(representation, 'id', 'SkykitDevice')),
    calls: one,
  },
};
