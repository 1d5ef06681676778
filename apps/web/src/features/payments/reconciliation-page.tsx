/** Placeholder: filled in by the payments work. */
export function ReconciliationPage() {
  return null;
}
