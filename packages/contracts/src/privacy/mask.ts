/**
 * Masking of personal data for display (privacy by default). All functions are total: empty, null or
 * undefined input gives '', and input too short to keep anything hidden is fully masked rather than shown.
 * Lengths are counted in Unicode code points, so CJK and astral characters are never split.
 */
const STAR = '*';

function chars(value: string | null | undefined): string[] {
  return Array.from((value ?? '').trim());
}

/** Keeps `head` leading and `tail` trailing characters and stars the rest, preserving length. When fewer
 * than head + tail + 1 characters are present, everything is starred. */
export function maskMiddle(value: string | null | undefined, head: number, tail: number): string {
  const c = chars(value);
  if (c.length <= head + tail) return STAR.repeat(c.length);
  return c.slice(0, head).join('') + STAR.repeat(c.length - head - tail) + c.slice(c.length - tail).join('');
}

/** '110105194912310021' → '110***********0021' (first 3, last 4, length kept). */
export function maskIdNumber(idNumber: string | null | undefined): string {
  return maskMiddle(idNumber, 3, 4);
}

/** '13812345678' → '138****5678'. A leading +86 / 0086 / 86- prefix is kept in front and not counted. */
export function maskPhone(phone: string | null | undefined): string {
  const value = (phone ?? '').trim();
  const prefix = /^(\+86|0086)[\s-]?/.exec(value)?.[0] ?? '';
  const rest = value.slice(prefix.length);
  return rest === '' ? '' : prefix + maskMiddle(rest, 3, 4);
}

/** '张三丰' → '张**', '张三' → '张*'; a single character is fully masked. */
export function maskName(name: string | null | undefined): string {
  return maskMiddle(name, 1, 0);
}

/** Keeps the first 6 characters and appends '***' (length not preserved, so the rest leaks nothing);
 * an address of 6 characters or fewer keeps nothing precise either: only its first half is kept. */
export function maskAddress(address: string | null | undefined): string {
  const c = chars(address);
  if (c.length === 0) return '';
  const keep = c.length > 6 ? 6 : Math.floor(c.length / 2);
  return `${c.slice(0, keep).join('')}***`;
}
