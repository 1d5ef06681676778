/** Placeholder: filled in by the payments work. */
export function CaseFeePanel(_props: { c: import('@opendmv/contracts').CaseDetail }) {
  return null;
}
