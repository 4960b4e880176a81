/**
 * The page's side of highlighting: one lazily started module worker (highlight-worker.ts),
 * requests matched to answers by id. A worker that fails answers null: the text stays plain.
 */

export interface HighlightRequest {
  id: number;
  code: string;
  /** A language id, alias or file extension (languages.ts). */
  language: string;
}

export type HighlightedLine = { content: string; color: string | undefined }[];

export interface HighlightAnswer {
  id: number;
  /** null: no grammar for the language, or highlighting failed. */
  lines: HighlightedLine[] | null;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (lines: HighlightedLine[] | null) => void>();

function highlighter(): Worker {
  if (worker !== null) return worker;
  const started = new Worker(new URL('./highlight-worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = (event: MessageEvent<HighlightAnswer>) => {
    pending.get(event.data.id)?.(event.data.lines);
    pending.delete(event.data.id);
  };
  started.onerror = () => {
    for (const answer of pending.values()) answer(null);
    pending.clear();
    worker = null;
  };
  worker = started;
  return started;
}

/** The code's tokens with colours, or null when it stays plain text. */
export function highlight(code: string, language: string): Promise<HighlightedLine[] | null> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    highlighter().postMessage({ id, code, language } satisfies HighlightRequest);
  });
}
