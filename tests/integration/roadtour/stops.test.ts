import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { audienceOfGroup, stopGroups } from '../../../src/lib/roadtour/audience';
import { syncNotes } from '../../../src/lib/roadtour/notes.server';
import { roadtourTeam } from '../../../src/lib/roadtour/page.server';
import {
  addFacilitator,
  completeStop,
  createStop,
  getStop,
  listStops,
  removeFacilitator,
  type Stop,
  updateStop,
} from '../../../src/lib/roadtour/stops.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

type Persona = 'facilitator' | 'admin' | 'moderator' | 'analyst';
const as = (persona: Persona | 'otherFacilitator') =>
  persona === 'otherFacilitator'
    ? forCaller(db, {
        kind: 'staff',
        userId: ids.staff.otherFacilitator,
        email: 'other@doemee.test',
        staffRole: 'facilitator',
      })
    : forCaller(db, callerFor(persona));

const day = 24 * 3600 * 1000;
const newStop = (change: Record<string, unknown> = {}) => ({
  consultationId: ids.openConsultation,
  name: 'Buurthuis De Leyens',
  location: 'Leyens 1, Zoetermeer',
  startsAt: new Date(Date.now() + 10 * day).toISOString(),
  endsAt: new Date(Date.now() + 10 * day + 2 * 3600 * 1000).toISOString(),
  groupType: 'inwoners',
  expectedParticipants: 25,
  ...change,
});

async function planned(
  persona: Persona = 'facilitator',
  change: Record<string, unknown> = {},
): Promise<Stop> {
  const result = await createStop(as(persona), newStop(change));
  if (!result.ok) throw new Error(`could not plan a stop: ${result.code}`);
  return result.stop;
}

const rowOf = (stopId: string) =>
  db.asOwner(
    (tx) => tx.sql<{ name: string; location: string; version: number; status: string }>`
      select name, location, version, status from public.roadtour_stops where id = ${stopId}`,
  );

describe('audience per group', () => {
  test('every stop group has an audience, as the brief maps them', () => {
    expect(Object.keys(audienceOfGroup).sort()).toEqual([...stopGroups].sort());
    expect(audienceOfGroup).toEqual({
      inwoners: 'inwoner',
      inzet: 'inwoner',
      aanbieders: 'aanbieder',
      ouderenbond: 'ouderenbond',
      partners: 'partner',
      gezondheidsnetwerk: 'partner',
      adviesraad: 'adviesraad',
    });
  });
});

describe('planning stops', () => {
  test('a facilitator plans a stop and leads it', async () => {
    const stop = await planned('facilitator', { groupType: 'gezondheidsnetwerk' });
    expect(stop).toMatchObject({
      name: 'Buurthuis De Leyens',
      status: 'planned',
      groupType: 'gezondheidsnetwerk',
      audience: 'partner',
      expectedParticipants: 25,
      createdBy: ids.staff.facilitator,
      facilitatorIds: [ids.staff.facilitator],
      canWrite: true,
      version: 1,
    });
    expect(stop.startsAt).toBeInstanceOf(Date);
    expect(await getStop(as('otherFacilitator'), stop.id)).toMatchObject({ id: stop.id, canWrite: false });
  });

  test('moderators and analysts cannot plan stops', async () => {
    for (const persona of ['moderator', 'analyst'] as const)
      expect(await createStop(as(persona), newStop({ name: `Niet van ${persona}` }))).toEqual({
        ok: false,
        code: 'stop.forbidden',
      });
    const [count] = await db.asOwner(
      (tx) =>
        tx.sql<{
          n: number;
        }>`select count(*)::int as n from public.roadtour_stops where name like 'Niet van %'`,
    );
    expect(count?.n).toBe(0);
  });

  test.each([
    ['an end before the start', { endsAt: new Date(Date.now() + 9 * day).toISOString() }, 'endsAt'],
    ['an unknown group', { groupType: 'toeristen' }, 'groupType'],
    ['a short name', { name: 'ab' }, 'name'],
    ['a negative participant count', { expectedParticipants: -1 }, 'expectedParticipants'],
    ['a malformed date', { startsAt: 'morgen' }, 'startsAt'],
  ])('refuses %s', async (_, change, field) => {
    const result = await createStop(as('facilitator'), newStop(change));
    expect(result).toMatchObject({ ok: false, code: 'stop.invalid' });
    if (!result.ok && 'errors' in result) expect(Object.keys(result.errors ?? {})).toContain(field);
  });

  test('an unknown consultation', async () => {
    expect(await createStop(as('facilitator'), newStop({ consultationId: randomUUID() }))).toEqual({
      ok: false,
      code: 'consultation.notFound',
    });
  });
});

describe('changing stops', () => {
  test('changes the given fields and bumps the version', async () => {
    const stop = await planned();
    const result = await updateStop(as('facilitator'), {
      stopId: stop.id,
      expectedVersion: 1,
      location: 'Wijkcentrum Oost',
      endsAt: null,
    });
    expect(result).toMatchObject({
      ok: true,
      stop: { location: 'Wijkcentrum Oost', name: stop.name, endsAt: null, version: 2 },
    });
  });

  test('a stale version returns the server stop and changes nothing', async () => {
    const stop = await planned();
    const tablet = await updateStop(as('facilitator'), {
      stopId: stop.id,
      expectedVersion: 1,
      name: 'Versie van de tablet',
    });
    expect(tablet.ok).toBe(true);
    const laptop = await updateStop(as('facilitator'), {
      stopId: stop.id,
      expectedVersion: 1,
      name: 'Versie van de laptop',
    });
    expect(laptop).toMatchObject({
      ok: false,
      code: 'stop.conflict',
      current: { id: stop.id, name: 'Versie van de tablet', version: 2 },
    });
    expect(await rowOf(stop.id)).toEqual([
      { name: 'Versie van de tablet', location: stop.location, version: 2, status: 'planned' },
    ]);
  });

  test('two changes with the same version at once: one wins, the other conflicts', async () => {
    const stop = await planned();
    const results = await Promise.all(
      ['Eerste', 'Tweede'].map((name) =>
        updateStop(as('facilitator'), { stopId: stop.id, expectedVersion: 1, name: `${name} wijziging` }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'stop.conflict')).toHaveLength(1);
    expect((await rowOf(stop.id))[0]?.version).toBe(2);
  });

  test("a facilitator cannot change another facilitator's stop; an admin can", async () => {
    expect(
      await updateStop(as('facilitator'), { stopId: ids.otherStop, expectedVersion: 1, name: 'Overgenomen' }),
    ).toEqual({ ok: false, code: 'stop.forbidden' });
    expect((await rowOf(ids.otherStop))[0]?.name).toBe('Ouderenbond');
    const byAdmin = await updateStop(as('admin'), {
      stopId: ids.otherStop,
      expectedVersion: 1,
      location: 'Dorpsstraat',
    });
    expect(byAdmin).toMatchObject({ ok: true, stop: { location: 'Dorpsstraat', version: 2 } });
  });

  test('moderators can read the schedule but not change a stop', async () => {
    expect(await getStop(as('moderator'), ids.stop)).toMatchObject({ id: ids.stop, canWrite: false });
    expect(
      await updateStop(as('moderator'), { stopId: ids.stop, expectedVersion: 1, name: 'Door moderator' }),
    ).toEqual({
      ok: false,
      code: 'stop.forbidden',
    });
    expect((await rowOf(ids.stop))[0]?.name).toBe('Wijkcentrum Noord');
  });

  test('the group cannot change once notes are stored', async () => {
    const stop = await planned();
    await syncNotes(as('facilitator'), {
      stopId: stop.id,
      notes: [
        {
          id: randomUUID(),
          topicKey: 'krachtig-oud',
          kind: 'point',
          body: 'Iets',
          clientCreatedAt: new Date().toISOString(),
        },
      ],
    });
    expect(
      await updateStop(as('facilitator'), { stopId: stop.id, expectedVersion: 1, groupType: 'aanbieders' }),
    ).toEqual({
      ok: false,
      code: 'stop.groupLocked',
    });
  });

  test('an unknown stop', async () => {
    expect(
      await updateStop(as('admin'), { stopId: randomUUID(), expectedVersion: 1, name: 'Nergens' }),
    ).toEqual({
      ok: false,
      code: 'stop.notFound',
    });
    expect(await getStop(as('admin'), 'geen-id')).toBeNull();
  });
});

describe('completing stops', () => {
  test('records the participants and summary and sets completed_at', async () => {
    const stop = await planned();
    const result = await completeStop(as('facilitator'), {
      stopId: stop.id,
      expectedVersion: 1,
      actualParticipants: 18,
      summaryMd: 'Goed gesprek over **zelf blijven doen**.',
    });
    expect(result).toMatchObject({
      ok: true,
      stop: {
        status: 'completed',
        actualParticipants: 18,
        summaryMd: 'Goed gesprek over **zelf blijven doen**.',
      },
    });
    if (result.ok) expect(result.stop.completedAt).toBeInstanceOf(Date);
  });

  test('a stale version conflicts and changes nothing', async () => {
    const stop = await planned();
    await updateStop(as('facilitator'), { stopId: stop.id, expectedVersion: 1, name: 'Nieuwe naam' });
    const result = await completeStop(as('facilitator'), {
      stopId: stop.id,
      expectedVersion: 1,
      actualParticipants: 3,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'stop.conflict',
      current: { name: 'Nieuwe naam', status: 'planned' },
    });
    expect((await rowOf(stop.id))[0]?.status).toBe('planned');
  });

  test("not another facilitator's stop; a participant count is required", async () => {
    expect(
      await completeStop(as('facilitator'), {
        stopId: ids.otherStop,
        expectedVersion: 1,
        actualParticipants: 3,
      }),
    ).toEqual({ ok: false, code: 'stop.forbidden' });
    expect(await completeStop(as('facilitator'), { stopId: ids.stop, expectedVersion: 1 })).toMatchObject({
      ok: false,
      code: 'stop.invalid',
    });
  });
});

describe('co-facilitators', () => {
  test('a facilitator adds a colleague, who may then sync notes to the stop', async () => {
    const stop = await planned();
    const note = {
      id: randomUUID(),
      topicKey: 'krachtig-oud',
      kind: 'idea',
      body: 'Samen koken',
      clientCreatedAt: new Date().toISOString(),
    };
    expect(await syncNotes(as('otherFacilitator'), { stopId: stop.id, notes: [note] })).toMatchObject({
      ok: false,
      code: 'stop.forbidden',
    });
    const added = await addFacilitator(as('facilitator'), {
      stopId: stop.id,
      userId: ids.staff.otherFacilitator,
    });
    expect(added).toMatchObject({ ok: true });
    if (added.ok)
      expect([...added.stop.facilitatorIds].sort()).toEqual(
        [ids.staff.facilitator, ids.staff.otherFacilitator].sort(),
      );
    expect(await syncNotes(as('otherFacilitator'), { stopId: stop.id, notes: [note] })).toMatchObject({
      ok: true,
    });
  });

  test('facilitators and admins see who can lead a stop (names only); other roles see no one', async () => {
    const team = await roadtourTeam(as('facilitator'));
    expect(team.map((t) => t.userId).sort()).toEqual(
      [ids.staff.admin, ids.staff.facilitator, ids.staff.otherFacilitator].sort(),
    );
    expect(team.find((t) => t.userId === ids.staff.otherFacilitator)).toEqual({
      userId: ids.staff.otherFacilitator,
      name: 'Andere gespreksleider',
    });
    expect((await roadtourTeam(as('admin'))).length).toBe(3);
    for (const persona of ['moderator', 'analyst'] as const)
      expect(await roadtourTeam(as(persona))).toEqual([]);
    // Anonymous callers may not call the function at all.
    await expect(
      db.transaction({ kind: 'anon' }, (tx) => tx.sql`select * from public.roadtour_team()`),
    ).rejects.toThrow();
  });

  test("cannot add someone to another facilitator's stop, nor an unknown person", async () => {
    expect(
      await addFacilitator(as('facilitator'), { stopId: ids.otherStop, userId: ids.staff.facilitator }),
    ).toEqual({
      ok: false,
      code: 'stop.forbidden',
    });
    expect(await addFacilitator(as('facilitator'), { stopId: ids.stop, userId: randomUUID() })).toEqual({
      ok: false,
      code: 'facilitator.unknown',
    });
  });
});

describe('taking a facilitator off a stop', () => {
  const otherCaller = {
    kind: 'staff',
    userId: ids.staff.otherFacilitator,
    email: 'other@doemee.test',
    staffRole: 'facilitator',
  } as const;
  const noteFor = () => ({
    id: randomUUID(),
    topicKey: 'krachtig-oud',
    kind: 'point',
    body: 'Hulp bij de was',
    clientCreatedAt: new Date().toISOString(),
  });
  const leadersOf = async (stopId: string) =>
    (
      await db.asOwner(
        (tx) => tx.sql<{ user_id: string }>`
          select user_id from public.stop_facilitators where stop_id = ${stopId} order by user_id`,
      )
    ).map((r) => r.user_id);

  /** A stop planned by the facilitator, led together with the other facilitator. */
  async function shared(): Promise<Stop> {
    const stop = await planned();
    const added = await addFacilitator(as('facilitator'), {
      stopId: stop.id,
      userId: ids.staff.otherFacilitator,
    });
    if (!added.ok) throw new Error(`could not add the co-facilitator: ${added.code}`);
    return added.stop;
  }

  test('the owner takes a co-facilitator off; they can no longer sync notes to the stop', async () => {
    const stop = await shared();
    const removed = await removeFacilitator(as('facilitator'), {
      stopId: stop.id,
      userId: ids.staff.otherFacilitator,
    });
    expect(removed).toMatchObject({
      ok: true,
      stop: { facilitatorIds: [ids.staff.facilitator], canWrite: true },
    });
    expect(await leadersOf(stop.id)).toEqual([ids.staff.facilitator]);
    // Access changes are audited: who took whom off which stop.
    const [logged] = await db.asOwner(
      (tx) => tx.sql<{ actor_id: string; entity_id: string; detail: { before: Record<string, string> } }>`
        select actor_id, entity_id, detail from public.audit_log
        where action = 'stop_facilitators.delete' and detail -> 'before' ->> 'stop_id' = ${stop.id}`,
    );
    expect(logged).toMatchObject({
      actor_id: ids.staff.facilitator,
      entity_id: ids.staff.otherFacilitator,
      detail: { before: { stop_id: stop.id, user_id: ids.staff.otherFacilitator } },
    });
    expect(await getStop(as('otherFacilitator'), stop.id)).toMatchObject({ canWrite: false });
    expect(await syncNotes(as('otherFacilitator'), { stopId: stop.id, notes: [noteFor()] })).toMatchObject({
      ok: false,
      code: 'stop.forbidden',
    });
    // Again (a second device, a double click): nothing to do, no error.
    expect(
      await removeFacilitator(as('facilitator'), { stopId: stop.id, userId: ids.staff.otherFacilitator }),
    ).toMatchObject({ ok: true, stop: { facilitatorIds: [ids.staff.facilitator] } });
  });

  test('nobody takes the owner off: not a co-facilitator, not an admin, not past the app', async () => {
    const stop = await shared();
    for (const persona of ['otherFacilitator', 'admin'] as const)
      expect(
        await removeFacilitator(as(persona), { stopId: stop.id, userId: ids.staff.facilitator }),
      ).toEqual({ ok: false, code: 'facilitator.owner' });
    // The policy refuses it too, for a caller who talks to the database directly.
    const deleted = await db.transaction(
      otherCaller,
      (tx) => tx.sql`
        delete from public.stop_facilitators where stop_id = ${stop.id} and user_id = ${ids.staff.facilitator}
        returning user_id`,
    );
    expect(deleted).toEqual([]);
    expect(await leadersOf(stop.id)).toEqual([ids.staff.facilitator, ids.staff.otherFacilitator].sort());
  });

  test('a co-facilitator takes themself off and loses access to the stop', async () => {
    const stop = await shared();
    const result = await removeFacilitator(as('otherFacilitator'), {
      stopId: stop.id,
      userId: ids.staff.otherFacilitator,
    });
    expect(result).toMatchObject({
      ok: true,
      stop: { facilitatorIds: [ids.staff.facilitator], canWrite: false },
    });
    expect(
      await updateStop(as('otherFacilitator'), {
        stopId: stop.id,
        expectedVersion: stop.version,
        name: 'Nog even',
      }),
    ).toEqual({ ok: false, code: 'stop.forbidden' });
    expect(await syncNotes(as('otherFacilitator'), { stopId: stop.id, notes: [noteFor()] })).toMatchObject({
      ok: false,
      code: 'stop.forbidden',
    });
  });

  test("not on someone else's stop, and not by a moderator", async () => {
    const stop = await shared();
    expect(
      await removeFacilitator(as('facilitator'), {
        stopId: ids.otherStop,
        userId: ids.staff.otherFacilitator,
      }),
    ).toEqual({ ok: false, code: 'stop.forbidden' });
    expect(
      await removeFacilitator(as('moderator'), { stopId: stop.id, userId: ids.staff.otherFacilitator }),
    ).toEqual({ ok: false, code: 'stop.forbidden' });
    expect(
      await removeFacilitator(as('facilitator'), { stopId: randomUUID(), userId: ids.staff.admin }),
    ).toEqual({
      ok: false,
      code: 'stop.notFound',
    });
    expect(await removeFacilitator(as('facilitator'), { stopId: stop.id, userId: 'niemand' })).toMatchObject({
      ok: false,
      code: 'stop.invalid',
    });
    expect(await leadersOf(stop.id)).toEqual([ids.staff.facilitator, ids.staff.otherFacilitator].sort());
  });

  test('a stop whose owner is gone keeps its last facilitator; an admin takes others off', async () => {
    const stop = await shared();
    await db.asOwner(
      (tx) => tx.sql`update public.roadtour_stops set created_by = null where id = ${stop.id}`,
    );
    expect(
      await removeFacilitator(as('admin'), { stopId: stop.id, userId: ids.staff.facilitator }),
    ).toMatchObject({ ok: true, stop: { facilitatorIds: [ids.staff.otherFacilitator] } });
    expect(
      await removeFacilitator(as('otherFacilitator'), {
        stopId: stop.id,
        userId: ids.staff.otherFacilitator,
      }),
    ).toEqual({ ok: false, code: 'facilitator.last' });
    expect(await leadersOf(stop.id)).toEqual([ids.staff.otherFacilitator]);
  });

  test('two facilitators taking each other off at once leave the stop one of them', async () => {
    const stop = await shared();
    await db.asOwner(
      (tx) => tx.sql`update public.roadtour_stops set created_by = null where id = ${stop.id}`,
    );
    const results = await Promise.all([
      removeFacilitator(as('facilitator'), { stopId: stop.id, userId: ids.staff.otherFacilitator }),
      removeFacilitator(as('otherFacilitator'), { stopId: stop.id, userId: ids.staff.facilitator }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'stop.forbidden' }]);
    expect(await leadersOf(stop.id)).toHaveLength(1);
  });
});

describe('the schedule', () => {
  test('upcoming soonest first, past latest first, all by start', async () => {
    const consultationId = ids.closedConsultation;
    const at = (days: number) => new Date(Date.now() + days * day).toISOString();
    const names = ['Over een week', 'Morgen', 'Vorige week', 'Gisteren'];
    for (const [i, days] of [7, 1, -7, -1].entries())
      await planned('admin', { consultationId, name: names[i], startsAt: at(days), endsAt: null });
    const names_ = (stops: Stop[]) => stops.map((s) => s.name);
    const f = as('facilitator');
    expect(names_(await listStops(f, { consultationId, when: 'upcoming' }))).toEqual([
      'Morgen',
      'Over een week',
    ]);
    expect(names_(await listStops(f, { consultationId, when: 'past' }))).toEqual(['Gisteren', 'Vorige week']);
    expect(names_(await listStops(f, { consultationId, when: 'all' }))).toEqual([
      'Vorige week',
      'Gisteren',
      'Morgen',
      'Over een week',
    ]);
    expect(await listStops(forCaller(db, callerFor('anon')), { consultationId, when: 'all' })).toEqual([]);
  });
});
