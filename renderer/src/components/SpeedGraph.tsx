/** A sparkline of the last 60 speed samples (about a minute), upload and download, as inline SVG. */
import { memo } from 'react';
import type { SpeedSample } from '../store';
import { formatSpeed } from '../view-model/transfer-format';
import styles from './SpeedGraph.module.css';

const WIDTH = 180;
const HEIGHT = 36;
const SAMPLES = 60;

/** SVG points for one series, right-aligned so the newest sample is at the right edge. */
export function sparkPoints(values: readonly number[], max: number, width = WIDTH, height = HEIGHT): string {
  const step = width / (SAMPLES - 1);
  const first = SAMPLES - values.length;
  return values
    .map((v, i) => {
      const x = (first + i) * step;
      const y = height - 1 - (max > 0 ? (Math.max(0, v) / max) * (height - 2) : 0);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

export const SpeedGraph = memo(function SpeedGraph({ samples }: { samples: readonly SpeedSample[] }) {
  const up = samples.map((s) => s.up);
  const down = samples.map((s) => s.down);
  const max = Math.max(1, ...up, ...down);
  const last = samples[samples.length - 1];
  const label =
    last === undefined
      ? 'Transfer speed: no samples yet'
      : `Transfer speed over the last minute, now up ${formatSpeed(last.up)}, down ${formatSpeed(last.down)}, peak ${formatSpeed(max)}`;
  return (
    <svg
      className={styles.speedGraph}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      preserveAspectRatio="none"
    >
      <line className={styles.speedGraphBase} x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} />
      {samples.length > 1 && (
        <>
          <polyline className={styles.speedGraphDown} points={sparkPoints(down, max)} />
          <polyline className={styles.speedGraphUp} points={sparkPoints(up, max)} />
        </>
      )}
    </svg>
  );
});
