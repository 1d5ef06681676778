/** Placeholder: filled in by the payments work. */
export function PayOrderPage() {
  return null;
}
