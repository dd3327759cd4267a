// The theme engine in a worker thread, so a large run never blocks the server's event loop.
// Plain JavaScript on purpose: the engine is TypeScript under src/lib/themes, which tsx compiles
// here on load (the same way `npm run cluster` runs it), in the dev server, the tests and the
// production build alike. Messages: {type:'ready'} once the engine loaded, {type:'progress',
// fraction}, then {type:'result', result} or {type:'error', message}.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { clusterThemes } = await import(workerData.engine);
parentPort.postMessage({ type: 'ready' });
try {
  let last = -1;
  const result = clusterThemes({
    ...workerData.input,
    onProgress: (fraction) => {
      // Enough for a progress bar; no flood of messages.
      if (fraction - last >= 0.01 || fraction >= 1) {
        last = fraction;
        parentPort.postMessage({ type: 'progress', fraction });
      }
    },
  });
  parentPort.postMessage({ type: 'result', result });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
