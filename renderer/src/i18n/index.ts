/**
 * The UI's one message catalogue: i18next with a JSON file per namespace and language
 * (`locales/<lang>/<namespace>.json`, bundled, no network). The language follows the system
 * unless the person picked one in Settings. Components use `useTranslation('<namespace>')`
 * from react-i18next; code outside React uses `i18n.t('<namespace>:<key>')`.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Every language with a complete catalogue; the first is the fallback. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_NAMESPACE = 'common';

type Catalogue = Record<string, unknown>;
const files = import.meta.glob<Catalogue>('./locales/*/*.json', { eager: true, import: 'default' });

/** { en: { common: {...}, menu: {...} }, de: {...} } from the bundled files. */
export function bundledResources(): Record<string, Record<string, Catalogue>> {
  const resources: Record<string, Record<string, Catalogue>> = {};
  for (const [path, catalogue] of Object.entries(files)) {
    const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (match === null) continue;
    const [, language = '', namespace = ''] = match;
    (resources[language] ??= {})[namespace] = catalogue;
  }
  return resources;
}

export function isLanguage(value: string | null | undefined): value is Language {
  return value !== null && value !== undefined && (LANGUAGES as readonly string[]).includes(value);
}

/** The system's preferred languages (none in Node, where unit tests import this module). */
const preferredTags = (): readonly string[] => globalThis.navigator?.languages ?? [];

/** The first of the system's preferred languages we have, else English. */
export function systemLanguage(preferred: readonly string[] = preferredTags()): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return LANGUAGES[0];
}

const resources = bundledResources();

export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: systemLanguage(),
  fallbackLng: LANGUAGES[0],
  supportedLngs: [...LANGUAGES],
  ns: Object.keys(resources[LANGUAGES[0]] ?? {}),
  defaultNS: DEFAULT_NAMESPACE,
  // React escapes what it renders; catalogue text never becomes HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** What Settings offers: follow the system, or one language. */
export type LanguageChoice = 'system' | Language;
export const isLanguageChoice = (value: string | null): value is LanguageChoice =>
  value === 'system' || isLanguage(value);

/** Switches the UI at once: react-i18next re-renders every component that translates. */
export function applyLanguage(choice: LanguageChoice): void {
  const language = choice === 'system' ? systemLanguage() : choice;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

// `<html lang>` names the language the words are in (screen readers, hyphenation).
const markDocument = (language: string): void => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
};
markDocument(i18n.language);
i18n.on('languageChanged', markDocument);

/**
 * The locale for Intl formatters: the UI's language, so dates and numbers match the words, with
 * the system's region when it prefers that language ("de-AT", "en-GB"), else the bare language.
 */
export function currentLocale(): string {
  const language = i18n.language;
  return preferredTags().find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}
