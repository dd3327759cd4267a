import type { Writable } from 'node:stream';
import { finish, put } from './sink';
import type { ExportItem, Report } from './types';

/**
 * Everything in the export as one JSON document, for reuse in other tools: the report figures
 * (themes, quotes, counts, stops) and every item. Written piece by piece: the item array is
 * streamed, never built in memory.
 */
export async function writeJson(
  report: Report,
  items: AsyncIterable<ExportItem>,
  out: Writable,
): Promise<number> {
  const { auditId: _audit, ...rest } = report;
  const head = JSON.stringify({ schema: 'doemee-export/1', ...rest }, null, 2);
  // Open the object again to append the items array.
  await put(out, `${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "items": [`);
  let count = 0;
  for await (const item of items) {
    await put(out, `${count === 0 ? '\n    ' : ',\n    '}${JSON.stringify(item)}`);
    count++;
  }
  await put(out, `${count > 0 ? '\n  ' : ''}]\n}\n`);
  await finish(out);
  return count;
}
