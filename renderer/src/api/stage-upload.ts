/**
 * Browser host: streams a dropped file's bytes to the one-time stage path that
 * `transfers:upload` returned (PUT, same origin). The stage id is the capability, so no
 * cookies or credentials ride along.
 */
import type { Result } from '../../../shared/errors';
import { i18n } from '../i18n';

export async function putStagedFile(stagePath: string, file: Blob, signal?: AbortSignal): Promise<Result<null>> {
  let response: Response;
  try {
    response = await fetch(stagePath, {
      method: 'PUT',
      body: file,
      credentials: 'omit',
      // The route answers itself: a redirect would mean something else is answering.
      redirect: 'error',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      headers: { 'Content-Type': 'application/octet-stream' },
      ...(signal !== undefined ? { signal } : {}),
    });
  } catch (error) {
    const aborted = signal?.aborted === true || (error instanceof DOMException && error.name === 'AbortError');
    return {
      ok: false,
      error: {
        code: aborted ? 'Cancelled' : 'NetworkError',
        message: aborted ? i18n.t('transfers:stage.cancelled') : i18n.t('transfers:stage.failed'),
        detail: error instanceof Error ? error.message : String(error),
      },
    };
  }
  if (response.ok) return { ok: true, value: null };
  const text = (await response.text().catch(() => '')).trim();
  return {
    ok: false,
    error: {
      // 404: the stage is unknown or used; 400/413: the byte count did not match; 5xx: the host could not store it.
      code: response.status >= 500 ? 'LocalIOError' : 'InvalidRequest',
      message: text !== '' ? text : i18n.t('transfers:stage.refused', { status: response.status }),
      detail: `HTTP ${response.status}`,
    },
  };
}
