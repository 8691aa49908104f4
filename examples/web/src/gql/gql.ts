/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AnnotationFields on KnowledgeBaseAnnotations {\n    knowledgeBase\n    annotations {\n      text\n      startIndex\n      endIndex\n      nerType\n      nerScore\n      nedScore\n      entity {\n        kbId\n        label\n        type\n        knowledgeBase\n        wikidataId\n        url\n      }\n    }\n  }\n": typeof types.AnnotationFieldsFragmentDoc,
    "\n  query AnnotateText($text: String!, $knowledgeBases: [KnowledgeBase!]) {\n    annotateText(text: $text, knowledgeBases: $knowledgeBases) {\n      ...AnnotationFields\n    }\n  }\n": typeof types.AnnotateTextDocument,
    "\n  mutation SubmitExtraction($file: Upload!, $options: ExtractionOptions) {\n    submitExtraction(file: $file, options: $options) {\n      id\n      status\n      error\n    }\n  }\n": typeof types.SubmitExtractionDocument,
    "\n  subscription ExtractionUpdated($id: ID!) {\n    extractionUpdated(id: $id) {\n      id\n      status\n      error\n    }\n  }\n": typeof types.ExtractionUpdatedDocument,
    "\n  query ExtractedDocument($id: ID!) {\n    extraction(id: $id) {\n      id\n      status\n      document {\n        pages {\n          index\n        }\n        outline: nodes(types: [TITLE, H1, H2, H3, H4, H5]) {\n          uid\n          type\n          content\n          depth\n          page\n        }\n        paragraphs: nodes(types: [PARAGRAPH, TEXT]) {\n          uid\n          type\n          content\n          page\n        }\n        tables {\n          uid\n          title\n          rowCount\n          columnCount\n          rows {\n            row\n            column\n            rowSpan\n            columnSpan\n            content\n            isColumnHeader\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExtractedDocumentDocument,
    "\n  query NodeEntities($id: ID!, $uid: ID!, $knowledgeBases: [KnowledgeBase!]) {\n    extraction(id: $id) {\n      id\n      document {\n        node(uid: $uid) {\n          uid\n          content\n          entities(knowledgeBases: $knowledgeBases) {\n            ...AnnotationFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.NodeEntitiesDocument,
    "\n  query Devices($first: Int!, $after: String) {\n    skykitDevices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          serialNumber\n          model\n          timezone\n          heartbeatUpdated\n          hasContentPending\n          tenant {\n            code\n            name\n            managingOrg {\n              code\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DevicesDocument,
    "\n  query CompanyCard($id: ID!, $from: Date) {\n    company(id: $id) {\n      id\n      name\n      ticker\n      country\n      simpleIndustry\n      summary\n      primaryListing {\n        id\n        prices(from: $from, periodicity: DAY) {\n          currency\n          bars {\n            label\n            close\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompanyCardDocument,
};
const documents: Documents = {
    "\n  fragment AnnotationFields on KnowledgeBaseAnnotations {\n    knowledgeBase\n    annotations {\n      text\n      startIndex\n      endIndex\n      nerType\n      nerScore\n      nedScore\n      entity {\n        kbId\n        label\n        type\n        knowledgeBase\n        wikidataId\n        url\n      }\n    }\n  }\n": types.AnnotationFieldsFragmentDoc,
    "\n  query AnnotateText($text: String!, $knowledgeBases: [KnowledgeBase!]) {\n    annotateText(text: $text, knowledgeBases: $knowledgeBases) {\n      ...AnnotationFields\n    }\n  }\n": types.AnnotateTextDocument,
    "\n  mutation SubmitExtraction($file: Upload!, $options: ExtractionOptions) {\n    submitExtraction(file: $file, options: $options) {\n      id\n      status\n      error\n    }\n  }\n": types.SubmitExtractionDocument,
    "\n  subscription ExtractionUpdated($id: ID!) {\n    extractionUpdated(id: $id) {\n      id\n      status\n      error\n    }\n  }\n": types.ExtractionUpdatedDocument,
    "\n  query ExtractedDocument($id: ID!) {\n    extraction(id: $id) {\n      id\n      status\n      document {\n        pages {\n          index\n        }\n        outline: nodes(types: [TITLE, H1, H2, H3, H4, H5]) {\n          uid\n          type\n          content\n          depth\n          page\n        }\n        paragraphs: nodes(types: [PARAGRAPH, TEXT]) {\n          uid\n          type\n          content\n          page\n        }\n        tables {\n          uid\n          title\n          rowCount\n          columnCount\n          rows {\n            row\n            column\n            rowSpan\n            columnSpan\n            content\n            isColumnHeader\n          }\n        }\n      }\n    }\n  }\n": types.ExtractedDocumentDocument,
    "\n  query NodeEntities($id: ID!, $uid: ID!, $knowledgeBases: [KnowledgeBase!]) {\n    extraction(id: $id) {\n      id\n      document {\n        node(uid: $uid) {\n          uid\n          content\n          entities(knowledgeBases: $knowledgeBases) {\n            ...AnnotationFields\n          }\n        }\n      }\n    }\n  }\n": types.NodeEntitiesDocument,
    "\n  query Devices($first: Int!, $after: String) {\n    skykitDevices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          serialNumber\n          model\n          timezone\n          heartbeatUpdated\n          hasContentPending\n          tenant {\n            code\n            name\n            managingOrg {\n              code\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DevicesDocument,
    "\n  query CompanyCard($id: ID!, $from: Date) {\n    company(id: $id) {\n      id\n      name\n      ticker\n      country\n      simpleIndustry\n      summary\n      primaryListing {\n        id\n        prices(from: $from, periodicity: DAY) {\n          currency\n          bars {\n            label\n            close\n          }\n        }\n      }\n    }\n  }\n": types.CompanyCardDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AnnotationFields on KnowledgeBaseAnnotations {\n    knowledgeBase\n    annotations {\n      text\n      startIndex\n      endIndex\n      nerType\n      nerScore\n      nedScore\n      entity {\n        kbId\n        label\n        type\n        knowledgeBase\n        wikidataId\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AnnotationFields on KnowledgeBaseAnnotations {\n    knowledgeBase\n    annotations {\n      text\n      startIndex\n      endIndex\n      nerType\n      nerScore\n      nedScore\n      entity {\n        kbId\n        label\n        type\n        knowledgeBase\n        wikidataId\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnnotateText($text: String!, $knowledgeBases: [KnowledgeBase!]) {\n    annotateText(text: $text, knowledgeBases: $knowledgeBases) {\n      ...AnnotationFields\n    }\n  }\n"): (typeof documents)["\n  query AnnotateText($text: String!, $knowledgeBases: [KnowledgeBase!]) {\n    annotateText(text: $text, knowledgeBases: $knowledgeBases) {\n      ...AnnotationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitExtraction($file: Upload!, $options: ExtractionOptions) {\n    submitExtraction(file: $file, options: $options) {\n      id\n      status\n      error\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitExtraction($file: Upload!, $options: ExtractionOptions) {\n    submitExtraction(file: $file, options: $options) {\n      id\n      status\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExtractionUpdated($id: ID!) {\n    extractionUpdated(id: $id) {\n      id\n      status\n      error\n    }\n  }\n"): (typeof documents)["\n  subscription ExtractionUpdated($id: ID!) {\n    extractionUpdated(id: $id) {\n      id\n      status\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExtractedDocument($id: ID!) {\n    extraction(id: $id) {\n      id\n      status\n      document {\n        pages {\n          index\n        }\n        outline: nodes(types: [TITLE, H1, H2, H3, H4, H5]) {\n          uid\n          type\n          content\n          depth\n          page\n        }\n        paragraphs: nodes(types: [PARAGRAPH, TEXT]) {\n          uid\n          type\n          content\n          page\n        }\n        tables {\n          uid\n          title\n          rowCount\n          columnCount\n          rows {\n            row\n            column\n            rowSpan\n            columnSpan\n            content\n            isColumnHeader\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExtractedDocument($id: ID!) {\n    extraction(id: $id) {\n      id\n      status\n      document {\n        pages {\n          index\n        }\n        outline: nodes(types: [TITLE, H1, H2, H3, H4, H5]) {\n          uid\n          type\n          content\n          depth\n          page\n        }\n        paragraphs: nodes(types: [PARAGRAPH, TEXT]) {\n          uid\n          type\n          content\n          page\n        }\n        tables {\n          uid\n          title\n          rowCount\n          columnCount\n          rows {\n            row\n            column\n            rowSpan\n            columnSpan\n            content\n            isColumnHeader\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeEntities($id: ID!, $uid: ID!, $knowledgeBases: [KnowledgeBase!]) {\n    extraction(id: $id) {\n      id\n      document {\n        node(uid: $uid) {\n          uid\n          content\n          entities(knowledgeBases: $knowledgeBases) {\n            ...AnnotationFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NodeEntities($id: ID!, $uid: ID!, $knowledgeBases: [KnowledgeBase!]) {\n    extraction(id: $id) {\n      id\n      document {\n        node(uid: $uid) {\n          uid\n          content\n          entities(knowledgeBases: $knowledgeBases) {\n            ...AnnotationFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Devices($first: Int!, $after: String) {\n    skykitDevices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          serialNumber\n          model\n          timezone\n          heartbeatUpdated\n          hasContentPending\n          tenant {\n            code\n            name\n            managingOrg {\n              code\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Devices($first: Int!, $after: String) {\n    skykitDevices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          serialNumber\n          model\n          timezone\n          heartbeatUpdated\n          hasContentPending\n          tenant {\n            code\n            name\n            managingOrg {\n              code\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyCard($id: ID!, $from: Date) {\n    company(id: $id) {\n      id\n      name\n      ticker\n      country\n      simpleIndustry\n      summary\n      primaryListing {\n        id\n        prices(from: $from, periodicity: DAY) {\n          currency\n          bars {\n            label\n            close\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyCard($id: ID!, $from: Date) {\n    company(id: $id) {\n      id\n      name\n      ticker\n      country\n      simpleIndustry\n      summary\n      primaryListing {\n        id\n        prices(from: $from, periodicity: DAY) {\n          currency\n          bars {\n            label\n            close\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;