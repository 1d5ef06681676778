/** Issued documents (receipts, decision documents): their PDF, their public verification, parcel tracking. */
export type { DecisionContent, ReceiptContent } from './content.ts';
export { renderDocumentPdf } from './pdf.ts';
export { issuanceRoutes } from './routes.ts';
export { canonicalJson, type IssuedDocumentRow, issueDocument, voidDocument } from './service.ts';
