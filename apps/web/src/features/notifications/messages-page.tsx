/** Placeholder: filled in by the notifications work. */
export function MessagesPage() {
  return null;
}
