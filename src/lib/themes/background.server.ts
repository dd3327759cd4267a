/**
 * Reads a consultation's background documents from a folder (server only):
 * every `*.txt` and `*.md` file directly inside it, in file-name order, as one
 * string per document for `ClusterInput.background`. The convention is
 * `content/background/<consultation-slug>/`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function readBackgroundDir(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new Error(`background folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/i.test(f) && f.toLowerCase() !== 'readme.md')
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** The background folder of a consultation, when it exists: content/background/<slug>. */
export function consultationBackgroundDir(repoRoot: string, slug: string): string | undefined {
  const dir = path.join(repoRoot, 'content', 'background', slug);
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}
