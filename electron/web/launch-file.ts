/**
 * The page the browser is opened on (as Jupyter's `jpserver-PID-open.html`): a file only this
 * user can read, in the data folder, that redirects to the app. So the token is never in a
 * command line (the opener's argv) or an environment, where other local users could read it.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** `<dataDir>/qstorage-web-<pid>-open.html`. */
export const launchFilePath = (dataDir: string, pid = process.pid): string =>
  path.join(dataDir, `qstorage-web-${pid}-open.html`);

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Script-free: a meta refresh, and a link for browsers that do not follow it. */
export function launchPage(appUrl: string): string {
  const url = escapeHtml(appUrl);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${url}">
<title>Opening QStorage Desktop</title>
</head>
<body>
<p>This page opens QStorage Desktop. If nothing happens, <a href="${url}">open QStorage Desktop</a>.</p>
</body>
</html>
`;
}

/** Writes the page with mode 0600 (a stale file of the same name is replaced, never followed). */
export async function writeLaunchFile(dataDir: string, appUrl: string): Promise<string> {
  const file = launchFilePath(dataDir);
  await rm(file, { force: true });
  await writeFile(file, launchPage(appUrl), { mode: 0o600, flag: 'wx' });
  return file;
}
