// When to sync: at once when asked (the button, a new note), when the connection returns (the
// `online` event), and while notes wait, again and again with a growing pause (backoff).

export interface SyncLoop {
  /** Runs a sync now (or right after the one that is running). */
  now(all?: boolean): void;
  stop(): void;
}

export interface SyncLoopOptions {
  /** One run; answers whether notes still wait (then the loop tries again later). */
  run(all: boolean): Promise<{ retry: boolean }>;
  /** First pause and the longest pause, in ms. */
  firstDelay?: number;
  maxDelay?: number;
}

/** The pause before attempt n (0-based): first · 2^n, at most max, with ±20% jitter. */
export function backoffDelay(attempt: number, first: number, max: number, random = Math.random): number {
  const base = Math.min(max, first * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function startSyncLoop({ run, firstDelay = 5_000, maxDelay = 300_000 }: SyncLoopOptions): SyncLoop {
  let running = false;
  let again: { all: boolean } | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => loop.now(), backoffDelay(attempt, firstDelay, maxDelay));
    attempt += 1;
  };

  const loop: SyncLoop = {
    now(all = false) {
      if (stopped) return;
      if (running) {
        again = { all: all || (again?.all ?? false) };
        return;
      }
      running = true;
      clearTimeout(timer);
      run(all)
        .then(({ retry }) => {
          if (retry) schedule();
          else attempt = 0;
        })
        .catch(() => schedule())
        .finally(() => {
          running = false;
          if (again) {
            const next = again;
            again = null;
            loop.now(next.all);
          }
        });
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
    },
  };
  const onOnline = () => {
    attempt = 0;
    loop.now();
  };
  window.addEventListener('online', onOnline);
  return loop;
}
