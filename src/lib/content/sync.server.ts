import { service } from '../db/caller';
import type { Database, Tx } from '../db/types';
import type { Consultation } from './schema';

/**
 * Makes the database match content/: consultations, topics and questions are upserted by their
 * keys (ids stay stable, so answers keep pointing at their question). Questions or topics that
 * disappeared from content are kept when answers refer to them; otherwise removed.
 */
export async function syncConsultation(db: Database, c: Consultation): Promise<string> {
  return db.transaction(service, async (tx) => {
    const [row] = await tx.sql<{ id: string }>`
      insert into public.consultations (slug, title, summary, status, opens_at, closes_at, retention_until)
      values (${c.slug}, ${c.title}, ${c.summary}, ${c.status}, ${c.opensAt}, ${c.closesAt},
              ${c.retentionUntil ?? null})
      on conflict (slug) do update set
        title = excluded.title, summary = excluded.summary, status = excluded.status,
        opens_at = excluded.opens_at, closes_at = excluded.closes_at, retention_until = excluded.retention_until
      where (consultations.title, consultations.summary, consultations.status, consultations.opens_at,
             consultations.closes_at, consultations.retention_until)
        is distinct from (excluded.title, excluded.summary, excluded.status, excluded.opens_at,
                          excluded.closes_at, excluded.retention_until)
      returning id`;
    const consultationId =
      row?.id ??
      (await tx.sql<{ id: string }>`select id from public.consultations where slug = ${c.slug}`)[0]?.id;
    if (!consultationId) throw new Error(`consultation ${c.slug} was not stored`);

    const topicIds = new Map<string, string>();
    for (const [position, topic] of c.topics.entries()) {
      const [t] = await tx.sql<{ id: string }>`
        insert into public.topics (consultation_id, key, label, description, position)
        values (${consultationId}, ${topic.key}, ${topic.label}, ${topic.description}, ${position})
        on conflict (consultation_id, key) do update set
          label = excluded.label, description = excluded.description, position = excluded.position
        returning id`;
      if (t) topicIds.set(topic.key, t.id);
    }

    const keep: string[] = [];
    for (const [audience, def] of Object.entries(c.audiences)) {
      for (const [position, q] of def.questions.entries()) {
        const [saved] = await tx.sql<{ id: string }>`
          insert into public.questions (consultation_id, topic_id, audience, key, position, prompt, help, required, max_length)
          values (${consultationId}, ${topicIds.get(q.topic) ?? null}, ${audience}, ${q.key}, ${position},
                  ${q.prompt}, ${q.help}, ${q.required}, ${q.maxLength})
          on conflict (consultation_id, audience, key) do update set
            topic_id = excluded.topic_id, position = excluded.position, prompt = excluded.prompt,
            help = excluded.help, required = excluded.required, max_length = excluded.max_length
          returning id`;
        if (saved) keep.push(saved.id);
      }
    }

    await tx.sql`
      delete from public.questions q
      where q.consultation_id = ${consultationId} and not (q.id = any(${keep}::uuid[]))
        and not exists (select 1 from public.input_items i where i.question_id = q.id)`;
    await tx.sql`
      delete from public.topics t
      where t.consultation_id = ${consultationId} and not (t.key = any(${[...topicIds.keys()]}::text[]))
        and not exists (select 1 from public.input_items i where i.topic_id = t.id)
        and not exists (select 1 from public.questions q where q.topic_id = t.id)`;
    await syncWijken(tx, consultationId, c.wijken);
    return consultationId;
  });
}

/**
 * The closed list of wijken (issue 16, item 11): offered in content order; a wijk that left
 * content/ is removed, or kept but no longer offered while answers name it (the foreign key from
 * submissions.wijk holds). Then values written before the list existed are mapped to it.
 */
async function syncWijken(tx: Tx, consultationId: string, wijken: readonly string[]): Promise<void> {
  await tx.sql`
    insert into public.wijken (consultation_id, name, position, offered)
    select ${consultationId}, w.name, w.position::int, true
    from unnest(${[...wijken]}::text[]) with ordinality as w(name, position)
    on conflict (consultation_id, name) do update set position = excluded.position, offered = true
    where (wijken.position, wijken.offered) is distinct from (excluded.position, true)`;
  await tx.sql`
    delete from public.wijken w
    where w.consultation_id = ${consultationId} and not (w.name = any(${[...wijken]}::text[]))
      and not exists (select 1 from public.submissions s where s.consultation_id = w.consultation_id and s.wijk = w.name)`;
  await tx.sql`
    update public.wijken set offered = false
    where consultation_id = ${consultationId} and offered and not (name = any(${[...wijken]}::text[]))`;
  await tx.sql`select private.map_written_wijken(${consultationId})`;
}
