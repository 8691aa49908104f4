import type { NerdAnnotation, NerdKnowledgeBase } from './wire.js';

/** An annotation with the knowledge base it came from (its `entity` needs it). */
export type AnnotationModel = NerdAnnotation;

/** A linked entity. */
export interface EntityModel {
  readonly kbId: string;
  readonly label: string | null;
  readonly type: string | null;
  readonly knowledgeBase: NerdKnowledgeBase;
}
