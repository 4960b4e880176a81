// Words in components come from the catalogue: the lint rule fires on a planted literal.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const RULE = 'i18next/no-literal-string';

async function literalErrors(code: string, filePath = 'renderer/src/components/Planted.tsx'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.filter((m) => m.ruleId === RULE).length ?? 0;
}

const component = (jsx: string): string =>
  [
    "import { useTranslation } from 'react-i18next';",
    'export function Planted({ open }: { open: boolean }) {',
    "  const { t } = useTranslation('common');",
    '  void t;',
    `  return ${jsx};`,
    '}',
    '',
  ].join('\n');

// The first lint loads the whole config (import resolvers, type-aware parsers): seconds.
describe('literal strings in components', { timeout: 60_000 }, () => {
  it.each([
    ['JSX text', '<p>Hello there</p>', 1],
    ['an aria-label', '<button type="button" aria-label="Close the dialog" />', 1],
    ['a title', '<span title="More about this" />', 1],
    ['a placeholder', '<input placeholder="e.g. photos" />', 1],
    ['an alt text', '<img alt="A QR code" src="x.svg" />', 1],
    ["a component's label prop", '<Planted open label="Refresh" />', 1],
    ['both branches of a conditional in JSX', "<p>{open ? 'Open' : 'Closed'}</p>", 2],
    ['a string in an expression', "<p>{'Loading…'}</p>", 1],
  ])('fails on %s', async (_what, jsx, errors) => {
    expect(await literalErrors(component(jsx))).toBe(errors);
  });

  it.each([
    ['catalogue text', "<p>{t('loading')}</p>"],
    ['attributes that carry codes', '<div className="x" role="status" id="a" data-x="y" aria-live="polite" />'],
    ['an option value', '<option value="system">{t(\'loading\')}</option>'],
    ['punctuation only', '<p>{open && ' + "' · '" + '}</p>'],
  ])('allows %s', async (_what, jsx) => {
    expect(await literalErrors(component(jsx))).toBe(0);
  });

  it('covers every component folder, and only components', async () => {
    const code = component('<p>Hello there</p>');
    expect(await literalErrors(code, 'renderer/src/components/preview/Planted.tsx')).toBe(1);
    expect(await literalErrors(code, 'renderer/src/components/properties/Planted.tsx')).toBe(1);
    expect(await literalErrors(code, 'test/e2e/Planted.tsx')).toBe(0);
  });
});
