import type { Writable } from 'node:stream';
import {
  ageBandNames,
  audienceName,
  channelNames,
  describeFilters,
  formatDate,
  formatDateTime,
  groupNames,
  methodText,
  receivesHelpNames,
  stopStatusNames,
} from './labels.nl';
import { finish, put } from './sink';
import type { Breakdown, Report } from './types';

/** Text from residents shown literally: no Markdown or HTML of theirs takes effect. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]{}<>#|~!])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/gm, '$1\\$2$3');
}

const cell = (text: string) => escapeMarkdown(text).replace(/\r?\n/g, ' ');

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) =>
    `| ${cells.map((c) => (typeof c === 'number' ? String(c) : cell(c))).join(' | ')} |`;
  return [line(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

function breakdownTable(title: string, data: Breakdown, names: Record<string, string>): string {
  const rows = Object.entries(data)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => [names[k] ?? k, n]);
  return table([title, 'Aantal'], rows);
}

/** The participatieverslag as Markdown: the same sections as the .docx. */
export function reportMarkdown(report: Report): string {
  const r = report;
  const out: string[] = [];
  out.push(`# Participatieverslag: ${cell(r.consultation.title)}`);
  out.push(`_Concept, gemaakt op ${formatDateTime(r.generatedAt)}. Gegevens: ${cell(describeFilters(r))}._`);
  out.push('## Doel van de raadpleging');
  out.push(methodText.aim(cell(r.consultation.title)));
  if (r.consultation.summary) out.push(cell(r.consultation.summary));
  out.push(
    `De raadpleging liep van ${formatDate(r.consultation.opensAt)} tot ${formatDate(r.consultation.closesAt)}.`,
  );
  out.push('## Hoe mensen konden meedoen');
  out.push(methodText.online);
  out.push(methodText.roadtour);
  out.push(
    table(
      ['Bijeenkomst', 'Datum', 'Groep', 'Status'],
      r.stops.map((s) => [
        s.name,
        formatDate(s.startsAt),
        groupNames[s.groupType] ?? s.groupType,
        stopStatusNames[s.status] ?? s.status,
      ]),
    ),
  );
  out.push('## Wie deden mee');
  out.push(
    `In totaal ${r.totals.items} goedgekeurde reacties: ${r.totals.submissions} online inzendingen en ${r.totals.stopParticipants} deelnemers aan de roadtour.`,
  );
  out.push(
    table(
      ['Doelgroep', 'Reacties', 'Online inzendingen'],
      r.byAudience.map((a) => [audienceName(a.audience), a.items, a.submissions]),
    ),
  );
  out.push(breakdownTable('Kanaal', r.byChannel, channelNames));
  out.push(
    table(
      ['Bijeenkomst', 'Deelnemers', 'Reacties'],
      r.stops
        .filter((s) => s.status === 'completed')
        .map((s) => [s.name, s.actualParticipants ?? 0, s.items]),
    ),
  );
  out.push('### Achtergrond van online deelnemers (waar ingevuld)');
  out.push(breakdownTable('Leeftijd', r.profile.ageBand, ageBandNames));
  out.push(breakdownTable('Krijgt hulp in het huishouden', r.profile.receivesHelp, receivesHelpNames));
  out.push(breakdownTable('Wijk', r.profile.wijk, {}));
  out.push("## Thema's");
  for (const t of r.themes) {
    out.push(`### ${cell(t.label)}`);
    if (t.descriptionMd) out.push(t.descriptionMd);
    const by = Object.entries(t.byAudience)
      .sort((a, b) => b[1] - a[1])
      .map(([a, n]) => `${audienceName(a).toLowerCase()} ${n}`)
      .join(', ');
    out.push(
      `Genoemd in ${t.mentions} reacties als hoofdthema${t.alsoMentioned ? ` en in ${t.alsoMentioned} als tweede thema` : ''}${by ? ` (${by})` : ''}.`,
    );
    if (t.quotes.length > 0) {
      out.push('**Wat mensen zeiden**');
      for (const q of t.quotes)
        out.push(
          `${escapeMarkdown(q.body)
            .split(/\r?\n/)
            .map((l) => `> ${l}`)
            .join(
              '\n',
            )}\n>\n> — ${audienceName(q.audience)}, ${channelNames[q.channel]?.toLowerCase() ?? q.channel}`,
        );
    }
    out.push('**Wat doen we ermee**');
    out.push(t.reactionMd || '_Nog in te vullen._');
  }
  out.push('## Werkwijze');
  for (const m of methodText.method) out.push(`- ${m}`);
  out.push('## Bijlage: alle bijeenkomsten van de roadtour');
  out.push(
    table(
      ['Bijeenkomst', 'Plaats', 'Datum', 'Groep', 'Status', 'Verwacht', 'Aanwezig', 'Reacties'],
      r.stops.map((s) => [
        s.name,
        s.location,
        formatDateTime(s.startsAt),
        groupNames[s.groupType] ?? s.groupType,
        stopStatusNames[s.status] ?? s.status,
        s.expectedParticipants ?? '',
        s.actualParticipants ?? '',
        s.items,
      ]),
    ),
  );
  return `${out.join('\n\n')}\n`;
}

export async function writeMarkdown(report: Report, out: Writable): Promise<number> {
  await put(out, reportMarkdown(report));
  await finish(out);
  return report.totals.items;
}
