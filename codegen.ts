import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types generated from schema/*.graphql; `npm run codegen:check` fails when stale. */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        immutableTypes: true,
        contextType: '../context.js#GraphQLContext',
        mappers: {
          KnowledgeBaseAnnotations: '../upstreams/nerd/wire.js#NerdKbResult',
          EntityAnnotation: '../resolvers/nerd-models.js#AnnotationModel',
          Entity: '../resolvers/nerd-models.js#EntityModel',
          GatewayInfo: '../resolvers/base-models.js#GatewayInfoModel',
          SkykitDevice: '../upstreams/skykit/wire.js#SkykitDeviceWire',
          SkykitTenant: '../upstreams/skykit/wire.js#SkykitTenantWire',
          SkykitDeviceConnection: '../resolvers/skykit-models.js#DeviceConnectionModel',
          SkykitTenantConnection: '../resolvers/skykit-models.js#TenantConnectionModel',
          ChangeSkykitContentPayload: '../resolvers/skykit-models.js#ChangeContentModel',
          Extraction: '../upstreams/extract/wire.js#ExtractionState',
          ExtractedDocument: '../upstreams/extract/document.js#DocumentModel',
          ContentNode: '../upstreams/extract/document.js#NodeModel',
          Table: '../upstreams/extract/document.js#TableModel',
          TableCell: '../upstreams/extract/document.js#CellModel',
          ContentRelation: '../upstreams/extract/document.js#RelationModel',
          Location: '../upstreams/extract/wire.js#LocationWire',
          TextNodeData: '../upstreams/extract/wire.js#TextNodeDataWire',
          PdfPage: '../resolvers/extract-models.js#PdfPageModel',
          Company: '../upstreams/kfinance/loaders.js#CompanyModel',
          Address: '../upstreams/kfinance/wire.js#KfCompanyInfo',
          TradingItem: '../resolvers/kfinance-models.js#TradingItemModel',
          Security: '../resolvers/kfinance-models.js#SecurityModel',
          RelatedCompanies: '../resolvers/kfinance-models.js#RelatedCompaniesModel',
          PriceSeries: '../upstreams/kfinance/wire.js#KfPriceSeries',
          PriceBar: '../upstreams/kfinance/wire.js#KfPriceBar',
          FinancialSeries: '../upstreams/kfinance/wire.js#KfFinancialSeries',
          FinancialPeriod: '../upstreams/kfinance/wire.js#KfFinancialPeriod',
          EarningsCall: '../upstreams/kfinance/wire.js#KfEarningsCall',
          EarningsTranscriptPart: '../upstreams/kfinance/wire.js#KfTranscriptPart',
          CompanyResolution: '../resolvers/kfinance-models.js#CompanyResolutionModel',
        },
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown', Decimal: 'string', Date: 'string', Upload: "Promise<import('graphql-upload/processRequest.mjs').FileUpload>" },
      },
    },
  },
};
export default config;
