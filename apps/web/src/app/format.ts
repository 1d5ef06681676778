import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business time zone of the office (the brief: time in Asia/Shanghai). */
export const TIME_ZONE = 'Asia/Shanghai';

/** Integer fen → '¥1,234.50'. Integer arithmetic only: no floating-point rounding. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** A date ('2026-05-01') or date-time (with offset) → 'YYYY-MM-DD' in Asia/Shanghai. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dayjs(value).tz(TIME_ZONE).format('YYYY-MM-DD');
}

/** A date-time with offset → 'YYYY-MM-DD HH:mm' in Asia/Shanghai. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm');
}

/** '京A12345' → '京A·12345', the way the plate itself is printed. */
export function formatPlate(plate: string): string {
  return plate.length >= 3 ? `${plate.slice(0, 2)}·${plate.slice(2)}` : plate;
}

/** A file size: '812 B', '15.2 KB', '1.8 MB'. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
