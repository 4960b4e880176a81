// The installer configuration: targets, files, icon, and electron-builder's own schema check.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder (a devDependency); typed here by hand.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  icon: string;
  linux: { target: string[]; category: string; maintainer: string };
  mac: { target: string[]; category: string };
  win: { target: string[] };
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = yaml.load(readFileSync(path.join(root, 'build', 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('names the app', () => {
    expect(config.appId).toBe('me.quilibrium.qstorage-desktop');
    expect(config.productName).toBe('QStorage Desktop');
    expect(config.directories.output).toBe('dist');
  });

  it('builds AppImage + deb, dmg and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Utility');
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.category).toBe('public.app-category.developer-tools');
    expect(config.win.target).toEqual(['nsis']);
  });

  it("ships the Electron host's bundles, the renderer and package.json, whose main is in out/main", () => {
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    // What main/index.ts loads: the preload, the renderer, the worker beside it.
    const main = readFileSync(path.join(root, 'electron', 'main', 'index.ts'), 'utf8');
    expect(main).toContain("path.join(mainDir, '..', 'preload', 'index.cjs')");
    expect(main).toContain("path.join(mainDir, '..', 'renderer')");
    expect(main).toContain("new URL('./transfer-worker.js', import.meta.url)");
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('has a 512×512 PNG icon rendered from the SVG', () => {
    const icon = path.join(root, config.icon);
    expect(existsSync(icon)).toBe(true);
    expect(pngSize(icon)).toEqual({ width: 512, height: 512 });
    expect(existsSync(path.join(root, 'build', 'icon.svg'))).toBe(true);
  });

  it("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, bogus: true }, new DebugLogger(false))).rejects.toThrow(/bogus/);
  });
});
