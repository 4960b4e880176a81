/**
 * Syntax highlighting off the main thread: shiki's fine-grained core with its JavaScript regex
 * engine (no WASM, no eval), the curated grammars of languages.ts loaded on first use. Answers
 * tokens with a light-dark() colour each; the page renders them as React spans, so no
 * highlighter HTML ever reaches the DOM.
 */
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import type { HighlightRequest, HighlightAnswer, HighlightedLine } from './highlight';
import { grammarFor } from './languages';

const LIGHT = 'github-light';
const DARK = 'github-dark';

let highlighter: Promise<HighlighterCore> | null = null;

const start = (): Promise<HighlighterCore> =>
  (highlighter ??= createHighlighterCore({
    themes: [import('shiki/themes/github-light.mjs'), import('shiki/themes/github-dark.mjs')],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  }));

async function tokens({ code, language }: HighlightRequest): Promise<HighlightedLine[] | null> {
  const grammar = grammarFor(language);
  if (grammar === null) return null;
  const core = await start();
  await core.loadLanguage(grammar.load);
  const result = core.codeToTokens(code, { lang: grammar.id, themes: { light: LIGHT, dark: DARK } });
  return result.tokens.map((line) =>
    line.map((token) => {
      const light = token.htmlStyle?.color ?? token.color;
      const dark = token.htmlStyle?.['--shiki-dark'];
      return { content: token.content, color: light && dark ? `light-dark(${light}, ${dark})` : light };
    }),
  );
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<HighlightRequest>) => void) | null;
  postMessage(message: HighlightAnswer): void;
};

scope.onmessage = (event) => {
  const { id } = event.data;
  tokens(event.data).then(
    (lines) => scope.postMessage({ id, lines }),
    () => scope.postMessage({ id, lines: null }),
  );
};
