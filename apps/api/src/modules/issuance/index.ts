export { canonicalJson, type IssuedDocumentRow, issueDocument, voidDocument } from './service.ts';
