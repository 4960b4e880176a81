/** Display formatting. Formatters are created once: building an Intl object per row is costly. */
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Human-readable size with decimal units, as Finder shows them: 1 KB = 1000 B. */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

let dateFormat: Intl.DateTimeFormat | null = null;

export function formatDate(iso: string | null): string {
  if (iso === null) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateFormat.format(time);
}

let countFormat: Intl.NumberFormat | null = null;

export function formatCount(n: number): string {
  countFormat ??= new Intl.NumberFormat();
  return countFormat.format(n);
}

/** "1 item", "3 items". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
