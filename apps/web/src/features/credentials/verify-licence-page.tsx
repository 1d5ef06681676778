/** Placeholder: filled in by the credentials work. */
export function VerifyLicencePage() {
  return null;
}
