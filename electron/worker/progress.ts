/** Coalesces a job's progress to at most one message per interval (5/s), plus a final one. */
export interface ProgressReporter {
  report(bytesDone: number, bytesTotal: number): void;
  /** Sends the latest value now if it was not sent yet. */
  flush(): void;
  /** Drops anything pending (the task ended). */
  stop(): void;
}

export function createProgressReporter(
  emit: (bytesDone: number, bytesTotal: number) => void,
  intervalMs = 200,
  now: () => number = Date.now,
): ProgressReporter {
  let lastEmit = -Infinity;
  let latest: [number, number] | null = null;
  let sent: [number, number] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const send = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!latest || (sent && sent[0] === latest[0] && sent[1] === latest[1])) return;
    sent = latest;
    lastEmit = now();
    emit(latest[0], latest[1]);
  };
  return {
    report(bytesDone, bytesTotal) {
      latest = [bytesDone, bytesTotal];
      const wait = lastEmit + intervalMs - now();
      if (wait <= 0) send();
      else if (!timer) timer = setTimeout(send, wait);
    },
    flush: send,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      latest = null;
    },
  };
}
