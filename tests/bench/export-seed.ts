// Bulk seeding for the export benchmark: one consultation with N approved items, as the owner.
import { randomUUID } from 'node:crypto';
import type { Caller, Database } from '../../src/lib/db/types';

export const benchConsultation = 'bench';

export async function seed(db: Database, items: number): Promise<Caller> {
  const analyst = randomUUID();
  await db.asOwner(async (tx) => {
    await tx.sql`insert into auth.users (id, email) values (${analyst}, 'bench-analist@doemee.test')`;
    await tx.sql`insert into public.staff_members (user_id, email, display_name, role)
      values (${analyst}, 'bench-analist@doemee.test', 'Analist', 'analyst')`;
    await tx.exec(`
      insert into public.consultations (id, slug, title, summary, status, opens_at, closes_at)
      values ('00000000-0000-4000-8000-00000000b001', 'bench', 'Bench raadpleging', 'Meten', 'published',
              now() - interval '60 days', now() + interval '30 days');
      insert into public.questions (consultation_id, audience, key, prompt)
      select '00000000-0000-4000-8000-00000000b001', a, 'vraag', 'Wat vindt u belangrijk voor hulp thuis?'
      from unnest(enum_range(null::public.audience)) a;
      insert into public.roadtour_stops (id, consultation_id, name, location, starts_at, group_type, status,
                                         actual_participants, completed_at)
      select ('00000000-0000-4000-8000-0000000c000' || g)::uuid, '00000000-0000-4000-8000-00000000b001',
             'Bijeenkomst ' || g, 'Wijk ' || g, now() - (g || ' days')::interval, 'inwoners', 'completed', 20 + g, now()
      from generate_series(1, 5) g;
      insert into public.themes (id, consultation_id, label, description_md, reaction_md, origin, status, position)
      select ('00000000-0000-4000-8000-0000000d000' || g)::uuid, '00000000-0000-4000-8000-00000000b001',
             'Thema ' || g, 'Beschrijving van **thema ' || g || '**.', 'Wat we doen met thema ' || g, 'guided', 'active', g
      from generate_series(1, 6) g;
      -- The closed list of wijken the submissions below name (issue 16, item 11).
      insert into public.wijken (consultation_id, name, position)
      select '00000000-0000-4000-8000-00000000b001', 'Wijk ' || g, g from generate_series(0, 11) g;
      insert into public.submissions (id, consultation_id, audience, channel, age_band, wijk, receives_help, consent_at,
                                      reference_code, created_at)
      select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, '00000000-0000-4000-8000-00000000b001',
             (enum_range(null::public.audience))[1 + g % 2], 'online',
             (array['tot-55','55-64','65-74','75-84','85-plus'])[1 + g % 5], 'Wijk ' || (g % 12),
             (array['ja','nee','weet-niet'])[1 + g % 3], now(),
             substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 35) & 31) + 1, 1) || substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 30) & 31) + 1, 1) || substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 25) & 31) + 1, 1) || substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 20) & 31) + 1, 1) || '-' || substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 15) & 31) + 1, 1) || substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 10) & 31) + 1, 1) || substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 5) & 31) + 1, 1) || substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((g >> 0) & 31) + 1, 1),
             now() - (g % 50 || ' days')::interval
      from generate_series(1, ${Math.ceil(items / 4)}) g;
    `);
    await tx.exec(`
      insert into public.input_items (id, consultation_id, channel, audience, submission_id, stop_id, question_id, kind,
                                      body, status, created_at)
      select gen_random_uuid(), '00000000-0000-4000-8000-00000000b001',
             case when g % 5 = 0 then 'roadtour'::public.channel else 'online'::public.channel end,
             case when g % 5 = 0 then 'inwoner'::public.audience else s.audience end,
             case when g % 5 = 0 then null else s.id end,
             case when g % 5 = 0 then ('00000000-0000-4000-8000-0000000c000' || (1 + g % 5))::uuid end,
             case when g % 5 = 0 then null else q.id end,
             case when g % 5 = 0 then 'point'::public.input_kind else 'answer'::public.input_kind end,
             case when g % 1000 = 0 then '=HYPERLINK("https://example.test")'
                  else 'Reactie ' || g || ': ik wil graag zelf blijven doen wat ik kan, met een vaste hulp die ' ||
                       'uitlegt en meekijkt. De eigen bijdrage moet betaalbaar blijven en ik wil hulpmiddelen ' ||
                       'eerst kunnen uitproberen voordat ik ze koop. ' || repeat('Extra uitleg. ', g % 7) end,
             'approved', now() - ((g % 50) || ' days')::interval - (g || ' seconds')::interval
      from generate_series(1, ${items}) g
      join public.submissions s on s.id = ('00000000-0000-4000-8000-' || lpad(to_hex(1 + (g - 1) / 4), 12, '0'))::uuid
      join public.questions q on q.consultation_id = s.consultation_id and q.audience = s.audience;
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select ('00000000-0000-4000-8000-0000000d000' || (1 + abs(hashtext(id::text)) % 6))::uuid, id, consultation_id,
             'auto', true, 0.5 + (abs(hashtext(id::text)) % 50) / 100.0
      from public.input_items where consultation_id = '00000000-0000-4000-8000-00000000b001';
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select ('00000000-0000-4000-8000-0000000d000' || (1 + (abs(hashtext(id::text)) + 1) % 6))::uuid, id, consultation_id,
             'auto', false, 0.3
      from public.input_items where consultation_id = '00000000-0000-4000-8000-00000000b001'
        and abs(hashtext(id::text)) % 3 = 0;
    `);
  });
  // Planner statistics, as Postgres's autovacuum would gather them after a bulk load.
  await db.asOwner((tx) => tx.exec('analyze'));
  return { kind: 'staff', userId: analyst, email: 'bench-analist@doemee.test', staffRole: 'analyst' };
}
