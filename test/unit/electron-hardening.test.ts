// The Electron build's own defences: the page's CSP (app:// header over the shared build's meta) and the packaged binary's fuses.
import { existsSync, readFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appResponse } from '../../electron/main/app-protocol';
import { APP_INDEX_URL } from '../../electron/main/app-url';
import { electronCsp, withMetaCsp } from '../../electron/main/csp';
import { DEFAULT_STATIC_DIR } from '../../electron/web/cli-args';
import { appCsp } from '../../electron/web/security-headers';

// js-yaml comes with electron-builder (a devDependency); typed here by hand.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (...parts: string[]): string => readFileSync(path.join(root, ...parts), 'utf8');

/** The content of the page's CSP meta, or null. */
function metaCsp(html: string): string | null {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null;
}

/** Directive name → its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe("Electron renderer's CSP", () => {
  const source = read('renderer', 'index.html');

  it('the production policy allows no network and no inline code, and frames nothing', () => {
    const policy = directives(electronCsp(false));
    // Only app:// itself: the page's files and Quick Look's preview links.
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('media-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it("main/index.ts serves the page over app:// with the production policy (dev's only with the dev server)", () => {
    const main = read('electron', 'main', 'index.ts');
    expect(main).toMatch(/const dev = location\.devUrl !== null;/);
    expect(main).toMatch(
      /const csp = electronCsp\(dev\);\n.*\n\s+if \(!dev\) handleAppProtocol\(protocol, await realpath\(rendererDir\), csp, answerPreview\);/,
    );
    expect(main).toMatch(/protocol\.registerSchemesAsPrivileged\(\[APP_SCHEME_PRIVILEGES\]\)/);
    expect(read('electron', 'main', 'window.ts')).toMatch(/loadURL\(location\.appUrl\)/);
  });

  it('the built page keeps its own meta, so Electron enforces both: the header can only tighten it', () => {
    // Every directive of the production header is at least as strict as the meta's.
    const meta = directives(metaCsp(source) ?? '');
    for (const [name, sources] of directives(electronCsp(false))) {
      const metaSources = meta.get(name);
      if (metaSources === undefined) continue;
      for (const s of sources) if (s !== "'none'") expect(metaSources, name).toContain(s);
    }
  });

  it('electron.vite.config.ts swaps the meta for the dev policy on the dev server only', () => {
    const config = read('electron.vite.config.ts');
    expect(config).toMatch(
      /apply: 'serve',\s+transformIndexHtml: \(html\) => withMetaCsp\(html, electronCsp\(true\)\)/,
    );
    const dev = withMetaCsp(source, electronCsp(true));
    expect(metaCsp(dev)).toBe(electronCsp(true));
    // Nothing but the policy changed.
    expect(dev.replace(electronCsp(true), '')).toBe(source.replace(metaCsp(source) ?? '', ''));
  });

  it('app:// serves the built out/renderer (npm run build): the page and its assets under the production header', async () => {
    const built = path.join(root, 'out', 'renderer');
    expect(existsSync(path.join(built, 'index.html')), 'out/renderer is missing: run "npm run build"').toBe(true);
    const rendererRoot = await realpath(built);
    const page = await appResponse(rendererRoot, { url: APP_INDEX_URL, method: 'GET' }, electronCsp(false));
    expect(page.headers.get('content-security-policy')).toBe(electronCsp(false));
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const answer = await appResponse(rendererRoot, { url: new URL(asset, APP_INDEX_URL).href, method: 'GET' }, 'x');
      expect(answer.status, asset).toBe(200);
    }
  });

  it('refuses a page without a CSP meta, so the dev server cannot serve one without it', () => {
    expect(() => withMetaCsp('<html><head></head></html>', electronCsp(false))).toThrow(/Content-Security-Policy/);
  });

  it('one renderer build: electron-vite writes out/renderer, which both hosts serve', () => {
    expect(read('electron.vite.config.ts')).toMatch(/renderer: \{[\s\S]*outDir: 'out\/renderer'/);
    expect(read('electron.vite.config.ts')).not.toMatch(/electron-renderer/);
    expect(read('vite.web.config.ts')).not.toMatch(/renderer\/index\.html/);
    expect(DEFAULT_STATIC_DIR).toBe(path.join(root, 'out', 'renderer'));
  });

  it("the browser build's meta is no looser than the browser host's header, except the WebSocket's port", () => {
    const meta = directives(metaCsp(source) ?? '');
    const header = directives(appCsp('127.0.0.1:5000'));
    for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'font-src', 'base-uri', 'object-src']) {
      expect(meta.get(name), name).toEqual(header.get(name));
    }
    expect(meta.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*']);
  });
});

describe('electron-builder fuses', () => {
  const config = yaml.load(read('build', 'electron-builder.yml')) as { electronFuses?: Record<string, boolean> };

  it('are set: no run-as-node, NODE_OPTIONS or --inspect; asar only and checked; cookies encrypted', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The page comes over app://, so file:// keeps no extra privileges.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("are options the installed electron-builder knows (its schema's FuseOptionsV1)", () => {
    const schema = JSON.parse(read('node_modules', 'app-builder-lib', 'scheme.json')) as {
      properties: Record<string, unknown>;
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    expect(schema.properties).toHaveProperty('electronFuses');
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(known.length).toBeGreaterThan(5);
    for (const fuse of Object.keys(config.electronFuses ?? {})) expect(known, fuse).toContain(fuse);
  });
});
