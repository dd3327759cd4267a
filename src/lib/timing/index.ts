/**
 * Where one request's time goes, as a `Server-Timing` header (W3C Server Timing), for
 * `npm run bench:submit`'s profile of one answer (issue 21). Off unless SERVER_TIMING=true: the
 * header tells a visitor how long each step took, which is nobody's business in production.
 *
 * Spans are named steps, each the CPU time (user + system) this process spent while the step ran:
 * on a machine shared with other work, wall time mostly measures waiting for a core. It is the
 * step's own CPU when requests do not overlap (the benchmark's concurrency 1); with the embedded
 * database, a step that runs statements includes the database's CPU (it runs in this process).
 * `total` is the whole request's CPU, `wall` its wall time.
 */
export class Timing {
  readonly #started = performance.now();
  readonly #cpuStarted = cpuNow();
  readonly #spans = new Map<string, number>();

  /** Adds `ms` to the span `name`. */
  add(name: string, ms: number): void {
    this.#spans.set(name, (this.#spans.get(name) ?? 0) + ms);
  }

  /** A mark for `since`. */
  mark(): number {
    return cpuNow();
  }

  /** Adds the CPU time since `mark` to `name`. */
  since(name: string, mark: number): void {
    this.add(name, cpuNow() - mark);
  }

  /** Runs fn and adds its CPU time to `name`. */
  measure<T>(name: string, fn: () => T): T {
    const start = cpuNow();
    try {
      return fn();
    } finally {
      this.add(name, cpuNow() - start);
    }
  }

  /** Awaits fn and adds the CPU time meanwhile to `name`. */
  async measureAsync<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = cpuNow();
    try {
      return await fn();
    } finally {
      this.add(name, cpuNow() - start);
    }
  }

  /** `name;dur=0.123, …, total;dur=…, wall;dur=…` (milliseconds). */
  header(): string {
    const spans = [
      ...this.#spans,
      ['total', cpuNow() - this.#cpuStarted] as const,
      ['wall', performance.now() - this.#started] as const,
    ];
    return spans.map(([name, ms]) => `${name};dur=${ms.toFixed(3)}`).join(', ');
  }
}

/** This process's CPU time so far, in milliseconds. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Parses a Server-Timing header into milliseconds per span (for the benchmark). */
export function parseServerTiming(header: string): Record<string, number> {
  const spans: Record<string, number> = {};
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const duration = params.map((p) => p.trim()).find((p) => p.startsWith('dur='));
    if (name && duration) spans[name] = (spans[name] ?? 0) + Number(duration.slice(4));
  }
  return spans;
}
