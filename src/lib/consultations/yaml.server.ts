import { parse, stringify } from 'yaml';
import type { Consultation } from '../content/schema';

/**
 * A consultation as a file in the format of content/consultations/*.yaml (ConsultationSchema), so
 * it can live in version control and be read in again (issue 18, part 3). `version` is the
 * database's version at the download: reading the file in again is refused as stale when the
 * consultation changed in between. content/ ignores it.
 */
export function consultationToYaml(c: Consultation, version: number, now = new Date()): string {
  const body = {
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    status: c.status,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    ...(c.retentionUntil ? { retentionUntil: c.retentionUntil } : {}),
    version,
    topics: c.topics,
    audiences: Object.fromEntries(
      Object.entries(c.audiences).map(([audience, def]) => [
        audience,
        {
          profile: def.profile ?? [],
          intro: def.intro,
          questions: def.questions.map(({ hidden, ...q }) => (hidden ? { ...q, hidden } : q)),
        },
      ]),
    ),
    themes: c.themes,
    wijken: c.wijken,
  };
  return `# Raadpleging "${c.title.replace(/\n/g, ' ')}", gedownload uit Doe Mee op ${now.toISOString()}.\n# Sleutels (key) van vragen met antwoorden nooit hernoemen.\n${stringify(body, { lineWidth: 100 })}`;
}

export type YamlRead =
  | { ok: true; raw: unknown; version: number | null }
  | { ok: false; line: number | null };

/** Reads an uploaded file; the caller validates it like a form (checkDefinition). */
export function readConsultationYaml(text: string): YamlRead {
  try {
    const raw = parse(text, { maxAliasCount: 50 });
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, line: null };
    const version = (raw as { version?: unknown }).version;
    return {
      ok: true,
      raw,
      version: typeof version === 'number' && Number.isInteger(version) ? version : null,
    };
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? null;
    return { ok: false, line };
  }
}

/** The download's file name: the slug, as in content/consultations/. */
export const yamlFileName = (slug: string) => `${slug}.yaml`;
