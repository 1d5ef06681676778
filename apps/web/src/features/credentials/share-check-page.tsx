/** Placeholder: filled in by the credentials work. */
export function ShareCheckPage() {
  return null;
}
