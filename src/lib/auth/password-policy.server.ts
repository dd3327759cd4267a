import common from '@zxcvbn-ts/language-common';

/**
 * Staff passwords, the NCSC way: length over complexity (no required character classes), and not
 * a password people commonly choose. The common list is zxcvbn-ts's (about 49,000 passwords from
 * public breaches); a few Dutch and local words that passwords here are likely built on are added.
 * Used wherever a password is chosen: the set-password page and `npm run staff:add`.
 */

export const minPasswordLength = 12;
/** Supabase Auth hashes with bcrypt, which reads at most 72 bytes: a longer password is refused there. */
export const maxPasswordBytes = 72;

export type PasswordRuleProblem = 'tooShort' | 'tooLong' | 'common';

/** Short Dutch reasons, for the command line (`npm run staff:add`). */
export const passwordRuleText: Record<PasswordRuleProblem, string> = {
  tooShort: `korter dan ${minPasswordLength} tekens`,
  tooLong: 'langer dan 72 bytes',
  common: 'een veelgebruikt of makkelijk te raden wachtwoord; kies een zin van een paar losse woorden',
};

const commonPasswords = new Set<string>(
  (common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()),
);
/** Words a password in this product is likely to be built on; checked like the common list. */
const localWords = [
  'wachtwoord',
  'welkom',
  'welkom01',
  'geheim',
  'zoetermeer',
  'doemee',
  'gemeente',
  'gemeentezoetermeer',
  'medewerker',
  'beheerder',
  'moderator',
  'analist',
  'facilitator',
  'roadtour',
  'huishouden',
  'wmo',
];
for (const word of localWords) commonPasswords.add(word);

/** The word under decorations people add to meet rules: case, trailing digits and symbols, a leading symbol. */
function bareWord(password: string): string {
  return password
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[\d\p{P}\p{S}\s]+$/u, '');
}

/** One character or one short block repeated ("aaaaaaaaaaaa", "abcabcabcabc", "121212121212"). */
function isRepetition(password: string): boolean {
  return /^(.{1,4})\1+$/su.test(password);
}

/** A run along the keyboard or the alphabet or digits ("123456789012", "qwertyuiopas", "abcdefghijkl"). */
function isSequence(password: string): boolean {
  const lower = password.toLowerCase();
  const runs = ['01234567890123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];
  return runs.some((run) => run.includes(lower) || [...run].reverse().join('').includes(lower));
}

/**
 * Why a chosen password is refused, or null. `personal` holds words of the person (the e-mail
 * address, the name) that a password must not simply be.
 */
export function passwordRuleProblem(
  password: string,
  personal: readonly string[] = [],
): PasswordRuleProblem | null {
  if ([...password].length < minPasswordLength) return 'tooShort';
  if (Buffer.byteLength(password, 'utf8') > maxPasswordBytes) return 'tooLong';
  const lower = password.toLowerCase();
  const bare = bareWord(password);
  const own = personal.flatMap((p) => p.toLowerCase().split(/[@.\s_-]+/)).filter((part) => part.length >= 4);
  if (
    commonPasswords.has(lower) ||
    commonPasswords.has(bare) ||
    own.includes(bare) ||
    isRepetition(password) ||
    isSequence(password) ||
    // The same word twice, or a common word with its own decorations repeated ("welkomwelkom").
    (bare.length % 2 === 0 &&
      bare.slice(0, bare.length / 2) === bare.slice(bare.length / 2) &&
      commonPasswords.has(bare.slice(0, bare.length / 2)))
  )
    return 'common';
  return null;
}
