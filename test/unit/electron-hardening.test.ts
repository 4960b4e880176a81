// The Electron build's own defences: the page's meta CSP and the packaged binary's fuses.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronCsp, withMetaCsp } from '../../electron/main/csp';
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

describe("Electron renderer's meta CSP", () => {
  const source = read('renderer', 'index.html');

  it('the Electron build replaces the meta with exactly the production header policy', () => {
    const built = withMetaCsp(source, electronCsp(false));
    expect(metaCsp(built)).toBe(electronCsp(false));
    expect(metaCsp(built)).toContain("connect-src 'none'");
    // Nothing but the policy changed.
    expect(built.replace(electronCsp(false), '')).toBe(source.replace(metaCsp(source) ?? '', ''));
  });

  it('electron.vite.config.ts runs that transform', () => {
    const config = read('electron.vite.config.ts');
    expect(config).toMatch(/transformIndexHtml: \(html, ctx\) => withMetaCsp\(html, electronCsp\(/);
  });

  it('refuses a page without a CSP meta, so a build cannot ship without one', () => {
    expect(() => withMetaCsp('<html><head></head></html>', electronCsp(false))).toThrow(/Content-Security-Policy/);
  });

  it('the built Electron page carries it (when out/electron-renderer was built)', (ctx) => {
    const built = path.join(root, 'out', 'electron-renderer', 'index.html');
    if (!existsSync(built)) ctx.skip('out/electron-renderer is absent: run npx electron-vite build');
    expect(metaCsp(readFileSync(built, 'utf8'))).toBe(electronCsp(false));
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
