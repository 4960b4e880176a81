import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable if it is installed, else null. Reads node_modules/electron's
 * path.txt itself: `require('electron')` would try to download a missing binary.
 */
export function electronBinary(root = process.cwd()): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = override ? path.join(override, relative) : path.join(pkg, 'dist', relative);
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    return null;
  }
}
