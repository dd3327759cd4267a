import {
  type Audience,
  audiences,
  type Consultation,
  type ProfileQuestion,
  profileQuestions,
} from '../content/schema';
import { fromLocalInput, toLocalInput } from './local-time';

/**
 * The editor's form (issue 18, part 3): one plain HTML form for a whole consultation, so it works
 * without JavaScript. Rows of topics, questions and expected themes are numbered; a blank row is
 * a new one and is ignored while it stays blank. Field names are Dutch words, and each is also the
 * id of its input, so an error links to its field.
 */
export const field = {
  version: 'versie',
  confirmPastClose: 'bevestig-sluiten',
  title: 'titel',
  slug: 'adres',
  summary: 'samenvatting',
  status: 'status',
  opensAt: 'opent',
  closesAt: 'sluit',
  retentionUntil: 'bewaren',
  wijken: 'wijken',
  topic: (i: number, part: 'code' | 'naam' | 'beschrijving' | 'weg') => `onderwerp-${i}-${part}`,
  theme: (i: number, part: 'code' | 'naam' | 'beschrijving' | 'weg') => `thema-${i}-${part}`,
  audience: (a: Audience, part: 'mee' | 'volgorde' | 'inleiding' | 'profiel') => `doelgroep-${a}-${part}`,
  question: (
    a: Audience,
    i: number,
    part:
      | 'code'
      | 'was'
      | 'onderwerp'
      | 'vraag'
      | 'uitleg'
      | 'verplicht'
      | 'lengte'
      | 'volgorde'
      | 'verbergen'
      | 'weg',
  ) => `vraag-${a}-${i}-${part}`,
} as const;

/** Where each row of the parsed definition came from, to put an error at its field. */
export interface FormRows {
  readonly topics: number[];
  readonly themes: number[];
  readonly questions: Partial<Record<Audience, number[]>>;
  /** Questions whose row was ticked "verwijderen", by audience: their original key. */
  readonly removed: Partial<Record<Audience, string[]>>;
  /** The key each question row had when the page was shown (empty for a new row). */
  readonly originalKeys: Partial<Record<Audience, Record<number, string>>>;
}

export interface ParsedForm {
  /** Not yet validated: ConsultationSchema decides. */
  readonly raw: Record<string, unknown>;
  readonly rows: FormRows;
  readonly version: number | null;
  readonly confirmPastClose: boolean;
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
};
const checked = (form: FormData, name: string) => form.get(name) != null;
/** Row numbers present in the form for a prefix like `onderwerp-` (`onderwerp-3-code` → 3). */
function rowNumbers(form: FormData, pattern: RegExp): number[] {
  const seen = new Set<number>();
  for (const name of form.keys()) {
    const m = pattern.exec(name);
    if (m?.[1]) seen.add(Number(m[1]));
  }
  return [...seen].sort((a, b) => a - b);
}
const orderOf = (value: string, fallback: number) => {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
};

export function parseEditorForm(form: FormData): ParsedForm {
  const topicRows: number[] = [];
  const topics = rowNumbers(form, /^onderwerp-(\d+)-/)
    .filter((i) => !checked(form, field.topic(i, 'weg')))
    .filter((i) => (['code', 'naam', 'beschrijving'] as const).some((p) => text(form, field.topic(i, p))))
    .map((i) => {
      topicRows.push(i);
      return {
        key: text(form, field.topic(i, 'code')),
        label: text(form, field.topic(i, 'naam')),
        description: text(form, field.topic(i, 'beschrijving')),
      };
    });
  const themeRows: number[] = [];
  const themes = rowNumbers(form, /^thema-(\d+)-/)
    .filter((i) => !checked(form, field.theme(i, 'weg')))
    .filter((i) => (['code', 'naam', 'beschrijving'] as const).some((p) => text(form, field.theme(i, p))))
    .map((i) => {
      themeRows.push(i);
      return {
        key: text(form, field.theme(i, 'code')),
        label: text(form, field.theme(i, 'naam')),
        description: text(form, field.theme(i, 'beschrijving')),
      };
    });

  const questionRows: Partial<Record<Audience, number[]>> = {};
  const removed: Partial<Record<Audience, string[]>> = {};
  const originalKeys: Partial<Record<Audience, Record<number, string>>> = {};
  const chosen = audiences
    .filter((a) => checked(form, field.audience(a, 'mee')))
    .map((a, i) => ({ a, order: orderOf(text(form, field.audience(a, 'volgorde')), 100 + i) }))
    .sort((x, y) => x.order - y.order)
    .map((x) => x.a);
  const audienceDefs: Record<string, unknown> = {};
  for (const a of audiences) {
    const rows = rowNumbers(form, new RegExp(`^vraag-${a}-(\\d+)-`));
    originalKeys[a] = Object.fromEntries(
      rows.map((i) => [i, text(form, field.question(a, i, 'was'))]).filter(([, k]) => k !== ''),
    );
    removed[a] = rows
      .filter((i) => checked(form, field.question(a, i, 'weg')))
      .map((i) => text(form, field.question(a, i, 'was')))
      .filter((k) => k !== '');
    if (!chosen.includes(a)) continue;
    const kept = rows
      .filter((i) => !checked(form, field.question(a, i, 'weg')))
      .filter((i) => (['code', 'vraag', 'uitleg'] as const).some((p) => text(form, field.question(a, i, p))))
      .map((i, n) => ({ i, order: orderOf(text(form, field.question(a, i, 'volgorde')), 1000 + n) }))
      .sort((x, y) => x.order - y.order || x.i - y.i)
      .map((x) => x.i);
    questionRows[a] = kept;
    const profile = form
      .getAll(field.audience(a, 'profiel'))
      .filter((v): v is ProfileQuestion => (profileQuestions as readonly unknown[]).includes(v));
    audienceDefs[a] = {
      intro: text(form, field.audience(a, 'inleiding')),
      profile: profileQuestions.filter((p) => profile.includes(p)),
      questions: kept.map((i) => {
        const length = text(form, field.question(a, i, 'lengte'));
        return {
          key: text(form, field.question(a, i, 'code')),
          // Not chosen: the first topic (a new consultation's topics are typed on the same page).
          topic: text(form, field.question(a, i, 'onderwerp')) || (topics[0]?.key ?? ''),
          prompt: text(form, field.question(a, i, 'vraag')),
          help: text(form, field.question(a, i, 'uitleg')),
          required: checked(form, field.question(a, i, 'verplicht')),
          maxLength: length === '' ? 5000 : Number(length),
          hidden: checked(form, field.question(a, i, 'verbergen')),
        };
      }),
    };
  }
  const opens = fromLocalInput(text(form, field.opensAt));
  const closes = fromLocalInput(text(form, field.closesAt));
  const retention = text(form, field.retentionUntil);
  const version = Number.parseInt(text(form, field.version), 10);
  return {
    raw: {
      slug: text(form, field.slug),
      title: text(form, field.title),
      summary: text(form, field.summary),
      status: text(form, field.status),
      // Left invalid on purpose when missing: the schema reports it at the field.
      opensAt: opens ?? 'ongeldig',
      closesAt: closes ?? 'ongeldig',
      ...(retention ? { retentionUntil: retention } : {}),
      topics,
      audiences: audienceDefs,
      themes,
      wijken: text(form, field.wijken)
        .split('\n')
        .map((w) => w.trim())
        .filter((w) => w !== ''),
    },
    rows: { topics: topicRows, themes: themeRows, questions: questionRows, removed, originalKeys },
    version: Number.isFinite(version) ? version : null,
    confirmPastClose: checked(form, field.confirmPastClose),
  };
}

/** A definition as the form's initial values (the inverse of parseEditorForm), row numbers from 0. */
export function formValues(c: Consultation): Record<string, string | string[] | boolean> {
  const v: Record<string, string | string[] | boolean> = {
    [field.title]: c.title,
    [field.slug]: c.slug,
    [field.summary]: c.summary,
    [field.status]: c.status,
    [field.opensAt]: toLocalInput(c.opensAt),
    [field.closesAt]: toLocalInput(c.closesAt),
    [field.retentionUntil]: c.retentionUntil ?? '',
    [field.wijken]: c.wijken.join('\n'),
  };
  c.topics.forEach((t, i) => {
    v[field.topic(i, 'code')] = t.key;
    v[field.topic(i, 'naam')] = t.label;
    v[field.topic(i, 'beschrijving')] = t.description;
  });
  c.themes.forEach((t, i) => {
    v[field.theme(i, 'code')] = t.key;
    v[field.theme(i, 'naam')] = t.label;
    v[field.theme(i, 'beschrijving')] = t.description;
  });
  (Object.keys(c.audiences) as Audience[]).forEach((a, n) => {
    const def = c.audiences[a];
    if (!def) return;
    v[field.audience(a, 'mee')] = true;
    v[field.audience(a, 'volgorde')] = String(n + 1);
    v[field.audience(a, 'inleiding')] = def.intro;
    v[field.audience(a, 'profiel')] = [...(def.profile ?? [])];
    def.questions.forEach((q, i) => {
      v[field.question(a, i, 'code')] = q.key;
      v[field.question(a, i, 'was')] = q.key;
      v[field.question(a, i, 'onderwerp')] = q.topic;
      v[field.question(a, i, 'vraag')] = q.prompt;
      v[field.question(a, i, 'uitleg')] = q.help;
      v[field.question(a, i, 'verplicht')] = q.required;
      v[field.question(a, i, 'lengte')] = String(q.maxLength);
      v[field.question(a, i, 'volgorde')] = String(i + 1);
      v[field.question(a, i, 'verbergen')] = q.hidden;
    });
  });
  return v;
}

/** Values posted back into the form after a refused save (strings, and every value of multiples). */
export function postedValues(form: FormData): Record<string, string | string[] | boolean> {
  const v: Record<string, string | string[] | boolean> = {};
  for (const name of new Set(form.keys())) {
    if (name === 'csrf') continue;
    const all = form.getAll(name).filter((x): x is string => typeof x === 'string');
    v[name] = name.endsWith('-profiel') ? all : (all[0] ?? '');
  }
  return v;
}
