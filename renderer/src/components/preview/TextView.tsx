/**
 * Text, code, JSON, Markdown and HTML: the first 256 KiB read by range. Code and JSON (pretty
 * printed) are highlighted in a worker and rendered as React spans; Markdown through micromark
 * in its safe default (raw HTML escaped, dangerous URLs dropped); HTML only as its source.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { PreviewLink } from '../../../../shared/models';
import { extensionOf, type PreviewKind } from '../../../../shared/preview-types';
import { formatSize } from '../../view-model/format';
import { highlight, type HighlightedLine } from './highlight';
import { readTextStart, type TextStart } from './read-text';
import styles from './QuickLook.module.css';

type Loaded = { status: 'loading' } | { status: 'ready'; value: TextStart } | { status: 'error'; message: string };

interface TextViewProps {
  kind: Extract<PreviewKind, 'text' | 'markdown' | 'json' | 'html'>;
  objectKey: string;
  link: PreviewLink;
}

export default function TextView({ kind, objectKey, link }: TextViewProps) {
  const { t } = useTranslation('preview');
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    readTextStart(link.url, link.size, abort.signal).then(
      (value) => setLoaded({ status: 'ready', value }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ status: 'error', message: String(error) });
      },
    );
    return () => abort.abort();
  }, [link.url, link.size]);

  if (loaded.status === 'loading') return <p className={styles.note}>{t('loading')}</p>;
  if (loaded.status === 'error')
    return (
      <p className={styles.note} role="alert">
        {t('textFailed', { message: loaded.message })}
      </p>
    );
  const { text, truncated } = loaded.value;
  return (
    <div className={styles.textView}>
      {truncated && <p className={styles.note}>{t('truncated', { size: formatSize(link.size) })}</p>}
      <TextBody kind={kind} text={text} truncated={truncated} language={extensionOf(objectKey)} />
    </div>
  );
}

function TextBody({
  kind,
  text,
  truncated,
  language,
}: {
  kind: TextViewProps['kind'];
  text: string;
  truncated: boolean;
  language: string;
}) {
  const { t } = useTranslation('preview');
  switch (kind) {
    case 'markdown':
      return <Markdown text={text} />;
    case 'html':
      return (
        <>
          <p className={styles.note}>{t('htmlSource')}</p>
          <Code code={text} language="html" />
        </>
      );
    case 'json': {
      const parsed = parseJson(text);
      if (parsed.ok) return <Code code={parsed.pretty} language="json" />;
      return (
        <>
          <p className={styles.note}>{truncated ? t('jsonTruncated') : t('invalidJson', { error: parsed.error })}</p>
          <Code code={text} language="json" />
        </>
      );
    }
    case 'text':
      return <Code code={text} language={language} />;
  }
}

function parseJson(text: string): { ok: true; pretty: string } | { ok: false; error: string } {
  try {
    return { ok: true, pretty: JSON.stringify(JSON.parse(text), null, 2) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Plain text at once, its highlighted tokens when the worker answers. */
function Code({ code, language }: { code: string; language: string }) {
  const [answer, setAnswer] = useState<{ code: string; lines: HighlightedLine[] | null } | null>(null);
  useEffect(() => {
    let current = true;
    void highlight(code, language).then((lines) => {
      if (current) setAnswer({ code, lines });
    });
    return () => {
      current = false;
    };
  }, [code, language]);
  // Tokens of another text (the previous file) are never shown for this one.
  const lines = answer?.code === code ? answer.lines : null;
  return (
    <pre className={styles.code} data-highlighted={lines !== null ? 'true' : 'false'}>
      <code>
        {lines === null
          ? code
          : lines.map((line, i) => (
              <span key={i} className={styles.line}>
                {line.map((token, j) => (
                  <span key={j} style={token.color !== undefined ? { color: token.color } : undefined}>
                    {token.content}
                  </span>
                ))}
                {'\n'}
              </span>
            ))}
      </code>
    </pre>
  );
}

/** Links in a document leave the app for a new tab; the app itself never navigates away. */
function openLinkOutside(event: MouseEvent<HTMLElement>): void {
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  if (anchor === null) return;
  event.preventDefault();
  const href = anchor.href;
  if (/^https?:/i.test(href) && !href.startsWith(window.location.origin))
    window.open(href, '_blank', 'noopener,noreferrer');
}

function Markdown({ text }: { text: string }) {
  // micromark's defaults are the safe mode: raw HTML is escaped, javascript: and other unsafe URLs dropped.
  const html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return (
    <article
      className={styles.markdown}
      onClick={openLinkOutside}
      // micromark's safe output (see above): no raw HTML, no dangerous URLs.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
