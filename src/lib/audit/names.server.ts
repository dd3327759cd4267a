import type { Tx } from '../db/types';
import type { RefKind } from './labels.nl';
import { formatDay, itemReference, type NameMap, type RawEntry, refsOf } from './readable';

interface NameRow {
  kind: RefKind;
  id: string;
  info: Record<string, string | null> | null;
}

function nameFrom(row: NameRow): string | null {
  const info = row.info;
  if (!info) return null;
  switch (row.kind) {
    case 'staff':
      return info.name && info.name !== info.email ? `${info.name} (${info.email})` : (info.email ?? null);
    case 'item':
      return itemReference(row.id, info);
    case 'stop':
      return info.at ? `${info.label} (${formatDay(info.at)})` : (info.label ?? null);
    case 'snapshot':
      return info.at ? `"${info.label}" van ${formatDay(info.at)}` : `"${info.label}"`;
    case 'publication':
      return info.at ? `"${info.label}", gepubliceerd ${formatDay(info.at)}` : `"${info.label}"`;
    case 'submission':
      return itemReference(row.id, info).replace(/^bericht/, 'inzending');
    case 'import':
      return info.at ? `import uit "${info.label}" van ${formatDay(info.at)}` : `import uit "${info.label}"`;
    case 'written':
      return info.at ? `brief van ${info.label} (${formatDay(info.at)})` : `brief van ${info.label}`;
    case 'job':
      return `opdracht van ${info.at ? formatDay(info.at) : ''}`.trim();
    case 'question': {
      const prompt = info.label ?? '';
      return prompt.length > 60 ? `vraag "${prompt.slice(0, 57)}…"` : `vraag "${prompt}"`;
    }
    default:
      return info.label ?? null;
  }
}

/**
 * The names of every id on one page of the log, in one query (no query per row), as the caller:
 * RLS applies, so an id the admin cannot see shows like a removed one.
 */
export async function lookUpNames(tx: Tx, entries: readonly RawEntry[]): Promise<NameMap> {
  const seen = new Set<string>();
  const refs: { kind: RefKind; id: string }[] = [];
  for (const entry of entries)
    for (const [kind, id] of refsOf(entry)) {
      const key = `${kind}:${id.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push({ kind, id: id.toLowerCase() });
    }
  const names = new Map<string, string | null>();
  if (refs.length === 0) return names;
  const rows = await tx.query<NameRow>(
    `select r.kind, r.id::text as id, case r.kind
       when 'staff' then (select jsonb_build_object('name', m.display_name, 'email', m.email)
                          from public.staff_members m where m.user_id = r.id)
       when 'theme' then (select jsonb_build_object('label', t.label) from public.themes t where t.id = r.id)
       when 'item' then (select jsonb_build_object('at', i.created_at, 'channel', i.channel, 'audience', i.audience)
                         from public.input_items i where i.id = r.id)
       when 'stop' then (select jsonb_build_object('label', s.name, 'at', s.starts_at)
                         from public.roadtour_stops s where s.id = r.id)
       when 'consultation' then (select jsonb_build_object('label', c.title)
                                 from public.consultations c where c.id = r.id)
       when 'publication' then (select jsonb_build_object('label', p.title, 'at', p.published_at)
                                from public.results_publications p where p.id = r.id)
       when 'snapshot' then (select jsonb_build_object('label', s.label, 'at', s.created_at)
                             from public.theme_snapshots s where s.id = r.id)
       when 'question' then (select jsonb_build_object('label', q.prompt) from public.questions q where q.id = r.id)
       when 'topic' then (select jsonb_build_object('label', t.label) from public.topics t where t.id = r.id)
       when 'submission' then (select jsonb_build_object('at', s.created_at, 'channel', s.channel,
                                 'audience', s.audience) from public.submissions s where s.id = r.id)
       when 'job' then (select jsonb_build_object('at', j.created_at) from public.theme_jobs j where j.id = r.id)
       when 'import' then (select jsonb_build_object('label', s.name, 'at', b.created_at)
                           from public.import_batches b join public.import_sources s on s.id = b.source_id where b.id = r.id)
       when 'source' then (select jsonb_build_object('label', s.name) from public.import_sources s where s.id = r.id)
       when 'written' then (select jsonb_build_object('label', w.sender, 'at', w.received_on)
                            from public.written_inputs w where w.id = r.id)
     end as info
     from jsonb_to_recordset($1::jsonb) as r(kind text, id uuid)`,
    [JSON.stringify(refs)],
  );
  for (const row of rows) names.set(`${row.kind}:${row.id}`, nameFrom(row));
  return names;
}
