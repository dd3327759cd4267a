import type { Writable } from 'node:stream';
import { isResponseStatus, responseStatusLabels } from '../advice/statuses';
import { sanitiseMarkdown } from '../markdown/sanitise';
import {
  ageBandNames,
  audienceName,
  channelNames,
  countsExplained,
  describeSelection,
  formatDate,
  formatDay,
  formatShortDate,
  formatTime,
  groupNames,
  methodText,
  municipality,
  orderedBreakdown,
  reactionMissing,
  receivesHelpNames,
  stopStatusNames,
} from './labels.nl';
import { participationLines, pickQuotes, reportThemes, versionLines } from './report-text';
import { finish, put } from './sink';
import { firstSentence, markdownToText, stripQuotes } from './text';
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
  return table([title, 'Inzendingen'], orderedBreakdown(data, names));
}

/** The participatieverslag as Markdown: the same sections and figures as the .docx, without images. */
export function reportMarkdown(report: Report): string {
  const r = report;
  const themes = reportThemes(r);
  const version = versionLines(r);
  const selection = describeSelection(r);
  const out: string[] = [];
  out.push(`# Participatieverslag: ${cell(r.consultation.title)}`);
  out.push(
    [
      `**${municipality}**`,
      `Raadpleging: ${cell(r.consultation.title)}`,
      `Datum van dit verslag: ${formatDate(r.generatedAt)}`,
      `Versie van de thema’s: ${cell(version.version)}`,
      `Status: **${version.status}**. ${cell(version.statusLine)}`,
      ...(selection ? [`Selectie: dit verslag bevat ${selection}`] : []),
    ].join('  \n'),
  );
  out.push('## Samenvatting');
  out.push(methodText.aim(cell(r.consultation.title)));
  out.push(
    participationLines(r)
      .map((line) => `- ${line}`)
      .join('\n'),
  );
  out.push("### De belangrijkste thema's");
  out.push(
    themes
      .map(
        (t) =>
          `- **${cell(t.label)}** (${t.mentions} berichten, ook genoemd: ${t.alsoMentioned}). ${cell(firstSentence(markdownToText(t.descriptionMd)))}`,
      )
      .join('\n'),
  );
  out.push(`_${countsExplained}_`);
  out.push('## Aanpak');
  out.push(
    `De raadpleging liep van ${formatDate(r.consultation.opensAt)} tot en met ${formatDate(r.consultation.closesAt)}.`,
  );
  out.push(methodText.online);
  out.push(methodText.roadtour);
  out.push('### Werkwijze en beperkingen');
  out.push(methodText.method.map((m) => `- ${m}`).join('\n'));
  out.push('**Beperkingen**');
  out.push(methodText.limitations.map((m) => `- ${m}`).join('\n'));
  out.push('## Wie deden mee');
  out.push(
    table(
      ['Doelgroep', 'Online', 'Roadtour', 'Reacties', 'Inzendingen'],
      [
        ...r.byAudience.map((a) => [audienceName(a.audience), a.online, a.roadtour, a.items, a.submissions]),
        [
          'Alle doelgroepen',
          r.totals.onlineItems,
          r.totals.roadtourItems,
          r.totals.items,
          r.totals.submissions,
        ],
      ],
    ),
  );
  out.push(
    table(
      ['Bijeenkomst', 'Datum', 'Deelnemers', 'Reacties'],
      r.stops
        .filter((s) => s.status === 'completed')
        .map((s) => [s.name, formatShortDate(s.startsAt), s.actualParticipants ?? 0, s.items]),
    ),
  );
  out.push('### Achtergrond van de online deelnemers');
  out.push(breakdownTable('Leeftijd', r.profile.ageBand, ageBandNames));
  out.push(breakdownTable('Krijgt hulp in het huishouden', r.profile.receivesHelp, receivesHelpNames));
  out.push(breakdownTable('Wijk', r.profile.wijk, r.profile.wijkNames));
  out.push("## Thema's");
  out.push(`_${countsExplained}_`);
  for (const t of themes) {
    out.push(`### ${cell(t.label)}`);
    // Staff Markdown, made safe the way the pages make it (no HTML, no javascript: links).
    if (t.descriptionMd) out.push(sanitiseMarkdown(t.descriptionMd));
    const codes = [...new Set([...Object.keys(t.byAudience), ...Object.keys(t.alsoByAudience)])];
    out.push(
      table(
        ['Doelgroep', 'Berichten', 'Ook genoemd'],
        [
          ...codes.map((a) => [audienceName(a), t.byAudience[a] ?? 0, t.alsoByAudience[a] ?? 0]),
          ['Alle doelgroepen', t.mentions, t.alsoMentioned],
        ],
      ),
    );
    const quotes = pickQuotes(t.quotes);
    if (quotes.length > 0) {
      out.push('**Wat deelnemers zeiden**');
      for (const q of quotes)
        out.push(
          `${escapeMarkdown(`“${stripQuotes(q.body)}”`)
            .split(/\r?\n/)
            .map((l) => `> ${l}`)
            .join(
              '\n',
            )}\n>\n> (${audienceName(q.audience).toLowerCase()}, ${channelNames[q.channel]?.toLowerCase() ?? q.channel})`,
        );
    }
    out.push('**Wat doen we ermee**');
    out.push(t.reactionMd.trim() ? sanitiseMarkdown(t.reactionMd) : `> **${reactionMissing}**`);
  }
  if (r.advices.length > 0) {
    out.push('## Formele adviezen');
    out.push(
      `De gemeente ontving ${r.advices.length === 1 ? 'één formeel advies' : `${r.advices.length} formele adviezen`}. Per advies staat hieronder elk punt met de reactie van het college.`,
    );
    for (const a of r.advices) {
      out.push(`### Advies van ${cell(a.sender)}`);
      out.push(
        `${a.title ? `${cell(a.title)}. ` : ''}Ontvangen op ${formatDay(a.receivedOn)}${a.adoptedOn ? `; de reactie is vastgesteld door het college op ${formatDay(a.adoptedOn)}.` : '.'}`,
      );
      if (!a.adoptedOn)
        out.push(
          '**De reactie is nog niet vastgesteld door het college: wat hieronder staat is een concept.**',
        );
      if (a.pointsAwaitingModeration > 0)
        out.push(
          `_${a.pointsAwaitingModeration === 1 ? 'Eén punt wacht' : `${a.pointsAwaitingModeration} punten wachten`} nog op moderatie en ${a.pointsAwaitingModeration === 1 ? 'staat' : 'staan'} hier niet in._`,
        );
      for (const p of a.points) {
        out.push(`**Punt ${p.position}.** ${cell(p.text)}`);
        out.push(
          p.responseMd.trim()
            ? `_Reactie college${isResponseStatus(p.responseStatus) ? ` (${responseStatusLabels[p.responseStatus].toLowerCase()})` : ''}:_\n\n${sanitiseMarkdown(p.responseMd)}`
            : '_Nog geen reactie._',
        );
      }
    }
  }
  out.push('## Bijlage: alle bijeenkomsten van de roadtour');
  out.push(
    table(
      ['Bijeenkomst', 'Plaats', 'Datum', 'Tijd', 'Groep', 'Status', 'Verwacht', 'Aanwezig', 'Reacties'],
      r.stops.map((s) => [
        s.name,
        s.location,
        formatShortDate(s.startsAt),
        formatTime(s.startsAt),
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
