/** Placeholder: filled in by the payments work. */
export function MyPaymentsPage() {
  return null;
}
