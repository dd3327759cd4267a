import { Worker } from 'node:worker_threads';
import { resolveFromRoot } from '../config/env.server';
import { type ClusterInput, type ClusterResult, clusterThemes } from '../themes';

export type EngineMode = 'worker' | 'in-process';

export interface EngineRun {
  result: ClusterResult;
  mode: EngineMode;
}

type EngineInput = Omit<ClusterInput, 'onProgress'>;

/**
 * Runs the theme engine in a worker thread (engine.worker.mjs), reporting progress. When the
 * worker cannot even load the engine (no tsx, say), it runs in this process instead, still
 * reporting progress but blocking the event loop while it works; the mode says which happened.
 */
export async function runEngine(
  input: EngineInput,
  onProgress: (fraction: number) => void,
  options: { worker?: boolean } = {},
): Promise<EngineRun> {
  if (options.worker !== false) {
    const outcome = await inWorker(input, onProgress);
    if (outcome.ok) return { result: outcome.result, mode: 'worker' };
    if (outcome.loaded) throw new Error(outcome.message);
    console.warn(`theme engine worker unavailable (${outcome.message}); running in-process`);
  }
  // Let the caller's pending I/O (the job record) go first.
  await new Promise((resolve) => setImmediate(resolve));
  return { result: clusterThemes({ ...input, onProgress }), mode: 'in-process' };
}

type WorkerOutcome = { ok: true; result: ClusterResult } | { ok: false; loaded: boolean; message: string };

function inWorker(input: EngineInput, onProgress: (fraction: number) => void): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    let loaded = false;
    let settled = false;
    const settle = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(outcome);
    };
    const worker = new Worker(resolveFromRoot('src/lib/theme-board/engine.worker.mjs'), {
      workerData: { input, engine: resolveFromRoot('src/lib/themes/index.ts') },
    });
    worker.on(
      'message',
      (message: { type: string; fraction?: number; result?: ClusterResult; message?: string }) => {
        if (message.type === 'ready') loaded = true;
        else if (message.type === 'progress' && typeof message.fraction === 'number')
          onProgress(message.fraction);
        else if (message.type === 'result' && message.result) settle({ ok: true, result: message.result });
        else if (message.type === 'error')
          settle({ ok: false, loaded: true, message: message.message ?? 'engine error' });
      },
    );
    worker.on('error', (error) => settle({ ok: false, loaded, message: error.message }));
    worker.on('exit', (code) => settle({ ok: false, loaded, message: `worker stopped (exit code ${code})` }));
  });
}
