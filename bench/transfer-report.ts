/**
 * The tables of bench/transfers.ts: per row (the core's cold and warm, each peer) the medians of
 * every measure, each core row's figure divided by each row's, peak RSS, the first byte on the
 * wire, and a summary of issue 12's targets.
 */
import type { TransferSettingsPatch } from '../shared/schemas';
import type { TransferSettings } from '../shared/transfers';
import { median, printTable } from './stats';
import type { ClientRow, Measure } from './transfer-clients';

/** Per measure and row, the values of every round. */
export class Results {
  private readonly measures = new Map<string, Measure[]>();
  private readonly firstBytes = new Map<string, number[]>();
  add(measure: string, row: string, m: Measure): void {
    const k = `${measure}\0${row}`;
    this.measures.set(k, [...(this.measures.get(k) ?? []), m]);
  }
  of(measure: string, row: string): Measure[] {
    return this.measures.get(`${measure}\0${row}`) ?? [];
  }
  /** Milliseconds from the request to its first byte on the wire. */
  addFirstByte(measure: string, row: string, ms: number): void {
    const k = `${measure}\0${row}`;
    this.firstBytes.set(k, [...(this.firstBytes.get(k) ?? []), ms]);
  }
  firstBytesOf(measure: string, row: string): number[] {
    return this.firstBytes.get(`${measure}\0${row}`) ?? [];
  }
}

export interface ReportInput {
  results: Results;
  /** Every row, in table order. */
  rows: ClientRow[];
  /** The core's two rows; null when only the peers ran. */
  core: { cold: ClientRow; warm: ClientRow } | null;
  rounds: number;
  bigMib: number;
  midMib: number;
  files: number;
  fileBytes: number;
  coreSettings: TransferSettingsPatch | undefined;
}

export const sizeLabel = (mib: number): string => (mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`);
export const kibToMib = (kib: number | null): string => (kib === null ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);
const medianOrNull = (values: number[]): number | null => (values.length === 0 ? null : median(values));
const ratio = (r: number | null): string => (r === null ? 'n/a' : `${r.toFixed(2)}×`);
const met = (cold: boolean | null, warm: boolean | null): string =>
  cold === null || warm === null ? 'n/a' : cold && warm ? 'yes' : cold ? 'cold only' : warm ? 'warm only' : 'no';

export function printReport(input: ReportInput): void {
  const { results, rows, core, files } = input;
  const n = `radosgw on loopback, median of ${input.rounds} round${input.rounds === 1 ? '' : 's'}`;
  const BIG = sizeLabel(input.bigMib);
  const MID = sizeLabel(input.midMib);
  const coreRows = core ? [core.cold, core.warm] : [];
  const peerRows = rows.filter((r) => !coreRows.includes(r));
  const bigRate = (s: number): number => input.bigMib / s;
  const filesRate = (s: number): number => files / s;
  const rateOf = (what: string, row: ClientRow, rate: (s: number) => number): number | null =>
    medianOrNull(results.of(what, row.name).map((m) => rate(m.seconds)));

  /** A throughput table: median rate, each round, and each core row's rate divided by each row's. */
  const rateTable = (title: string, what: string, unit: string, rate: (s: number) => number): void => {
    printTable(
      `${title} (${n})`,
      ['client', 'median s', `median ${unit}`, `each round ${unit}`, ...coreRows.map((r) => `${r.name} ÷ client`)],
      rows.map((row) => {
        const ms = results.of(what, row.name);
        const r = median(ms.map((m) => rate(m.seconds)));
        return [
          row.name,
          median(ms.map((m) => m.seconds)).toFixed(2),
          r.toFixed(0),
          ms.map((m) => rate(m.seconds).toFixed(0)).join(', '),
          ...coreRows.map((c) => (c === row ? '' : ratio((rateOf(what, c, rate) ?? 0) / r))),
        ];
      }),
    );
  };
  const folder = `${files.toLocaleString('en-US')} files of ${input.fileBytes / 1024} KiB`;
  rateTable(`Upload of one ${BIG} file`, 'upload', 'MiB/s', bigRate);
  rateTable(`Download of one ${BIG} object`, 'download', 'MiB/s', bigRate);
  rateTable(`Upload of a folder of ${folder}`, 'files', 'files/s', filesRate);
  rateTable(`Download of a folder of ${folder}`, 'files-down', 'files/s', filesRate);

  const rssOf = (what: string, row: ClientRow): number | null =>
    medianOrNull(results.of(what, row.name).map((m) => m.peakRssKiB));
  printTable(
    `Peak RSS of the process doing the transfer (${n}; the core's warm row: its VmHWM over both batches)`,
    ['client', `${MID} upload`, `${BIG} upload`, `${BIG} download`, `${files} files upload`, `${files} files download`],
    rows.map((row) => [
      row.name,
      ...['mid', 'upload', 'download', 'files', 'files-down'].map((what) => kibToMib(rssOf(what, row))),
    ]),
  );
  if (core === null) {
    console.log('\nPeers only (--peers-only): the core was not measured in this run.');
    return;
  }

  const fbOf = (what: string, row: ClientRow): number[] => results.firstBytesOf(what, row.name);
  printTable(
    `First byte on the wire after the request, app already open (${n}; one ${input.fileBytes / 1024} KiB file up, one object down)`,
    ['client', 'upload, median ms', 'each round', 'download, median ms', 'each round'],
    coreRows.map((row) => [
      row.name,
      ...['upload', 'download'].flatMap((what) => [
        (medianOrNull(fbOf(what, row)) ?? Number.NaN).toFixed(1),
        fbOf(what, row)
          .map((ms) => ms.toFixed(1))
          .join(', '),
      ]),
    ]),
  );

  // The issue's targets: each core row against the best peer of that measure.
  const vsBest = (what: string, row: ClientRow, rate: (s: number) => number): number | null => {
    const ours = rateOf(what, row, rate);
    const best = Math.max(...peerRows.map((p) => rateOf(what, p, rate) ?? 0));
    return ours === null || best <= 0 ? null : ours / best;
  };
  const speedTarget = (label: string, what: string, rate: (s: number) => number, times: number): string[] => {
    const cold = vsBest(what, core.cold, rate);
    const warm = vsBest(what, core.warm, rate);
    const ok = (r: number | null): boolean | null => (r === null ? null : r >= times);
    return [label, `≥ ${times} × the best peer`, ratio(cold), ratio(warm), met(ok(cold), ok(warm))];
  };
  const rss = (row: ClientRow): { text: string; ok: boolean } => {
    const up = rssOf('upload', row) ?? Number.NaN;
    const down = rssOf('download', row) ?? Number.NaN;
    const mid = rssOf('mid', row) ?? Number.NaN;
    return {
      text: `${kibToMib(Math.max(up, down))} (${BIG} up ${kibToMib(up)}, down ${kibToMib(down)}; ${MID} up ${kibToMib(mid)})`,
      ok: Math.max(up, down) <= 150 * 1024 && up <= 1.1 * mid,
    };
  };
  const firstByte = (row: ClientRow): { text: string; ok: boolean } => {
    const up = medianOrNull(fbOf('upload', row)) ?? Number.NaN;
    const down = medianOrNull(fbOf('download', row)) ?? Number.NaN;
    return {
      text: `${Math.max(up, down).toFixed(1)} ms (up ${up.toFixed(1)}, down ${down.toFixed(1)})`,
      ok: Math.max(up, down) <= 100,
    };
  };
  const [rssCold, rssWarm] = [rss(core.cold), rss(core.warm)];
  const [fbCold, fbWarm] = [firstByte(core.cold), firstByte(core.warm)];
  printTable(
    `Targets of issue 12 (${n})`,
    ['row', 'target', 'cold', 'warm', 'met?'],
    [
      speedTarget(`upload ${BIG}`, 'upload', bigRate, 1.15),
      speedTarget(`download ${BIG}`, 'download', bigRate, 1.15),
      speedTarget(`upload ${files} × ${input.fileBytes / 1024} KiB`, 'files', filesRate, 1.5),
      speedTarget(`download ${files} × ${input.fileBytes / 1024} KiB`, 'files-down', filesRate, 1.5),
      [
        `peak RSS, ${BIG} upload and download`,
        `≤ 150 MiB, and within 10 % of the ${MID} figure`,
        rssCold.text,
        rssWarm.text,
        met(rssCold.ok, rssWarm.ok),
      ],
      ['first byte on the wire after the request', '≤ 100 ms', fbCold.text, fbWarm.text, met(fbCold.ok, fbWarm.ok)],
    ],
  );

  const hosts = (what: string, row: ClientRow) => results.of(what, row.name).flatMap((m) => (m.host ? [m.host] : []));
  const detail = (what: string): string =>
    coreRows
      .map(
        (row) =>
          `${row.slug}: VmRSS before the batch ${kibToMib(median(hosts(what, row).map((h) => h.rssBeforeKiB)))}, ` +
          `highest VmRSS sampled every 20 ms ${kibToMib(median(hosts(what, row).map((h) => h.sampledMaxRssKiB)))}`,
      )
      .join('; ');
  const startup = median(
    ['upload', 'download', 'files', 'files-down', 'mid'].flatMap((w) =>
      hosts(w, core.cold).map((h) => h.uptimeAtRequest),
    ),
  );
  const settings: TransferSettings | undefined = hosts('upload', core.cold)[0]?.settings;
  console.log(`\nCore host, ${MID} upload: ${detail('mid')}`);
  console.log(`Core host, ${BIG} upload: ${detail('upload')}`);
  console.log(
    `Core settings (${input.coreSettings ? `patched with ${JSON.stringify(input.coreSettings)}` : 'defaults'}): ` +
      `${JSON.stringify(settings)}; conflict policy overwrite. Timed from transfers:upload|download to the ` +
      'batch-finished event in a running core; cold = the first batch of a fresh host process, warm = the ' +
      `same operation again in that process. Node start-up and core creation before the cold request: ` +
      `${startup.toFixed(2)} s (median, not timed).`,
  );
}
