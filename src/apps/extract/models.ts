import type { PdfPageWire } from './wire.js';

/** A processed page with its position among the processed pages. */
export interface PdfPageModel extends PdfPageWire {
  readonly index: number;
}
