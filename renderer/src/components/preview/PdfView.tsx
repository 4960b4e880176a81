/**
 * PDF with pdf.js: the document read through the preview link (pdf.js asks for byte ranges),
 * one page at a time drawn to a canvas, with page navigation. Its worker is our own bundled
 * file and eval is off, so the page's CSP stays as it is.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { formatCount } from '../../view-model/format';
import styles from './QuickLook.module.css';

GlobalWorkerOptions.workerSrc = workerUrl;

type Loaded = { status: 'loading' } | { status: 'ready'; pdf: PDFDocumentProxy } | { status: 'error'; message: string };

export default function PdfView({ url }: { url: string }) {
  const { t } = useTranslation('preview');
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [page, setPage] = useState(1);

  useEffect(() => {
    const task = getDocument({ url, isEvalSupported: false, enableXfa: false });
    task.promise.then(
      (pdf) => setLoaded({ status: 'ready', pdf }),
      (error: unknown) =>
        setLoaded({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => void task.destroy();
  }, [url]);

  if (loaded.status === 'loading') return <p className={styles.note}>{t('loading')}</p>;
  if (loaded.status === 'error')
    return (
      <p className={styles.note} role="alert">
        {t('pdf.failed', { message: loaded.message })}
      </p>
    );
  const count = loaded.pdf.numPages;
  return (
    <div className={styles.pdf}>
      <div className={styles.pdfBar}>
        <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('pdf.previousPage')}
        </button>
        <span data-testid="pdf-page">{t('pdf.page', { page: formatCount(page), count: formatCount(count) })}</span>
        <button type="button" className="button" disabled={page >= count} onClick={() => setPage(page + 1)}>
          {t('pdf.nextPage')}
        </button>
      </div>
      {/* One canvas per page: its drawn state starts over with the page. */}
      <PdfPage key={page} pdf={loaded.pdf} page={page} />
    </div>
  );
}

function PdfPage({ pdf, page }: { pdf: PDFDocumentProxy; page: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let render: { cancel(): void } | null = null;
    void pdf.getPage(page).then(async (proxy) => {
      const target = canvas.current;
      if (cancelled || target === null) return;
      const scale = window.devicePixelRatio * 1.25;
      const viewport = proxy.getViewport({ scale });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      target.style.width = `${Math.floor(viewport.width / window.devicePixelRatio)}px`;
      const task = proxy.render({ canvas: target, viewport });
      render = task;
      try {
        await task.promise;
        if (!cancelled) setDrawn(true);
      } catch {
        // Cancelled by a page change or a closed preview.
      }
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [pdf, page]);
  return <canvas ref={canvas} className={styles.pdfCanvas} data-drawn={drawn ? 'true' : 'false'} />;
}
