import { graphql } from './gql';

/** One annotation with its linked entity; shared by the text and the document screens. */
export const AnnotationFields = graphql(`
  fragment AnnotationFields on KnowledgeBaseAnnotations {
    knowledgeBase
    annotations {
      text
      startIndex
      endIndex
      nerType
      nerScore
      nedScore
      entity {
        kbId
        label
        type
        knowledgeBase
        wikidataId
        url
      }
    }
  }
`);

export const AnnotateTextQuery = graphql(`
  query AnnotateText($text: String!, $knowledgeBases: [KnowledgeBase!]) {
    annotateText(text: $text, knowledgeBases: $knowledgeBases) {
      ...AnnotationFields
    }
  }
`);

export const SubmitExtractionMutation = graphql(`
  mutation SubmitExtraction($file: Upload!, $options: ExtractionOptions) {
    submitExtraction(file: $file, options: $options) {
      id
      status
      error
    }
  }
`);

export const ExtractionUpdatedSubscription = graphql(`
  subscription ExtractionUpdated($id: ID!) {
    extractionUpdated(id: $id) {
      id
      status
      error
    }
  }
`);

export const ExtractedDocumentQuery = graphql(`
  query ExtractedDocument($id: ID!) {
    extraction(id: $id) {
      id
      status
      document {
        pages {
          index
        }
        outline: nodes(types: [TITLE, H1, H2, H3, H4, H5]) {
          uid
          type
          content
          depth
          page
        }
        paragraphs: nodes(types: [PARAGRAPH, TEXT]) {
          uid
          type
          content
          page
        }
        tables {
          uid
          title
          rowCount
          columnCount
          rows {
            row
            column
            rowSpan
            columnSpan
            content
            isColumnHeader
          }
        }
      }
    }
  }
`);

export const NodeEntitiesQuery = graphql(`
  query NodeEntities($id: ID!, $uid: ID!, $knowledgeBases: [KnowledgeBase!]) {
    extraction(id: $id) {
      id
      document {
        node(uid: $uid) {
          uid
          content
          entities(knowledgeBases: $knowledgeBases) {
            ...AnnotationFields
          }
        }
      }
    }
  }
`);

export const DevicesQuery = graphql(`
  query Devices($first: Int!, $after: String) {
    skykitDevices(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          serialNumber
          model
          timezone
          heartbeatUpdated
          hasContentPending
          tenant {
            code
            name
            managingOrg {
              code
              name
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The company card: one kFinance company with a year of daily closes of its primary listing. */
export const CompanyCardQuery = graphql(`
  query CompanyCard($id: ID!, $from: Date) {
    company(id: $id) {
      id
      name
      ticker
      country
      simpleIndustry
      summary
      primaryListing {
        id
        prices(from: $from, periodicity: DAY) {
          currency
          bars {
            label
            close
          }
        }
      }
    }
  }
`);
