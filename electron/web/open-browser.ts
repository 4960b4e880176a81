import { spawn } from 'node:child_process';

/**
 * Best effort: hand the URL to the desktop's opener. Failure only means the person opens it by
 * hand. The URL is the launch file's (launch-file.ts), never one holding the token: argv is
 * readable by every local user.
 */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener on this system
  }
}
