/**
 * A file's modification time in nanoseconds (a bigint stat's mtimeNs), split and converted the
 * way a stat's timespec is: whole seconds floored, then the nanoseconds after them.
 */
const NS_PER_S = 1_000_000_000n;

export function timespec(ns: bigint): { seconds: bigint; nanos: bigint } {
  const nanos = ns % NS_PER_S;
  return nanos < 0n ? { seconds: ns / NS_PER_S - 1n, nanos: nanos + NS_PER_S } : { seconds: ns / NS_PER_S, nanos };
}

/** The `mtimeMs` a plain stat gives (Node's own float arithmetic), so checks by plain stat compare equal. */
export function statMtimeMs(ns: bigint): number {
  const { seconds, nanos } = timespec(ns);
  return Number(seconds) * 1000 + Number(nanos) / 1e6;
}
