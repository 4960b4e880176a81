/**
 * A job's speed over the last few seconds, from its progress reports. Measured up to "now",
 * so a stalled job's speed falls towards zero instead of freezing at its last value.
 */
const WINDOW_MS = 5000;
const MAX_SAMPLES = 32;

export class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];

  add(at: number, bytes: number): void {
    const last = this.samples.at(-1);
    if (last && bytes < last.bytes) this.samples = []; // restarted from the beginning
    this.samples.push({ at, bytes });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  /** Bytes per second over the window ending now. */
  rate(now: number): number {
    const inWindow = this.samples.filter((s) => s.at >= now - WINDOW_MS);
    const first = inWindow[0];
    const last = inWindow.at(-1);
    if (!first || !last || last === first) return 0;
    const seconds = Math.max(now - first.at, 250) / 1000;
    return Math.round((last.bytes - first.bytes) / seconds);
  }
}

/** Seconds left at this speed, or null when unknown. */
export function etaSeconds(done: number, total: number | null, speed: number): number | null {
  if (total === null || speed <= 0) return null;
  return Math.max(0, Math.ceil((total - done) / speed));
}
