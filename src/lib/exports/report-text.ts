import { formatDate, formatDateTime } from './labels.nl';
import type { Report, ReportTheme } from './types';

/** What the cover says about the version: which one, and whether it is concept or definitief. */
export function versionLines(r: Report): {
  version: string;
  status: 'definitief' | 'concept';
  statusLine: string;
} {
  const s = r.snapshot;
  if (!s)
    return {
      version: `Huidige stand van de thema's op ${formatDateTime(r.generatedAt)} (geen vastgelegde versie)`,
      status: 'concept',
      statusLine: 'Concept: de thema’s kunnen nog veranderen.',
    };
  const version = `"${s.label}", vastgelegd op ${formatDateTime(s.createdAt)} (versie ${s.id.slice(0, 8)})`;
  return s.publication
    ? {
        version,
        status: 'definitief',
        statusLine: `Definitief: deze versie staat sinds ${formatDate(s.publication.publishedAt)} op de website als "${s.publication.title}".`,
      }
    : { version, status: 'concept', statusLine: 'Concept: deze versie is (nog) niet gepubliceerd.' };
}

/** The accepted themes, most berichten first: what the report is about. */
export function reportThemes(r: Report): ReportTheme[] {
  return r.themes
    .filter((t) => t.accepted)
    .sort((a, b) => b.mentions - a.mentions || a.label.localeCompare(b.label, 'nl'));
}

/** The summary's sentences about who took part: each count with its own unit, never mixed. */
export function participationLines(r: Report): string[] {
  const t = r.totals;
  return [
    `Online: ${t.submissions} ${t.submissions === 1 ? 'inzending' : 'inzendingen'} met samen ${t.onlineItems} goedgekeurde ${t.onlineItems === 1 ? 'reactie' : 'reacties'}.`,
    `Roadtour: ${t.stopsHeld} ${t.stopsHeld === 1 ? 'bijeenkomst' : 'bijeenkomsten'} met samen ${t.stopParticipants} deelnemers; de gespreksleiders schreven ${t.roadtourItems} goedgekeurde ${t.roadtourItems === 1 ? 'reactie' : 'reacties'} op.`,
    `In totaal: ${t.items} goedgekeurde reacties (online en roadtour samen).`,
  ];
}

/** Quotes longer than this go after the shorter ones: a report quotes, it does not reprint letters. */
const longQuote = 350;

/**
 * The quotes a report shows for a theme: `count` of the export's quotes (spread over the
 * audiences, strongest first), shorter ones before long ones, whitespace made even.
 */
export function pickQuotes<Q extends { body: string }>(quotes: readonly Q[], count = 3): Q[] {
  return quotes
    .map((q, rank) => ({ q, rank, long: q.body.length > longQuote }))
    .sort((a, b) => Number(a.long) - Number(b.long) || a.rank - b.rank)
    .slice(0, count)
    .map(({ q }) => ({ ...q, body: q.body.replace(/\s+/g, ' ').trim() }));
}
