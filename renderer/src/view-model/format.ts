/**
 * Display formatting in the UI's language (`currentLocale()`): "1.5 MB" in English, "1,5 MB" in
 * German. Formatters are built once per locale: an Intl object per row is costly, and a change
 * of language simply picks (or builds) the new locale's set.
 */
import { currentLocale } from '../i18n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

interface Formatters {
  date: Intl.DateTimeFormat;
  count: Intl.NumberFormat;
  /** Sizes: one decimal under 10 ("1.5 MB"), none above ("15 MB"). */
  size: [Intl.NumberFormat, Intl.NumberFormat];
}
const byLocale = new Map<string, Formatters>();

function formatters(): Formatters {
  const locale = currentLocale();
  let f = byLocale.get(locale);
  if (f === undefined) {
    const digits = (n: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: n, maximumFractionDigits: n });
    f = {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      count: new Intl.NumberFormat(locale),
      size: [digits(0), digits(1)],
    };
    byLocale.set(locale, f);
  }
  return f;
}

/** Human-readable size with decimal units, as Finder shows them: 1 KB = 1000 B. */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '';
  const { size } = formatters();
  if (bytes < 1000) return `${size[0].format(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${size[value < 10 ? 1 : 0].format(value)} ${UNITS[unit]}`;
}

export function formatDate(iso: string | null): string {
  if (iso === null) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return formatters().date.format(time);
}

export function formatCount(n: number): string {
  return formatters().count.format(n);
}
