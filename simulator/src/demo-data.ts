/**
 * The sample PDF the README and the simulator's curl example upload, relative to the repository
 * root: two pages with a title, headings, paragraphs and a table (test/fixtures/pdf/generate.ts).
 */
export const SAMPLE_PDF = 'test/fixtures/pdf/report.pdf';

/**
 * Demo data the README's tour uses (the fleet is seeded, so these never change): a tenant, the
 * serial number of its first device (dev-0001), a content name from the catalogue, the sample PDF.
 */
export const DEMO_EXAMPLES = Object.freeze({ tenantCode: 'T-ACME-EAST', serialNumber: 'SK-9E37-0001', contentName: 'Spring menu', samplePdf: SAMPLE_PDF });
