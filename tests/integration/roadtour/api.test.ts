import { randomUUID } from 'node:crypto';
import type { APIContext } from 'astro';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import * as noteRoute from '../../../src/pages/api/roadtour/notes/[id]';
import * as sessionRoute from '../../../src/pages/api/roadtour/session';
import * as stopRoute from '../../../src/pages/api/roadtour/stops/[id]';
import * as completeRoute from '../../../src/pages/api/roadtour/stops/[id]/complete';
import * as facilitatorsRoute from '../../../src/pages/api/roadtour/stops/[id]/facilitators';
import * as notesRoute from '../../../src/pages/api/roadtour/stops/[id]/notes';
import * as summaryRoute from '../../../src/pages/api/roadtour/stops/[id]/summary';
import * as stopsRoute from '../../../src/pages/api/roadtour/stops/index';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

type Who = 'facilitator' | 'admin' | 'signed-out' | 'expired';

/** The parts of Astro's context the roadtour routes use, as the middleware leaves them. */
function context(
  who: Who,
  method: string,
  path: string,
  params: Record<string, string> = {},
  body?: unknown,
) {
  const url = new URL(`http://localhost${path}`);
  const signedIn = who === 'facilitator' || who === 'admin';
  const caller = signedIn ? callerFor(who) : callerFor('anon');
  return {
    url,
    params,
    request: new Request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
    cookies: { has: (name: string) => who === 'expired' && name === 'dm_session' },
    locals: {
      db: forCaller(db, caller),
      staff: signedIn
        ? {
            userId: ids.staff[who],
            email: `${who}@doemee.test`,
            staffRole: who,
            expiresAt: new Date(Date.now() + 3600_000),
          }
        : null,
    },
  } as unknown as APIContext;
}

const call = async (handler: unknown, ctx: APIContext) => {
  const response = await (handler as (c: APIContext) => Promise<Response>)(ctx);
  // biome-ignore lint/suspicious/noExplicitAny: the route's JSON, checked field by field by the assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('roadtour API', () => {
  test('401 auth.required without a session, auth.expired when the session ran out', async () => {
    const signedOut = await call(stopsRoute.GET, context('signed-out', 'GET', '/api/roadtour/stops'));
    expect(signedOut).toMatchObject({ status: 401, body: { error: { code: 'auth.required' } } });
    const expired = await call(
      notesRoute.POST,
      context('expired', 'POST', `/api/roadtour/stops/${ids.stop}/notes`, { id: ids.stop }, { notes: [] }),
    );
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('auth.expired');
    expect(expired.body.error.message).toMatch(/opnieuw in/);
  });

  test('plans, reads, lists, changes and completes a stop', async () => {
    const created = await call(
      stopsRoute.POST,
      context(
        'facilitator',
        'POST',
        '/api/roadtour/stops',
        {},
        {
          consultationId: ids.openConsultation,
          name: 'Adviesraad Sociaal Domein',
          location: 'Stadhuis',
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          groupType: 'adviesraad',
        },
      ),
    );
    expect(created).toMatchObject({ status: 201, body: { stop: { audience: 'adviesraad', version: 1 } } });
    const id = created.body.stop.id as string;

    const read = await call(
      stopRoute.GET,
      context('facilitator', 'GET', `/api/roadtour/stops/${id}`, { id }),
    );
    expect(read).toMatchObject({ status: 200, body: { stop: { id, name: 'Adviesraad Sociaal Domein' } } });

    const list = await call(
      stopsRoute.GET,
      context(
        'facilitator',
        'GET',
        `/api/roadtour/stops?consultationId=${ids.openConsultation}&when=upcoming`,
      ),
    );
    expect(list.status).toBe(200);
    expect(list.body.stops.map((s: { id: string }) => s.id)).toContain(id);

    const patched = await call(
      stopRoute.PATCH,
      context(
        'facilitator',
        'PATCH',
        `/api/roadtour/stops/${id}`,
        { id },
        { expectedVersion: 1, location: 'Raadzaal' },
      ),
    );
    expect(patched).toMatchObject({ status: 200, body: { stop: { location: 'Raadzaal', version: 2 } } });

    const stale = await call(
      stopRoute.PATCH,
      context(
        'facilitator',
        'PATCH',
        `/api/roadtour/stops/${id}`,
        { id },
        { expectedVersion: 1, location: 'Elders' },
      ),
    );
    expect(stale).toMatchObject({
      status: 409,
      body: { error: { code: 'stop.conflict', current: { location: 'Raadzaal', version: 2 } } },
    });

    const completed = await call(
      completeRoute.POST,
      context(
        'facilitator',
        'POST',
        `/api/roadtour/stops/${id}/complete`,
        { id },
        {
          expectedVersion: 2,
          actualParticipants: 9,
          summaryMd: 'Kort verslag',
        },
      ),
    );
    expect(completed).toMatchObject({
      status: 200,
      body: { stop: { status: 'completed', actualParticipants: 9 } },
    });
  });

  test('syncs notes and reports per note; a foreign stop is 403 with every note to keep', async () => {
    const good = {
      id: randomUUID(),
      topicKey: 'krachtig-oud',
      kind: 'point',
      body: 'Vervoer naar het buurthuis is lastig.',
      clientCreatedAt: new Date().toISOString(),
    };
    const bad = { ...good, id: randomUUID(), body: '  ' };
    const path = `/api/roadtour/stops/${ids.stop}/notes`;
    const synced = await call(
      notesRoute.POST,
      context('facilitator', 'POST', path, { id: ids.stop }, { notes: [good, bad] }),
    );
    expect(synced).toEqual({
      status: 200,
      body: {
        results: [
          { id: good.id, result: 'created' },
          { id: bad.id, result: 'error', code: 'note.empty' },
        ],
        keep: [bad.id],
      },
    });
    const foreign = await call(
      notesRoute.POST,
      context(
        'facilitator',
        'POST',
        `/api/roadtour/stops/${ids.otherStop}/notes`,
        { id: ids.otherStop },
        {
          notes: [{ ...good, id: randomUUID() }],
        },
      ),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toMatchObject({ code: 'stop.forbidden', keep: [expect.any(String)] });
  });

  test('an upload cut off mid-body stores nothing; the whole retry stores each note once', async () => {
    const notes = [1, 2, 3].map((i) => ({
      id: randomUUID(),
      topicKey: 'krachtig-oud',
      kind: 'idea',
      body: `Onderbroken verzending ${i}`,
      clientCreatedAt: new Date().toISOString(),
    }));
    const path = `/api/roadtour/stops/${ids.stop}/notes`;
    const whole = JSON.stringify({ notes });
    const cut = await call(
      notesRoute.POST,
      context('facilitator', 'POST', path, { id: ids.stop }, whole.slice(0, Math.floor(whole.length / 2))),
    );
    expect(cut).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } });
    const count = async () =>
      (
        await db.asOwner(
          (tx) => tx.sql<{ n: number }>`
            select count(*)::int as n from public.input_items where body like 'Onderbroken verzending %'`,
        )
      )[0]?.n;
    expect(await count()).toBe(0);
    for (const expected of ['created', 'already-stored', 'already-stored']) {
      const sent = await call(notesRoute.POST, context('facilitator', 'POST', path, { id: ids.stop }, whole));
      expect(sent.status).toBe(200);
      expect(sent.body.results.map((r: { result: string }) => r.result)).toEqual([
        expected,
        expected,
        expected,
      ]);
    }
    expect(await count()).toBe(3);

    // The app's refresh reads the stop, its topics and its notes back.
    const read = await call(notesRoute.GET, context('facilitator', 'GET', path, { id: ids.stop }));
    expect(read.status).toBe(200);
    expect(read.body.stop).toMatchObject({ id: ids.stop, canWrite: true });
    expect(read.body.topics.map((t: { key: string }) => t.key)).toContain('krachtig-oud');
    expect(read.body.notes.map((n: { id: string }) => n.id)).toEqual(
      expect.arrayContaining(notes.map((n) => n.id)),
    );
    expect((await call(notesRoute.GET, context('expired', 'GET', path, { id: ids.stop }))).status).toBe(401);
    const unknown = await call(
      notesRoute.GET,
      context('facilitator', 'GET', '/api/roadtour/stops/x/notes', { id: randomUUID() }),
    );
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'stop.notFound' } } });
  });

  test('the session route gives a signed-in facilitator a CSRF token; 401 auth.expired otherwise', async () => {
    const signedIn = context('facilitator', 'GET', '/api/roadtour/session');
    (signedIn.locals as { csrfToken?: string }).csrfToken = 'x'.repeat(43);
    expect(await call(sessionRoute.GET, signedIn)).toEqual({
      status: 200,
      body: { csrfToken: 'x'.repeat(43) },
    });
    const expired = await call(sessionRoute.GET, context('expired', 'GET', '/api/roadtour/session'));
    expect(expired).toMatchObject({ status: 401, body: { error: { code: 'auth.expired' } } });
  });

  test('bad requests: not JSON, an unknown stop, a malformed list query', async () => {
    const notJson = await call(
      notesRoute.POST,
      context('facilitator', 'POST', `/api/roadtour/stops/${ids.stop}/notes`, { id: ids.stop }, '{niet json'),
    );
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } });
    const unknown = randomUUID();
    const missing = await call(
      stopRoute.GET,
      context('admin', 'GET', `/api/roadtour/stops/${unknown}`, { id: unknown }),
    );
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'stop.notFound' } } });
    const badQuery = await call(
      stopsRoute.GET,
      context('admin', 'GET', '/api/roadtour/stops?consultationId=x'),
    );
    expect(badQuery.status).toBe(400);
  });

  test('edits and deletes a note, adds a co-facilitator, reads the summary', async () => {
    const id = randomUUID();
    const path = `/api/roadtour/stops/${ids.emptyStop}/notes`;
    await call(
      notesRoute.POST,
      context(
        'facilitator',
        'POST',
        path,
        { id: ids.emptyStop },
        {
          notes: [
            {
              id,
              topicKey: 'krachtig-oud',
              kind: 'wish',
              body: 'Eerst',
              clientCreatedAt: new Date().toISOString(),
            },
          ],
        },
      ),
    );
    const edited = await call(
      noteRoute.PATCH,
      context(
        'facilitator',
        'PATCH',
        `/api/roadtour/notes/${id}`,
        { id },
        { expectedVersion: 1, body: 'Daarna' },
      ),
    );
    expect(edited).toMatchObject({ status: 200, body: { note: { body: 'Daarna', version: 2 } } });
    const stale = await call(
      noteRoute.PATCH,
      context(
        'facilitator',
        'PATCH',
        `/api/roadtour/notes/${id}`,
        { id },
        { expectedVersion: 1, body: 'Later' },
      ),
    );
    expect(stale).toMatchObject({
      status: 409,
      body: { error: { code: 'note.conflict', current: { body: 'Daarna' } } },
    });

    const summary = await call(
      summaryRoute.GET,
      context('facilitator', 'GET', `/api/roadtour/stops/${ids.emptyStop}/summary`, { id: ids.emptyStop }),
    );
    expect(summary.status).toBe(200);
    expect(summary.body.topics[0].notes.map((n: { body: string }) => n.body)).toContain('Daarna');

    const removed = await noteRoute.DELETE(
      context('facilitator', 'DELETE', `/api/roadtour/notes/${id}`, { id }),
    );
    expect(removed.status).toBe(204);
    const gone = await call(
      noteRoute.DELETE,
      context('facilitator', 'DELETE', `/api/roadtour/notes/${id}`, { id }),
    );
    expect(gone).toMatchObject({ status: 404, body: { error: { code: 'note.notFound' } } });

    const added = await call(
      facilitatorsRoute.POST,
      context(
        'facilitator',
        'POST',
        `/api/roadtour/stops/${ids.emptyStop}/facilitators`,
        { id: ids.emptyStop },
        {
          userId: ids.staff.otherFacilitator,
        },
      ),
    );
    expect(added.status).toBe(200);
    expect(added.body.stop.facilitatorIds).toContain(ids.staff.otherFacilitator);

    const facilitatorsPath = `/api/roadtour/stops/${ids.emptyStop}/facilitators`;
    const ownerStays = await call(
      facilitatorsRoute.DELETE,
      context('admin', 'DELETE', facilitatorsPath, { id: ids.emptyStop }, { userId: ids.staff.facilitator }),
    );
    expect(ownerStays).toMatchObject({
      status: 409,
      body: {
        error: { code: 'facilitator.owner', message: expect.stringMatching(/blijft altijd gespreksleider/) },
      },
    });
    const takenOff = await call(
      facilitatorsRoute.DELETE,
      context(
        'facilitator',
        'DELETE',
        facilitatorsPath,
        { id: ids.emptyStop },
        { userId: ids.staff.otherFacilitator },
      ),
    );
    expect(takenOff).toMatchObject({
      status: 200,
      body: { stop: { facilitatorIds: [ids.staff.facilitator] } },
    });
    const signedOut = await call(
      facilitatorsRoute.DELETE,
      context(
        'signed-out',
        'DELETE',
        facilitatorsPath,
        { id: ids.emptyStop },
        { userId: ids.staff.facilitator },
      ),
    );
    expect(signedOut.status).toBe(401);
  });
});
