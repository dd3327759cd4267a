import { resolveFromRoot } from '../config/env.server';
import { loadConsultations } from '../content/load.server';
import type { GuidedTheme } from '../content/schema';

let cache: Promise<Map<string, GuidedTheme[]>> | undefined;

/** The expected (guided) themes of a consultation, from content/consultations/<slug>.yaml. */
export async function guidedThemes(slug: string): Promise<GuidedTheme[]> {
  cache ??= loadConsultations(resolveFromRoot('content')).then(
    (all) => new Map(all.map((c) => [c.slug, c.themes])),
  );
  cache.catch(() => {
    cache = undefined;
  });
  return (await cache).get(slug) ?? [];
}
