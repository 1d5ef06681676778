/** Placeholder: filled in by the payments work. */
export function WindowPaymentPanel(_props: { c: import('@opendmv/contracts').CaseDetail }) {
  return null;
}
