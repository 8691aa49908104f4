import type { PdfPageWire } from '../upstreams/extract/wire.js';

/** A processed page with its position among the processed pages. */
export interface PdfPageModel extends PdfPageWire {
  readonly index: number;
}
