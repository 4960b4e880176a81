/**
 * The UI with 100,000 rows: the browser host (out/web/cli.js, or its sources with BUNDLE=dev:
 * bench/bench-host.ts) on a temp data dir, Debian's Chromium, and the folder of bench/list-keys.ts (seeded here too if missing).
 * Per round (the page is reloaded between rounds; an untimed warm-up round first) it measures,
 * in the page's own clock:
 *   - click on the folder → its first row in the grid (the frame after React committed it);
 *   - click → the status line reads "100,000 items loaded" (every page streamed in);
 *   - JS heap after a forced GC, at the bucket root and with the 100,000 rows loaded;
 *   - grid rows in the DOM (the table is virtualised) and DOM nodes in the page;
 *   - End key → the last row rendered, and scrollTop to the bottom → the last row rendered;
 *   - a top-to-bottom scroll sweep over 120 frames: median and worst frame time (and, for
 *     reference, the frame interval when idle: headless Chromium without a GPU paces frames);
 *   - the page's main-thread time during the load (CDP TaskDuration / ScriptDuration).
 * Run: npx tsx bench/renderer-100k.ts after npm run build   (BENCH_ROUNDS, default 5; CHROMIUM_PATH)
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BUCKET,
  KEYS,
  PREFIX,
  ROUNDS,
  ensureSeeded,
  listFolderWithSdk,
  sdkClient,
  startBenchServer,
} from './bench-data';
import { median, printTable } from './stats';
import { CHROMIUM_ARGS as E2E_CHROMIUM_ARGS } from '../playwright.config';
import { startCliHost, type RunningHost } from '../test/e2e/hosts';
import { testAccountInput } from '../test/servers/s3-target';

const STATIC_DIR = path.resolve('out', 'renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The end-to-end tests' flags, plus what heap measurement needs.
const CHROMIUM_ARGS = [...E2E_CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];
const ACCOUNT = 'bench radosgw';
const FOLDER = PREFIX.replace(/\/$/, '');
/** The status line once every page is in (StatusBar.tsx: `${plural(n, 'item')} loaded`). */
const ALL_LOADED = `${KEYS.toLocaleString('en-US')} items loaded`;
const SWEEP_FRAMES = 120;
const MiB = 1024 * 1024;

/** What the in-page probe records, in performance.now() milliseconds. */
interface Marks {
  click?: number;
  firstRow?: number;
  allLoaded?: number;
  key?: number;
  lastRow?: number;
}
type ProbeWindow = Window & { __bench?: { marks: Marks; stop(): void } };

interface Round {
  firstRowMs: number;
  allLoadedMs: number;
  heapRootMiB: number;
  heapLoadedMiB: number;
  domRows: number;
  domNodes: number;
  endKeyMs: number;
  scrollBottomMs: number;
  sweepMedianMs: number;
  sweepWorstMs: number;
  idleFrameMs: number;
  /** The page's main thread during the load (click → all loaded), from CDP's cumulative metrics. */
  loadTaskS: number;
  loadScriptS: number;
  loadLayoutS: number;
  loadStyleS: number;
}

/**
 * Watches the DOM from now on: the dblclick/keydown that starts a measurement, the first
 * `file-` row in the grid, the status line reaching ALL_LOADED, and the last row. Each mark
 * is taken in the animation frame after the mutation that satisfied it (i.e. when painted).
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(
    ({ allLoaded, lastRowId }) => {
      const w = window as ProbeWindow;
      w.__bench?.stop();
      const marks: Marks = {};
      const atNextFrame = (name: keyof Marks): void => {
        marks[name] = -1; // pending
        requestAnimationFrame(() => {
          marks[name] = performance.now();
        });
      };
      const check = (): void => {
        if (marks.click !== undefined && marks.firstRow === undefined) {
          const row = Array.from(document.querySelectorAll('[role="rowgroup"] + [role="rowgroup"] [role="row"]')).find(
            (r) => r.textContent?.includes('file-'),
          );
          if (row !== undefined) atNextFrame('firstRow');
        }
        if (marks.click !== undefined && marks.allLoaded === undefined) {
          if (document.querySelector('.statusbar .status-main')?.textContent?.trim() === allLoaded)
            atNextFrame('allLoaded');
        }
        if (marks.key !== undefined && marks.lastRow === undefined && document.getElementById(lastRowId) !== null) {
          atNextFrame('lastRow');
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      const onClick = (): void => {
        marks.click ??= performance.now();
      };
      const onKey = (): void => {
        marks.key ??= performance.now();
        check();
      };
      document.addEventListener('dblclick', onClick, true);
      document.addEventListener('keydown', onKey, true);
      w.__bench = {
        marks,
        stop() {
          observer.disconnect();
          document.removeEventListener('dblclick', onClick, true);
          document.removeEventListener('keydown', onKey, true);
        },
      };
    },
    { allLoaded: ALL_LOADED, lastRowId: `object-row-${KEYS - 1}` },
  );
}

async function marks(page: Page): Promise<Marks> {
  return page.evaluate(() => ({ ...(window as ProbeWindow).__bench?.marks }));
}

/** Waits until the probe has taken `name` (and its frame has run). */
async function waitForMark(page: Page, name: keyof Marks, timeout = 600_000): Promise<void> {
  await page.waitForFunction((n) => ((window as ProbeWindow).__bench?.marks[n] ?? -1) > 0, name, {
    polling: 100,
    timeout,
  });
}

const since = (m: Marks, from: keyof Marks, to: keyof Marks): number => {
  const a = m[from];
  const b = m[to];
  if (a === undefined || b === undefined || b < 0) throw new Error(`probe mark ${to} missing: ${JSON.stringify(m)}`);
  return b - a;
};

async function metrics(cdp: CDPSession): Promise<(name: string) => number> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return (name) => list.find((m) => m.name === name)?.value ?? Number.NaN;
}

/** JS heap in use right after two forced full GCs, and the page's DOM node count. */
async function heapAfterGc(cdp: CDPSession): Promise<{ heapMiB: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const metric = await metrics(cdp);
  return { heapMiB: metric('JSHeapUsedSize') / MiB, nodes: metric('Nodes') };
}

/** The median interval between animation frames when nothing happens (the frame rate's floor). */
async function idleFrame(page: Page): Promise<number> {
  const times = await page.evaluate(
    (frames) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = 0;
        const frame = (t: number): void => {
          if (last > 0) out.push(t - last);
          last = t;
          if (out.length < frames) requestAnimationFrame(frame);
          else resolve(out);
        };
        requestAnimationFrame(frame);
      }),
    60,
  );
  return median(times);
}

/** Scrolls the grid from top to bottom in SWEEP_FRAMES equal steps, one per frame; frame times in ms. */
async function scrollSweep(page: Page): Promise<number[]> {
  return page.evaluate(
    (frames) =>
      new Promise<number[]>((resolve) => {
        const body = document.querySelector<HTMLElement>('[role="rowgroup"] + [role="rowgroup"]');
        if (body === null) throw new Error('no grid body');
        body.scrollTop = 0;
        const step = (body.scrollHeight - body.clientHeight) / frames;
        const times: number[] = [];
        let last = 0;
        let i = 0;
        const frame = (t: number): void => {
          if (last > 0) times.push(t - last);
          last = t;
          if (i++ < frames) {
            body.scrollTop = Math.round(step * i);
            requestAnimationFrame(frame);
          } else resolve(times);
        };
        requestAnimationFrame(frame);
      }),
    SWEEP_FRAMES,
  );
}

async function runRound(page: Page, cdp: CDPSession, appUrl: string, round: number): Promise<Round> {
  if (round === 0) await page.goto(appUrl);
  else await page.reload();
  await page.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });

  // The only account is picked on load; clicking it again is harmless. Then the bucket.
  await page.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: ACCOUNT, exact: true }).click();
  await page.getByRole('list', { name: 'Buckets' }).getByRole('button', { name: BUCKET, exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Objects' });
  const folderRow = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: FOLDER, exact: true }) });
  await folderRow.waitFor({ state: 'visible' });
  await page
    .getByRole('status')
    .filter({ hasText: /items? loaded$/ })
    .waitFor();
  const root = await heapAfterGc(cdp);

  await installProbe(page);
  const before = await metrics(cdp);
  await folderRow.dblclick();
  await waitForMark(page, 'firstRow');
  await waitForMark(page, 'allLoaded');
  const after = await metrics(cdp);
  const load = await marks(page);

  const loaded = await heapAfterGc(cdp);
  // The grid's body is the row group after the header's (selected by role, not by a hashed class).
  const domRows = await grid.locator('[role="rowgroup"] + [role="rowgroup"] [role="row"]').count();

  // End: the grid has the focus (aria-activedescendant), End moves it to the last row.
  await grid.focus();
  await installProbe(page);
  await page.keyboard.press('End');
  await waitForMark(page, 'lastRow', 60_000);
  const endKey = await marks(page);
  const lastName = await page
    .locator(`#object-row-${KEYS - 1}`)
    .getByRole('gridcell')
    .first()
    .innerText();
  const expectedLast = `file-${String(KEYS - 1).padStart(6, '0')}.txt`;
  if (lastName.trim() !== expectedLast) throw new Error(`the last row reads "${lastName}", expected ${expectedLast}`);

  // Back to the top, then the scroll bar dragged to the bottom in one go.
  await page.keyboard.press('Home');
  await page.locator('#object-row-0').waitFor({ state: 'attached' });
  await page.locator(`#object-row-${KEYS - 1}`).waitFor({ state: 'detached' });
  await installProbe(page);
  await page.evaluate(() => {
    const w = window as ProbeWindow;
    const body = document.querySelector<HTMLElement>('[role="rowgroup"] + [role="rowgroup"]');
    if (body === null || w.__bench === undefined) throw new Error('no grid body or probe');
    w.__bench.marks.key = performance.now();
    body.scrollTop = body.scrollHeight;
  });
  await waitForMark(page, 'lastRow', 60_000);
  const scroll = await marks(page);

  const frames = await scrollSweep(page);
  await page.evaluate(() => (window as ProbeWindow).__bench?.stop());
  const idleFrameMs = await idleFrame(page);

  return {
    firstRowMs: since(load, 'click', 'firstRow'),
    allLoadedMs: since(load, 'click', 'allLoaded'),
    heapRootMiB: root.heapMiB,
    heapLoadedMiB: loaded.heapMiB,
    domRows,
    domNodes: loaded.nodes,
    endKeyMs: since(endKey, 'key', 'lastRow'),
    scrollBottomMs: since(scroll, 'key', 'lastRow'),
    sweepMedianMs: median(frames),
    sweepWorstMs: Math.max(...frames),
    idleFrameMs,
    loadTaskS: after('TaskDuration') - before('TaskDuration'),
    loadScriptS: after('ScriptDuration') - before('ScriptDuration'),
    loadLayoutS: after('LayoutDuration') - before('LayoutDuration'),
    loadStyleS: after('RecalcStyleDuration') - before('RecalcStyleDuration'),
  };
}

async function main(): Promise<void> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html')))
    throw new Error('out/renderer is missing: run "npm run build".');
  const server = await startBenchServer();
  const s3 = sdkClient(server);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qs-bench-ui-'));
  let web: RunningHost | null = null;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await ensureSeeded(s3);
    // radosgw was just (re)started: one listing warms its bucket index before anything is timed.
    await listFolderWithSdk(s3);
    web = await startCliHost(dataDir);
    const created = await web.invoke('accounts:create', {
      account: testAccountInput(server, ACCOUNT),
    });
    if (!created.ok) throw new Error(`accounts:create: ${created.error.message}`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    // tsx (esbuild, keepNames) wraps named functions in __name(); functions sent to the page carry it.
    await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    const rounds: Round[] = [];
    // Round 0 warms the page (JIT, caches) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const r = await runRound(page, cdp, web.appUrl, round);
      if (problems.length > 0) throw new Error(`errors in the page: ${problems.join('; ')}`);
      if (round > 0) rounds.push(r);
      console.log(
        `${round === 0 ? 'warm-up' : `round ${round}`}: first row ${r.firstRowMs.toFixed(0)} ms, all loaded ${(r.allLoadedMs / 1000).toFixed(2)} s, ` +
          `heap ${r.heapLoadedMiB.toFixed(1)} MiB, ${r.domRows} rows in the DOM, End ${r.endKeyMs.toFixed(0)} ms, ` +
          `scroll to bottom ${r.scrollBottomMs.toFixed(0)} ms, sweep ${r.sweepMedianMs.toFixed(1)}/${r.sweepWorstMs.toFixed(1)} ms ` +
          `(idle ${r.idleFrameMs.toFixed(1)} ms), load main thread ${r.loadTaskS.toFixed(2)} s: JS ${r.loadScriptS.toFixed(2)} s, ` +
          `layout ${r.loadLayoutS.toFixed(2)} s, style ${r.loadStyleS.toFixed(2)} s`,
      );
    }
    const med = (pick: (r: Round) => number): number => median(rounds.map(pick));
    const n = KEYS.toLocaleString('en-US');
    printTable(
      `The UI with ${n} rows (browser host + Debian Chromium ${browser.version()}, radosgw on loopback, median of ${ROUNDS} rounds)`,
      ['measure', 'median'],
      [
        ['click on folder → first row painted', `${med((r) => r.firstRowMs).toFixed(0)} ms`],
        [`click on folder → "${ALL_LOADED}"`, `${(med((r) => r.allLoadedMs) / 1000).toFixed(2)} s`],
        ['rows streamed per second', Math.round(KEYS / (med((r) => r.allLoadedMs) / 1000)).toLocaleString('en-US')],
        ['page main thread busy during that load (all tasks)', `${med((r) => r.loadTaskS).toFixed(2)} s`],
        ['… of which JavaScript', `${med((r) => r.loadScriptS).toFixed(2)} s`],
        ['JS heap after GC, bucket root', `${med((r) => r.heapRootMiB).toFixed(1)} MiB`],
        [`JS heap after GC, ${n} rows loaded`, `${med((r) => r.heapLoadedMiB).toFixed(1)} MiB`],
        ['heap per loaded row', `${((med((r) => r.heapLoadedMiB - r.heapRootMiB) * MiB) / KEYS).toFixed(0)} B`],
        ['grid rows in the DOM', String(Math.round(med((r) => r.domRows)))],
        ['DOM nodes in the page', String(Math.round(med((r) => r.domNodes)))],
        ['End key → last row painted', `${med((r) => r.endKeyMs).toFixed(0)} ms`],
        ['scrollTop to bottom → last row painted', `${med((r) => r.scrollBottomMs).toFixed(0)} ms`],
        [
          `scroll sweep top → bottom in ${SWEEP_FRAMES} frames: median frame`,
          `${med((r) => r.sweepMedianMs).toFixed(1)} ms`,
        ],
        ['scroll sweep: worst frame', `${med((r) => r.sweepWorstMs).toFixed(1)} ms`],
        ['idle frame interval (no scrolling), for reference', `${med((r) => r.idleFrameMs).toFixed(1)} ms`],
      ],
    );
    await context.close();
  } finally {
    await browser.close();
    await web?.stop();
    s3.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    await server.stop();
  }
}

await main();
