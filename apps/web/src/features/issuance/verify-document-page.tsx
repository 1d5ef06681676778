/** Placeholder: filled in by the issuance work. */
export function VerifyDocumentPage() {
  return null;
}
