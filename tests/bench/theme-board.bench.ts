/**
 * A "Thema's voorstellen" run of the theme board end to end on the embedded database: read the
 * approved input, cluster it, write themes and assignments back. Once with the engine in a worker
 * thread and once in-process, each time measuring how long the server's event loop was blocked
 * (what other requests would wait). THEME_BOARD_ITEMS sets the size (default 10,000).
 * Prints figures, asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { forCaller } from '../../src/lib/db/types';
import { runJob, startJob } from '../../src/lib/theme-board/jobs.server';
import { migrationsDir, platformSql } from '../support/paths';
import { buildWorld, callerFor, ids } from '../support/world';

const ITEMS = Number(process.env.THEME_BOARD_ITEMS ?? 10_000);
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
const seeded = performance.now();
await db.asOwner(
  (tx) => tx.sql`
    insert into public.input_items (consultation_id, channel, audience, submission_id, question_id, body, status)
    select ${ids.openConsultation}::uuid, 'online', (array['inwoner', 'mantelzorger', 'aanbieder'])[1 + g % 3]::public.audience,
           ${ids.submission}::uuid, ${ids.question}::uuid,
           (${sentences}::text[])[1 + (g * 7) % ${sentences.length}::int]
             || case when g % 3 > 0 then ' ' || (${sentences}::text[])[1 + (g * 13 + 5) % ${sentences.length}::int] else '' end,
           'approved'
    from generate_series(1, ${ITEMS}::int) g`,
);
console.log(
  `seeded ${ITEMS.toLocaleString('en')} approved items in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
);

/** The longest gap between ticks of a 10 ms timer: how long a request could have had to wait. */
function watchEventLoop(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

const order = process.env.THEME_BOARD_ORDER === 'in-process-first' ? [false, true] : [true, false];
for (const worker of order) {
  const analyst = callerFor('analyst');
  const started = await startJob(forCaller(db, analyst), ids.openConsultation, {
    kind: 'propose',
    filters: {},
  });
  if (!started.ok) throw new Error(started.code);
  const stop = watchEventLoop();
  const t0 = performance.now();
  const outcome = await runJob(db, analyst, started.job.id, { worker });
  const seconds = (performance.now() - t0) / 1000;
  const blocked = stop();
  console.log(
    `${worker ? 'worker    ' : 'in-process'}: ${outcome.status} (${outcome.mode ?? outcome.error}) in ${seconds.toFixed(1)} s; ` +
      `event loop blocked at most ${blocked.toFixed(0)} ms; ` +
      `summary ${JSON.stringify(outcome.summary)}`,
  );
}
await db.close();
