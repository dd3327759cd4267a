/**
 * The review queue at scale on the embedded database: BOARD_REVIEW_ITEMS approved items (default
 * 10,000) in eight themes, all automatic. Measures building the scorer once, then the cycle the
 * analyst triggers with every confirmation: confirm one item, re-score the unconfirmed items
 * (held out in two halves), write the changed scores back, read the first page of the queue.
 * Prints figures, asserts nothing. `npx tsx tests/bench/board-review.bench.ts`
 */
import { performance } from 'node:perf_hooks';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { forCaller } from '../../src/lib/db/types';
import { readReview } from '../../src/lib/theme-board/review.server';
import { confirmItem } from '../../src/lib/theme-board/workspace.server';
import { migrationsDir, platformSql } from '../support/paths';
import { buildWorld, callerFor, ids } from '../support/world';

const ITEMS = Number(process.env.BOARD_REVIEW_ITEMS ?? 10_000);
const sentences = [
  'De eigen bijdrage voor de huishoudelijke hulp is te hoog voor mijn kleine pensioen.',
  'Ik wil graag elke week dezelfde vaste hulp, niet steeds een ander gezicht.',
  'Mijn dochter doet de boodschappen maar zij werkt ook en heeft kinderen.',
  'Een boodschappendienst of een was- en strijkservice zou mij al veel helpen.',
  'Het keukentafelgesprek duurde lang en de formulieren zijn ingewikkeld.',
  'Ik wandel elke dag en ga naar de fysiotherapeut om mijn evenwicht te trainen.',
  'Een robotstofzuiger en een lichte steelstofzuiger maken het schoonmaken makkelijker.',
  'De hulp is vaak de enige die nog langskomt voor een kop koffie en een praatje.',
  'De hulp merkte dat het slechter ging en belde de huisarts en het wijkteam.',
  'Als aanbieder hebben wij te weinig tijd en geld om cliënten te leren het zelf te doen.',
  'Na mijn operatie had ik tijdelijk hulp nodig, nu doe ik het weer zelf met pauzes.',
  'Er zijn te weinig hulpen en het verloop van personeel is hoog.',
];

const db = await openPglite();
await migrate(db, { migrationsDir, platformSql });
await buildWorld(db);
const consultation = ids.openConsultation;
await db.asOwner(async (tx) => {
  await tx.sql`
    insert into public.input_items (consultation_id, channel, audience, submission_id, question_id, body, status)
    select ${consultation}::uuid, 'online', 'inwoner', ${ids.submission}::uuid, ${ids.question}::uuid,
           (${sentences}::text[])[1 + (g * 7) % ${sentences.length}::int]
             || case when g % 3 > 0 then ' ' || (${sentences}::text[])[1 + (g * 13 + 5) % ${sentences.length}::int] else '' end
             || ' (' || g || ')',
           'approved'
    from generate_series(1, ${ITEMS}::int) g`;
  await tx.sql`
    insert into public.themes (consultation_id, label, origin, status, position)
    select ${consultation}::uuid, 'Thema ' || t, 'discovered', 'candidate', t from generate_series(1, 8) t`;
  await tx.sql`
    insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
    select t.id, i.id, i.consultation_id, 'auto', true, 0.5
    from (select id, consultation_id, row_number() over (order by id) as n
          from public.input_items x where consultation_id = ${consultation}::uuid and status = 'approved'
            and not exists (select 1 from public.theme_assignments a where a.input_item_id = x.id and a.is_primary)) i
    join public.themes t on t.consultation_id = i.consultation_id and t.position = 1 + i.n % 8`;
});
const analyst = forCaller(db, callerFor('analyst'));

const t0 = performance.now();
const first = await readReview(analyst, consultation);
if (!first.ok) throw new Error(first.code);
console.log(
  `${ITEMS.toLocaleString('en')} items: first queue ${(performance.now() - t0).toFixed(0)} ms ` +
    `(scorer built in ${first.review.timing.buildMs} ms, re-score ${first.review.timing.scoreMs} ms)`,
);
let next = first.review.items;
for (let round = 1; round <= 5; round++) {
  const item = next[0];
  if (!item?.themeId) break;
  const t1 = performance.now();
  const confirmed = await confirmItem(analyst, { itemId: item.id, themeId: item.themeId });
  if (!confirmed.ok) throw new Error(confirmed.code);
  const t2 = performance.now();
  const review = await readReview(analyst, consultation, { write: true });
  if (!review.ok) throw new Error(review.code);
  const t3 = performance.now();
  next = review.review.items;
  console.log(
    `confirm ${round}: confirm ${(t2 - t1).toFixed(0)} ms; re-score ${review.review.timing.scoreMs} ms ` +
      `(${review.review.remaining.toLocaleString('en')} unconfirmed), write-back ${review.review.timing.writeMs} ms, ` +
      `whole cycle ${(t3 - t1).toFixed(0)} ms`,
  );
}
await db.close();
