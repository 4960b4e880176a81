/**
 * CSS Modules are typed loosely (renderer/src/styles/css.d.ts), so tsc cannot see a misspelt
 * class: `styles.sidbar` would be undefined and the element silently unstyled. This test reads
 * every module and every file that imports one: each class used must exist in its module, and
 * each class a module defines must be used by a file that imports it (no dead rules).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('renderer/src');

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => pattern.test(f))
    .map((f) => path.join(dir, f));
}

/** The class names a sheet's selectors define (at-rule preludes and declarations skipped). */
export function classesOf(css: string): Set<string> {
  const classes = new Set<string>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let prelude = '';
  for (const char of text) {
    if (char === '{') {
      const selector = prelude.trim();
      if (!selector.startsWith('@')) {
        // :global(.x) names a global class, not one of the module's.
        const local = selector.replace(/:global\([^)]*\)/g, '');
        for (const match of local.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) classes.add(match[1] as string);
      }
      prelude = '';
    } else if (char === '}' || char === ';') prelude = '';
    else prelude += char;
  }
  return classes;
}

interface Use {
  file: string;
  sheet: string;
  classes: Set<string>;
}

/** Each import of a module in a component, with the classes read from it (`name.x`, `name['x']`). */
function usesOfModules(): Use[] {
  const uses: Use[] = [];
  for (const file of filesUnder(SRC, /\.tsx?$/)) {
    const code = readFileSync(file, 'utf8');
    for (const [, name, spec] of code.matchAll(/^import (\w+) from '([^']+\.module\.css)';$/gm)) {
      const read = new RegExp(`\\b${name}(?:\\.([\\w$]+)|\\['([^']+)'\\])`, 'g');
      const classes = new Set([...code.matchAll(read)].map((m) => (m[1] ?? m[2]) as string));
      uses.push({ file, sheet: path.resolve(path.dirname(file), spec as string), classes });
    }
  }
  return uses;
}

describe('CSS Modules of the renderer', () => {
  const sheets = filesUnder(SRC, /\.module\.css$/);
  const uses = usesOfModules();

  it('finds the modules and the components that use them', () => {
    expect(sheets.length).toBeGreaterThan(20);
    expect(uses.length).toBeGreaterThanOrEqual(sheets.length);
  });

  it('reads classes from selectors only', () => {
    const css = `/* .comment */ .a, .b:hover > .c { margin: .5rem; } @media (width > 1.5em) { .d { x: url(a.png); } }`;
    expect([...classesOf(css)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('uses only classes its modules define', () => {
    const missing = uses.flatMap(({ file, sheet, classes }) => {
      const defined = classesOf(readFileSync(sheet, 'utf8'));
      return [...classes].filter((c) => !defined.has(c)).map((c) => `${path.relative(SRC, file)}: .${c}`);
    });
    expect(missing).toEqual([]);
  });

  it('leaves no class of a module unused', () => {
    const unused = sheets.flatMap((sheet) => {
      const used = new Set(uses.filter((u) => u.sheet === sheet).flatMap((u) => [...u.classes]));
      return [...classesOf(readFileSync(sheet, 'utf8'))]
        .filter((c) => !used.has(c))
        .map((c) => `${path.relative(SRC, sheet)}: .${c}`);
    });
    expect(unused).toEqual([]);
  });
});
