/**
 * Sample content for the local sandbox, generated in code (a few kilobytes): buckets with
 * nested folders, images, documents and an empty bucket, so every screen has something to show.
 * The committed sample files (one of each kind a preview shows) are added by sandbox-samples.ts.
 */
import { crc32, deflateSync } from 'node:zlib';

export interface SeedObject {
  key: string;
  body: string | Uint8Array;
  contentType: string;
}

export interface SeedBucket {
  name: string;
  objects: SeedObject[];
}

/** A small valid PNG: a diagonal gradient between two colours. */
export function gradientPng(
  width: number,
  height: number,
  from: [number, number, number],
  to: [number, number, number],
): Uint8Array {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter type: none
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height - 2 || 1);
      for (let c = 0; c < 3; c++) rows.push(Math.round((from[c] ?? 0) + ((to[c] ?? 0) - (from[c] ?? 0)) * t));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

function svg(title: string, fill: string, shape: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">
  <title>${title}</title>
  <rect width="320" height="200" fill="${fill}"/>
  ${shape}
</svg>
`;
}

const PNG = 'image/png';
const SVG = 'image/svg+xml';

export function sandboxSeed(): SeedBucket[] {
  return [
    {
      name: 'photos',
      objects: [
        {
          key: 'sunset.svg',
          contentType: SVG,
          body: svg('Sunset', '#f4a261', '<circle cx="160" cy="150" r="60" fill="#e76f51"/>'),
        },
        {
          key: 'mountains.svg',
          contentType: SVG,
          body: svg('Mountains', '#a8dadc', '<path d="M0 200 L110 60 L180 150 L240 90 L320 200 Z" fill="#457b9d"/>'),
        },
        { key: '2024/', contentType: 'application/x-directory', body: '' },
        { key: '2024/holiday/beach.png', contentType: PNG, body: gradientPng(48, 32, [0, 119, 182], [255, 209, 102]) },
        { key: '2024/holiday/dunes.png', contentType: PNG, body: gradientPng(48, 32, [233, 196, 106], [231, 111, 81]) },
        {
          key: '2024/holiday/notes.txt',
          contentType: 'text/plain',
          body: 'Day 1: beach. Day 2: dunes. Day 3: rain.\n',
        },
        { key: '2025/city.png', contentType: PNG, body: gradientPng(64, 40, [38, 70, 83], [42, 157, 143]) },
        { key: '2025/forest.png', contentType: PNG, body: gradientPng(64, 40, [27, 67, 50], [149, 213, 178]) },
      ],
    },
    {
      name: 'documents',
      objects: [
        {
          key: 'budget.csv',
          contentType: 'text/csv',
          body: 'month,income,expenses\nJanuary,4200,3100\nFebruary,4200,2950\nMarch,4350,3300\n',
        },
        {
          key: 'reports/2025/q1-summary.md',
          contentType: 'text/markdown',
          body: '# Q1 2025\n\nRevenue up 4 %. Costs flat.\n',
        },
        {
          key: 'reports/2025/q2-summary.md',
          contentType: 'text/markdown',
          body: '# Q2 2025\n\nRevenue up 6 %. One new office.\n',
        },
        { key: 'reports/2025/sales.csv', contentType: 'text/csv', body: 'region,q1,q2\nnorth,120,135\nsouth,98,110\n' },
        { key: 'reports/2024/annual-report.md', contentType: 'text/markdown', body: '# 2024\n\nA steady year.\n' },
      ],
    },
    { name: 'backups', objects: [] },
  ];
}
