import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { readAttention } from '../../../src/lib/workspace/attention.server';
import { readSignedInPerson } from '../../../src/lib/workspace/person.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';

let db: TestDatabase;
const as = (persona: Persona) => forCaller(db, callerFor(persona));
const s = ids.staff;

/** 23:30 in Zoetermeer on 6 December 2026 (UTC+1): "today" is the 6th there, the 6th in UTC too. */
const lateEvening = new Date('2026-12-06T22:30:00Z');
let newItems = 0;

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  await db.asOwner(async (tx) => {
    await tx.exec(`
      insert into public.roadtour_stops (id, consultation_id, name, location, starts_at, group_type, created_by, status) values
        -- The facilitator's: this morning, just after midnight (still the 5th in UTC), tomorrow just
        -- after midnight (still the 6th in UTC), and one cancelled today.
        ('c0000000-0000-4000-8000-000000000001', '${ids.openConsultation}', 'Bibliotheek Centrum', 'Centrum', '2026-12-06T09:00:00Z', 'inwoners', '${s.facilitator}', 'planned'),
        ('c0000000-0000-4000-8000-000000000002', '${ids.openConsultation}', 'Nachtcafé', 'Dorp', '2026-12-05T23:30:00Z', 'inwoners', '${s.facilitator}', 'planned'),
        ('c0000000-0000-4000-8000-000000000003', '${ids.openConsultation}', 'Morgen vroeg', 'Dorp', '2026-12-06T23:30:00Z', 'inwoners', '${s.facilitator}', 'planned'),
        ('c0000000-0000-4000-8000-000000000004', '${ids.openConsultation}', 'Afgezegd', 'Dorp', '2026-12-06T12:00:00Z', 'inwoners', '${s.facilitator}', 'cancelled'),
        -- Someone else's stop today: not on the facilitator's Werkplek, nor on the admin's.
        ('c0000000-0000-4000-8000-000000000005', '${ids.openConsultation}', 'Andermans stop', 'Rokkeveen', '2026-12-06T13:00:00Z', 'inwoners', '${s.otherFacilitator}', 'planned'),
        -- The admin leads one today.
        ('c0000000-0000-4000-8000-000000000006', '${ids.openConsultation}', 'Stadhuis', 'Centrum', '2026-12-06T15:00:00Z', 'inwoners', '${s.admin}', 'planned');
      insert into public.stop_facilitators (stop_id, user_id) values
        ('c0000000-0000-4000-8000-000000000001', '${s.facilitator}'),
        ('c0000000-0000-4000-8000-000000000002', '${s.facilitator}'),
        ('c0000000-0000-4000-8000-000000000003', '${s.facilitator}'),
        ('c0000000-0000-4000-8000-000000000004', '${s.facilitator}'),
        ('c0000000-0000-4000-8000-000000000005', '${s.otherFacilitator}'),
        ('c0000000-0000-4000-8000-000000000006', '${s.admin}')
      on conflict do nothing;

      -- Themes: one answered, one with only spaces (counts), one candidate (not active: does not count).
      insert into public.themes (consultation_id, label, origin, status, reaction_md) values
        ('${ids.openConsultation}', 'Beantwoord', 'discovered', 'active', 'We gaan dit doen.'),
        ('${ids.openConsultation}', 'Alleen spaties', 'discovered', 'active', '   '),
        ('${ids.openConsultation}', 'Kandidaat', 'discovered', 'candidate', ''),
        ('${ids.closedConsultation}', 'Oud thema', 'discovered', 'active', '');

      -- Mail: the world's one waiting message, plus one sent and one that gave up.
      insert into public.mail_outbox (consultation_id, to_email, subject, body_text, body_html, kind, sent_at, attempts) values
        ('${ids.openConsultation}', 'verstuurd@example.test', 'Onderwerp', 'Tekst', '<p>Tekst</p>', 'results_published', now(), 0),
        ('${ids.openConsultation}', 'mislukt@example.test', 'Onderwerp', 'Tekst', '<p>Tekst</p>', 'results_published', null, 5);
    `);
    const [row] = await tx.query<{ n: number }>(
      "select count(*)::int as n from public.input_items where status = 'new'",
    );
    newItems = row?.n ?? 0;
  });
});

afterAll(async () => {
  await db.dispose();
});

const names = (stops: readonly { name: string }[] | null) => stops?.map((stop) => stop.name) ?? null;

describe('what the Werkplek shows per role', () => {
  test('a moderator sees the new items to moderate, and nothing else', async () => {
    expect(newItems).toBeGreaterThan(0);
    expect(await readAttention(as('moderator'), lateEvening)).toEqual({
      toModerate: newItems,
      stopsToday: null,
      themesWithoutReaction: null,
      mailWaiting: null,
      mailFailed: null,
    });
  });

  test('a facilitator sees their own stops of today in Zoetermeer time, not cancelled ones or another’s', async () => {
    const attention = await readAttention(as('facilitator'), lateEvening);
    expect(names(attention.stopsToday)).toEqual(['Nachtcafé', 'Bibliotheek Centrum']);
    expect(attention).toMatchObject({
      toModerate: null,
      themesWithoutReaction: null,
      mailWaiting: null,
      mailFailed: null,
    });
  });

  test('"today" follows the Amsterdam calendar day, not UTC', async () => {
    // 00:30 on the 7th in Zoetermeer (still the 6th in UTC): the 7th's stop, none of the 6th's.
    const attention = await readAttention(as('facilitator'), new Date('2026-12-06T23:30:00Z'));
    expect(names(attention.stopsToday)).toEqual(['Morgen vroeg']);
  });

  test('an analyst sees the active themes without a reaction, per consultation', async () => {
    const attention = await readAttention(as('analyst'), lateEvening);
    expect(attention.themesWithoutReaction).toEqual([
      { slug: 'dicht', title: 'Gesloten raadpleging', count: 1 },
      // The world's two active themes and the one with only spaces.
      { slug: 'open', title: 'Open raadpleging', count: 3 },
    ]);
    expect(attention).toMatchObject({
      toModerate: null,
      stopsToday: null,
      mailWaiting: null,
      mailFailed: null,
    });
  });

  test('an admin sees every part: moderation, their own stops, themes and the outbox', async () => {
    const attention = await readAttention(as('admin'), lateEvening);
    expect(attention.toModerate).toBe(newItems);
    expect(names(attention.stopsToday)).toEqual(['Stadhuis']);
    expect(attention.themesWithoutReaction?.map((c) => c.count)).toEqual([1, 3]);
    expect(attention.mailWaiting).toBe(1);
    expect(attention.mailFailed).toBe(1);
  });

  test('someone signed in without a staff membership gets nothing, however their token names a role', async () => {
    const attention = await readAttention(as('outsider'), lateEvening);
    expect(attention.stopsToday).toEqual([]);
  });

  test('anonymous callers get no part at all', async () => {
    expect(await readAttention(as('anon'), lateEvening)).toEqual({
      toModerate: null,
      stopsToday: null,
      themesWithoutReaction: null,
      mailWaiting: null,
      mailFailed: null,
    });
  });
});

describe('who the header says is signed in', () => {
  test('the display name, e-mail and role of the caller’s own membership', async () => {
    expect(await readSignedInPerson(as('facilitator'))).toEqual({
      name: 'Gespreksleider',
      email: 'facilitator@doemee.test',
      role: 'facilitator',
    });
  });

  test('without a membership row the e-mail address stands in for the name', async () => {
    expect(await readSignedInPerson(as('outsider'))).toMatchObject({ name: 'outsider@example.test' });
  });

  test('nobody for anonymous callers', async () => {
    expect(await readSignedInPerson(as('anon'))).toBeNull();
  });
});
