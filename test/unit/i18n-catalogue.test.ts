/**
 * The message catalogue is complete and matches the code:
 * - every language has every namespace and every key English has (and no other), with the
 *   plural forms its own plural rules need (`_one`/`_other` for English and German);
 * - every key the renderer asks for exists: `t('key')` (in the namespace of the nearest
 *   `const { t } = useTranslation('ns')` above it, or an explicit `ns:` prefix or `{ ns }`
 *   option), `i18n.t('ns:key')` (the prefix is required outside React), `<Trans i18nKey>`;
 *   a key built from a template (`t(\`state.${s}\`)`) must match at least one key;
 * - every catalogue key is used, by such a call or, for registries that hold keys as data
 *   (the context menus' `label: 'copyKey'`), as a string literal with exactly that key.
 *
 * Limits of a static scan: a key passed in a variable (`t(label)`) is not resolved, so its
 * keys count as used only through the literal rule; a `t` handed to a helper takes the
 * namespace of the hook above the call; only the branches of a `cond ? 'a' : 'b'` key are
 * read (operands of ===, !== are conditions, not keys); a key builder's argument may come
 * through a variable, so any literal in its file counts as a used key under its prefix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../renderer/src');
const LOCALES = path.join(ROOT, 'i18n/locales');
const SOURCE_LANGUAGE = 'en';
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else throw new Error(`${prefix}: a catalogue value must be a string or an object`);
  return out;
}

/** { en: { common: Map(key → text) } } from the JSON files. */
function loadCatalogues(): Record<string, Record<string, Flat>> {
  const all: Record<string, Record<string, Flat>> = {};
  for (const language of readdirSync(LOCALES)) {
    all[language] = {};
    for (const file of readdirSync(path.join(LOCALES, language)).filter((f) => f.endsWith('.json'))) {
      const json: unknown = JSON.parse(readFileSync(path.join(LOCALES, language, file), 'utf8'));
      all[language][file.replace(/\.json$/, '')] = flatten(json, '', new Map());
    }
  }
  return all;
}

const baseKey = (key: string): string => key.replace(PLURAL, '');

/** Base keys (plural forms folded) → the plural categories present ([] for a plain key). */
function keyShapes(keys: Iterable<string>): Map<string, string[]> {
  const shapes = new Map<string, string[]>();
  for (const key of keys) {
    const base = baseKey(key);
    const forms = shapes.get(base) ?? [];
    if (base !== key) forms.push(key.slice(base.length + 1));
    shapes.set(base, forms);
  }
  return shapes;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === LOCALES ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The text of a call's arguments from `open` (just after the parenthesis): each top-level argument. */
function callArguments(code: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(code, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        args.push(code.slice(start, i).trim());
        return args;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(code.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error(`unclosed call at ${open}`);
}

/** Index of the closing quote of the string starting at `i` (templates: nested `${}` skipped). */
function skipString(code: string, i: number): number {
  const quote = code[i];
  for (let j = i + 1; j < code.length; j++) {
    if (code[j] === '\\') j++;
    else if (code[j] === quote) return j;
    else if (quote === '`' && code[j] === '$' && code[j + 1] === '{') {
      let depth = 1;
      for (j += 2; depth > 0; j++) {
        if (code[j] === "'" || code[j] === '"' || code[j] === '`') j = skipString(code, j);
        else if (code[j] === '{') depth++;
        else if (code[j] === '}') depth--;
      }
      j--;
    }
  }
  throw new Error(`unclosed string at ${i}`);
}

/** A key the code asks for: exact, or a pattern from a template literal. */
interface KeyUse {
  file: string;
  namespace: string;
  key: string;
  pattern: RegExp | null;
  plural: boolean;
}

/** The literal keys in a key argument: the branches of a ternary, not the operands of a comparison. */
function keysIn(expression: string): { text: string; template: boolean }[] {
  const found: { text: string; template: boolean }[] = [];
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c !== "'" && c !== '"' && c !== '`') continue;
    const end = skipString(expression, i);
    const before = expression.slice(0, i).trimEnd();
    const after = expression.slice(end + 1).trimStart();
    const compared = /[=!]==?$/.test(before) || /^[=!]==?/.test(after);
    if (!compared) found.push({ text: expression.slice(i + 1, end), template: c === '`' });
    i = end;
  }
  return found;
}

/** `ns:rest` → [ns, rest] when ns names a namespace. */
function splitNamespace(key: string, namespaces: ReadonlySet<string>): [string | null, string] {
  const colon = key.indexOf(':');
  if (colon > 0 && namespaces.has(key.slice(0, colon))) return [key.slice(0, colon), key.slice(colon + 1)];
  return [null, key];
}

const templatePattern = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split(/\$\{[^}]*\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^:]+')}$`,
  );

interface Scan {
  uses: KeyUse[];
  literals: Set<string>;
  problems: string[];
}

/** Every key use in the sources ([name, code] pairs). */
function scanSources(sources: [string, string][], namespaces: ReadonlySet<string>): Scan {
  const uses: KeyUse[] = [];
  const literals = new Set<string>();
  const problems: string[] = [];
  for (const [name, text] of sources) {
    // Comment lines out (their examples are not calls); lines stay where they were.
    const code = text.replace(/^\s*(\/\/|\/\*|\*).*$/gm, '');
    for (const m of code.matchAll(/'([^'\n]+)'|"([^"\n]+)"/g)) literals.add(m[1] ?? m[2] ?? '');
    const hooks = [...code.matchAll(/\{\s*t\b[^}]*\}\s*=\s*useTranslation\(\s*(?:'([^']*)')?/g)].map((m) => ({
      at: m.index,
      namespace: m[1] ?? 'common',
    }));
    // Key builders: `const reason = (key) => ({ key: `reason.${key}` })` makes reason('x') the key
    // 'reason.x'; one named t that prefixes a namespace (`i18n.t(`edit:${key}`)`) is that file's t.
    for (const b of code.matchAll(/const (\w+) = \((\w+)[^)]*\)[^=]*=>[^`;]*`([\w.:]*)\$\{\2\}`/g)) {
      const [, builder = '', , prefix = ''] = b;
      const [namespace] = splitNamespace(prefix, namespaces);
      if (builder === 't' && namespace !== null) hooks.push({ at: b.index, namespace });
      // Its argument may arrive through a variable (`noFolder('folderNoShare')` → reason(why)):
      // any literal of this file, with the builder's prefix, counts as used.
      else for (const m of code.matchAll(/'([\w.]+)'/g)) literals.add(`${prefix}${m[1]}`);
    }
    const fileNamespaces = new Set(hooks.map((h) => h.namespace));
    for (const call of code.matchAll(/(?<![\w.])(i18n\.t|t)\(/g)) {
      const viaInstance = call[1] === 'i18n.t';
      const [keyArg = '', options = ''] = callArguments(code, call.index + call[0].length);
      const optionNs = /\bns:\s*'([^']+)'/.exec(options)?.[1] ?? null;
      // The hook above the call; a helper above every hook takes the file's one namespace.
      const hook = hooks.filter((h) => h.at < call.index).pop() ?? (fileNamespaces.size === 1 ? hooks[0] : undefined);
      for (const { text, template } of keysIn(keyArg)) {
        const [prefix, key] = splitNamespace(text, namespaces);
        const namespace = prefix ?? optionNs ?? (viaInstance ? null : (hook?.namespace ?? null));
        const where = `${name}: ${call[1]}(${keyArg})`;
        if (namespace === null) {
          problems.push(`${where} has no namespace (use 'ns:key' outside React)`);
          continue;
        }
        const pattern = template && key.includes('${') ? templatePattern(key) : null;
        uses.push({ file: where, namespace, key, pattern, plural: /\bcount\b/.test(options) });
      }
    }
    for (const m of code.matchAll(/<Trans\b[^>]*\bi18nKey=["']([^"']+)["']/g)) {
      const [prefix, key] = splitNamespace(m[1] ?? '', namespaces);
      uses.push({ file: `${name}: <Trans>`, namespace: prefix ?? 'common', key, pattern: null, plural: false });
    }
  }
  return { uses, literals, problems };
}

/** Uses whose key the catalogue lacks (or a plural key asked for without a count). */
function missingKeys(uses: readonly KeyUse[], catalogue: Record<string, Flat>): string[] {
  const missing: string[] = [];
  for (const use of uses) {
    const keys = catalogue[use.namespace];
    if (keys === undefined) {
      missing.push(`${use.file}: no namespace "${use.namespace}"`);
      continue;
    }
    const bases = keyShapes(keys.keys());
    if (use.pattern !== null) {
      if (![...bases.keys()].some((k) => use.pattern?.test(k))) missing.push(`${use.file}: nothing matches`);
      continue;
    }
    const forms = bases.get(use.key);
    if (forms === undefined) missing.push(`${use.file}: ${use.namespace}:${use.key} is missing`);
    else if (forms.length > 0 && !use.plural) missing.push(`${use.file}: ${use.key} is plural but has no count`);
  }
  return missing;
}

/** Catalogue keys nothing uses. */
function unusedKeys(scan: Scan, catalogue: Record<string, Flat>): string[] {
  const unused: string[] = [];
  for (const [namespace, keys] of Object.entries(catalogue)) {
    const mine = scan.uses.filter((u) => u.namespace === namespace);
    for (const key of keyShapes(keys.keys()).keys()) {
      const used =
        mine.some((u) => (u.pattern === null ? u.key === key : u.pattern.test(key))) ||
        scan.literals.has(key) ||
        scan.literals.has(`${namespace}:${key}`);
      if (!used) unused.push(`${namespace}:${key}`);
    }
  }
  return unused;
}

const catalogues = loadCatalogues();
const source = catalogues[SOURCE_LANGUAGE] ?? {};
const namespaces = new Set(Object.keys(source));

describe('the message catalogues', () => {
  it('has English and at least one more language', () => {
    expect(Object.keys(catalogues)).toContain(SOURCE_LANGUAGE);
    expect(Object.keys(catalogues).length).toBeGreaterThan(1);
  });

  it.each(Object.keys(catalogues))('%s has every namespace and key, with its own plural forms', (language) => {
    const mine = catalogues[language] ?? {};
    expect(Object.keys(mine).sort()).toEqual([...namespaces].sort());
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
    for (const namespace of namespaces) {
      const wanted = keyShapes(source[namespace]?.keys() ?? []);
      const have = keyShapes(mine[namespace]?.keys() ?? []);
      const label = `${language}/${namespace}.json`;
      expect([...have.keys()].sort(), `${label}: keys`).toEqual([...wanted.keys()].sort());
      for (const [key, forms] of have) {
        const plural = (wanted.get(key) ?? []).length > 0;
        expect(forms.slice().sort(), `${label}: plural forms of ${key}`).toEqual(plural ? categories : []);
      }
      for (const [key, text] of mine[namespace] ?? []) {
        expect(text.trim(), `${label}: ${key} is empty`).not.toBe('');
        // Interpolations are the same set in every language (a translation cannot drop {{name}}).
        const names = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
        const english = source[namespace]?.get(key) ?? source[namespace]?.get(`${baseKey(key)}_other`) ?? '';
        expect(names(text), `${label}: ${key} interpolations`).toEqual(names(english));
      }
    }
  });

  const files = sourceFiles(ROOT).map((f): [string, string] => [path.relative(ROOT, f), readFileSync(f, 'utf8')]);
  const scan = scanSources(files, namespaces);

  it('names a namespace for every key it asks for', () => {
    expect(scan.problems).toEqual([]);
    // The scan finds the calls (a broken scan must not pass by finding nothing).
    expect(scan.uses.length).toBeGreaterThan(300);
  });

  it('has every key the code asks for', () => {
    expect(missingKeys(scan.uses, source)).toEqual([]);
  });

  it('uses every key it has', () => {
    expect(unusedKeys(scan, source)).toEqual([]);
  });

  it('catches planted mistakes', () => {
    const catalogue = {
      common: flatten({ ok: 'OK', item_one: 'a', item_other: 'b', state: { a: 'A' } }, '', new Map()),
    };
    const planted = scanSources(
      [
        [
          'x.tsx',
          [
            "const { t } = useTranslation('common');",
            "t('ok'); t('missing'); t(busy === 'yes' ? 'ok' : 'gone');",
            "t('item'); t('item', { count });",
            't(`state.${s}`); t(`nothing.${s}`);',
            "i18n.t('bare');",
          ].join('\n'),
        ],
      ],
      new Set(['common']),
    );
    expect(planted.problems).toEqual(["x.tsx: i18n.t('bare') has no namespace (use 'ns:key' outside React)"]);
    expect(missingKeys(planted.uses, catalogue)).toEqual([
      "x.tsx: t('missing'): common:missing is missing",
      "x.tsx: t(busy === 'yes' ? 'ok' : 'gone'): common:gone is missing",
      "x.tsx: t('item'): item is plural but has no count",
      'x.tsx: t(`nothing.${s}`): nothing matches',
    ]);
    const withUnused = { common: flatten({ ok: 'OK', spare: 'S' }, '', new Map()) };
    expect(unusedKeys(planted, withUnused)).toEqual(['common:spare']);
  });
});
