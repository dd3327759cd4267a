import { randomUUID } from 'node:crypto';
import { loadConsultations } from '../../../src/lib/content/load.server';
import type { Database } from '../../../src/lib/db/types';
import { contentDir } from '../../support/paths';
import { ids } from '../../support/world';

/** Short answers on four subjects, the way residents write them (no keyword lists: plain text). */
export const answers = {
  kosten: [
    'De eigen bijdrage is te hoog voor mensen met alleen AOW.',
    'Van mijn kleine pensioen kan ik de hulp bijna niet betalen.',
    'Het abonnementstarief is oneerlijk, rijke mensen betalen hetzelfde.',
    'Ik ben bang dat de hulp onbetaalbaar wordt als de eigen bijdrage stijgt.',
    'Met een laag inkomen moet je kiezen: boodschappen of de hulp betalen.',
    'Maak de eigen bijdrage afhankelijk van het inkomen.',
    'De kosten van huishoudelijke hulp lopen hard op voor ouderen.',
    'Wie het kan betalen moet de hulp zelf regelen, dan blijft er geld over.',
  ],
  vast: [
    'Ik wil graag een vaste hulp, niet elke week een ander gezicht.',
    'Steeds een andere hulp aan de deur, dat geeft onrust.',
    'Een vaste hulp kent mijn huis en weet wat ik nodig heb.',
    'Er zijn te weinig hulpen, de wachtlijst is lang en er is veel verloop.',
    'Mijn vaste hulp is vertrokken en de vervanger komt vaak niet op tijd.',
    'Aanbieders kunnen moeilijk personeel vinden voor de huishoudelijke hulp.',
    'Graag dezelfde hulp, dan hoef ik niet steeds alles uit te leggen.',
    'Het verloop van personeel is hoog, daardoor komt er steeds iemand anders.',
  ],
  eenzaam: [
    'De hulp is voor mij ook een praatje, ik zie verder bijna niemand.',
    'Het kopje koffie met de hulp is het gezelligste moment van de week.',
    'Zonder de hulp zou ik me heel eenzaam voelen.',
    'Veel ouderen zijn alleen, de hulp is hun enige contact.',
    'Een ontmoetingsplek in de wijk zou helpen tegen eenzaamheid.',
    'Ik mis de gesprekken met mijn hulp nu ze minder vaak komt.',
    'Eenzaamheid is een groot probleem als de hulp wegvalt.',
    'Samen koffie drinken in het buurthuis maakt de week minder eenzaam.',
  ],
  hulpmiddelen: [
    'Een robotstofzuiger zou mij veel werk schelen.',
    'Met een lichte steelstofzuiger kan ik zelf nog stofzuigen.',
    'Ik wil hulpmiddelen best proberen als iemand uitlegt hoe ze werken.',
    'Een wisser met een lange steel helpt, dan hoef ik niet te bukken.',
    'Slimme apparaten kunnen een deel van het schoonmaken overnemen.',
    'Laat ouderen hulpmiddelen eerst uitproberen voordat ze iets kopen.',
    'De robotstofzuiger van mijn buurvrouw werkt prima.',
    'Uitleg over hulpmiddelen in de wijk zou fijn zijn.',
  ],
} as const;

export interface BoardScene {
  consultation: string;
  question: string;
  submission: string;
  /** Item ids per subject, in the order of `answers`. */
  items: Record<keyof typeof answers, string[]>;
}

/**
 * The consultation of content/consultations/krachtig-oud-worden.yaml (so runs are guided by its
 * expected themes), with one question, one submission and the approved answers above.
 */
export async function createBoardScene(db: Database): Promise<BoardScene> {
  const scene: BoardScene = {
    consultation: randomUUID(),
    question: randomUUID(),
    submission: randomUUID(),
    items: { kosten: [], vast: [], eenzaam: [], hulpmiddelen: [] },
  };
  await db.asOwner(async (tx) => {
    await tx.sql`insert into public.consultations (id, slug, title, status, opens_at, closes_at)
      values (${scene.consultation}, 'krachtig-oud-worden', 'Krachtig oud worden', 'published',
              now() - interval '10 days', now() + interval '30 days')`;
    await tx.sql`insert into public.questions (id, consultation_id, audience, key, prompt)
      values (${scene.question}, ${scene.consultation}, 'inwoner', 'belangrijk', 'Wat vindt u belangrijk?')`;
    await tx.sql`insert into public.submissions (id, consultation_id, audience, consent_at, reference_code)
      values (${scene.submission}, ${scene.consultation}, 'inwoner', now(), 'BXRD-TEST')`;
    await tx.sql`insert into public.contact_emails (consultation_id, email, unsubscribe_token)
      values (${scene.consultation}, 'wil-bericht@example.test', 'token-bordbordbordbordbordbord')`;
    // Its expected themes, as the editor (or the seed from content/) stores them.
    const seed = (await loadConsultations(contentDir)).find((c) => c.slug === 'krachtig-oud-worden');
    for (const [position, theme] of (seed?.themes ?? []).entries())
      await tx.sql`insert into public.expected_themes (consultation_id, key, label, description, position)
        values (${scene.consultation}, ${theme.key}, ${theme.label}, ${theme.description}, ${position})`;
  });
  for (const subject of Object.keys(answers) as (keyof typeof answers)[])
    for (const body of answers[subject]) scene.items[subject].push(await addApproved(db, scene, body));
  return scene;
}

/** Adds one approved answer (as moderation would leave it) and returns its id. */
export async function addApproved(db: Database, scene: BoardScene, body: string): Promise<string> {
  const id = randomUUID();
  await db.asOwner(
    (tx) => tx.sql`
      insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body, status,
                                      moderated_by, moderated_at)
      values (${id}, ${scene.consultation}, 'online', 'inwoner', ${scene.submission}, ${scene.question}, ${body},
              'approved', ${ids.staff.moderator}, now())`,
  );
  return id;
}
