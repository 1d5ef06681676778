/** Placeholder: filled in by the credentials work. */
export function ELicencePage() {
  return null;
}
