/** The bucket's static website tab: on or off, its index and error documents, and its address. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BucketWebsite } from '../../../../shared/properties';
import { websiteRule } from '../../../../shared/property-rules';
import { ruleText } from '../../i18n/rules';
import { useAppStore } from '../../store';
import type { BucketRef } from '../../store/props-slice';
import { cx } from '../cx';
import { FieldProblem, useSupported } from './Notices';
import { Loaded, SaveFooter, useBucketProp, useSave } from './bucket-tab-parts';
import propStyles from './properties.module.css';
import { CheckLine } from './CheckLine';

export function WebsiteTab({ bucketRef }: { bucketRef: BucketRef }) {
  const value = useBucketProp(bucketRef, 'website');
  const supported = useSupported(bucketRef.accountId, 'website');
  return (
    <Loaded value={value} supported={supported}>
      {(website) => <WebsiteForm bucketRef={bucketRef} current={website} />}
    </Loaded>
  );
}

function WebsiteForm({ bucketRef, current }: { bucketRef: BucketRef; current: BucketWebsite }) {
  const store = useAppStore();
  const id = useId();
  const [on, setOn] = useState(current.config !== null);
  const [indexDocument, setIndex] = useState(current.config?.indexDocument ?? 'index.html');
  const [errorDocument, setErrorDocument] = useState(current.config?.errorDocument ?? '');
  const [copied, setCopied] = useState<string | null>(null);
  const { busy, error, saved, save, touched } = useSave<BucketWebsite>();
  const { t } = useTranslation('properties');
  const config = on ? { indexDocument, errorDocument: errorDocument === '' ? null : errorDocument } : null;
  const problem = config === null ? null : ruleText(websiteRule(config));

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (problem !== null || busy) return;
    void save(() => store.getState().props.setWebsite(bucketRef, config));
  }

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(current.publicUrl);
      setCopied(t('share.copied'));
    } catch {
      setCopied(t('website.copyFailed'));
    }
  }

  return (
    <form className={cx('form', propStyles.propsForm)} onSubmit={submit} noValidate>
      <CheckLine
        checked={on}
        onChange={(checked) => {
          setOn(checked);
          touched();
        }}
      >
        {t('website.serve')}
      </CheckLine>
      {on && (
        <>
          <div className="field">
            <label htmlFor={`${id}-index`}>{t('website.index')}</label>
            <input
              id={`${id}-index`}
              type="text"
              spellCheck={false}
              value={indexDocument}
              onChange={(e) => {
                setIndex(e.target.value);
                touched();
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-error`}>{t('website.error')}</label>
            <input
              id={`${id}-error`}
              type="text"
              spellCheck={false}
              value={errorDocument}
              placeholder={t('website.errorPlaceholder')}
              onChange={(e) => {
                setErrorDocument(e.target.value);
                touched();
              }}
            />
          </div>
        </>
      )}
      <FieldProblem problem={problem} />
      {current.config !== null && (
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('website.address')}</label>
          <div className={propStyles.copyRow}>
            <input id={`${id}-url`} type="text" readOnly value={current.publicUrl} onFocus={(e) => e.target.select()} />
            <button type="button" className="button" onClick={() => void copy()}>
              {t('share.copy')}
            </button>
          </div>
          <p className="field-hint" role="status">
            {copied ?? t('website.visitors')}
          </p>
        </div>
      )}
      <SaveFooter label={t('website.save')} error={error} saved={saved} disabled={busy || problem !== null} />
    </form>
  );
}
