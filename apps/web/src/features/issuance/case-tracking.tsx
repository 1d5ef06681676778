/** Placeholder: filled in by the issuance work. */
export function CaseTracking(_props: { c: import('@opendmv/contracts').CaseDetail; scope: 'me' | 'office' }) {
  return null;
}
