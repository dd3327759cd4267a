/**
 * The consultation editor's rules (issue 18, part 3), on the real database as each caller:
 * admins only; a question with answers is never deleted and keeps its key (hidden or reworded
 * instead, wording history kept); past closing dates need a confirmation; reversed dates, a
 * question without a prompt and duplicate keys are refused at their field; a save from an old
 * version is stale; every change is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  checkDefinition,
  identityRows,
  loadForEditor,
  publishConsultation,
  saveConsultation,
} from '../../../src/lib/consultations/editor.server';
import { formValues, parseEditorForm } from '../../../src/lib/consultations/form';
import { consultationToYaml, readConsultationYaml } from '../../../src/lib/consultations/yaml.server';
import type { Consultation } from '../../../src/lib/content/schema';
import { forCaller } from '../../../src/lib/db/types';
import { getQuestionnaire } from '../../../src/lib/inputs/questionnaire.server';
import { submitAnswers } from '../../../src/lib/inputs/submit.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

let db: TestDatabase;
const admin = () => forCaller(db, callerFor('admin'));
const secret = new Uint8Array(32).fill(7);

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const day = 86_400_000;
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing in the fixture');
  return value;
}
function draft(overrides: Partial<Consultation> = {}): Consultation {
  return {
    slug: 'nieuwe-vragen',
    title: 'Nieuwe vragen over wonen',
    summary: 'Wij willen weten hoe u wilt wonen als u ouder wordt.',
    status: 'draft',
    opensAt: new Date(Date.now() - day),
    closesAt: new Date(Date.now() + 30 * day),
    retentionUntil: new Date(Date.now() + 400 * day).toISOString().slice(0, 10),
    topics: [{ key: 'wonen', label: 'Wonen', description: '' }],
    audiences: {
      inwoner: {
        intro: 'Voor inwoners.',
        profile: ['ageBand', 'wijk', 'receivesHelp'],
        questions: [
          {
            key: 'thuis',
            topic: 'wonen',
            prompt: 'Hoe wilt u thuis wonen?',
            help: '',
            required: true,
            maxLength: 5000,
            hidden: false,
          },
          {
            key: 'hulp',
            topic: 'wonen',
            prompt: 'Welke hulp past bij u?',
            help: '',
            required: false,
            maxLength: 5000,
            hidden: false,
          },
        ],
      },
      aanbieder: {
        intro: 'Voor aanbieders.',
        profile: [],
        questions: [
          {
            key: 'aanbod',
            topic: 'wonen',
            prompt: 'Wat kunt u bieden?',
            help: '',
            required: true,
            maxLength: 5000,
            hidden: false,
          },
        ],
      },
    },
    themes: [{ key: 'zelfstandig', label: 'Zelfstandig wonen', description: 'Zo lang mogelijk thuis.' }],
    wijken: ['Dorp', 'Meerzicht'],
    ...overrides,
  };
}

/** The definition as the editor's form would post it. */
function asForm(c: Consultation, version: number | null, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(formValues(c))) {
    if (Array.isArray(value)) for (const v of value) form.append(name, v);
    else if (value === true) form.set(name, 'ja');
    else if (value !== false) form.set(name, value);
  }
  if (version !== null) form.set('versie', String(version));
  for (const [name, value] of Object.entries(extra)) form.set(name, value);
  return form;
}

async function save(
  c: Consultation,
  slug: string | null,
  version: number | null,
  extra: Record<string, string> = {},
) {
  const parsed = parseEditorForm(asForm(c, version, extra));
  return saveConsultation(admin(), {
    slug,
    raw: parsed.raw,
    rows: parsed.rows,
    version: parsed.version,
    confirmPastClose: parsed.confirmPastClose,
  });
}

describe('the consultation editor', () => {
  test('an admin creates a consultation from the form; the form reads back what was saved', async () => {
    const result = await save(draft(), null, null);
    expect(result).toMatchObject({ ok: true, slug: 'nieuwe-vragen' });
    const stored = await loadForEditor(admin(), 'nieuwe-vragen');
    expect(stored?.definition).toEqual({ ...draft(), opensAt: expect.any(Date), closesAt: expect.any(Date) });
    expect(stored?.editedAt).not.toBeNull();
  });

  test('only admins: others are refused and nothing changes', async () => {
    for (const persona of ['analyst', 'moderator', 'facilitator'] as const) {
      const parsed = parseEditorForm(asForm(draft({ slug: 'van-een-analist' }), null));
      const result = await saveConsultation(forCaller(db, callerFor(persona)), {
        slug: null,
        raw: parsed.raw,
        rows: parsed.rows,
        version: null,
        confirmPastClose: false,
      });
      expect(result).toMatchObject({ ok: false, status: 403 });
    }
    expect(await loadForEditor(admin(), 'van-een-analist')).toBeNull();
  });

  test.each([
    ['reversed dates', { closesAt: new Date(Date.now() - 2 * day) }, 'sluit', 'dates.reversed'],
    [
      'data kept shorter than the consultation runs',
      { retentionUntil: new Date(Date.now() + 2 * day).toISOString().slice(0, 10) },
      'bewaren',
      'retention.beforeClose',
    ],
    [
      'a question without a prompt',
      {
        audiences: {
          inwoner: {
            ...must(draft().audiences.inwoner),
            questions: [{ ...must(draft().audiences.inwoner?.questions[0]), prompt: '' }],
          },
        },
      },
      'vraag-inwoner-0-vraag',
      'question.prompt',
    ],
    [
      'a duplicate question key',
      {
        audiences: {
          inwoner: {
            ...must(draft().audiences.inwoner),
            questions: [
              must(draft().audiences.inwoner?.questions[0]),
              { ...must(draft().audiences.inwoner?.questions[1]), key: 'thuis' },
            ],
          },
        },
      },
      'vraag-inwoner-1-code',
      'question.duplicate',
    ],
    [
      'a duplicate topic key',
      {
        topics: [
          { key: 'wonen', label: 'Wonen', description: '' },
          { key: 'wonen', label: 'Nog eens', description: '' },
        ],
      },
      'onderwerp-1-code',
      'topic.duplicate',
    ],
    ['no audience', { audiences: {} }, 'doelgroepen', 'audiences.none'],
  ] as const)('refuses %s at the field', async (_name, change, fieldName, code) => {
    const result = await save(draft({ slug: 'fout', ...(change as Partial<Consultation>) }), null, null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[fieldName]).toBe(code);
    expect(await loadForEditor(admin(), 'fout')).toBeNull();
  });

  test('a closing date in the past needs the confirmation', async () => {
    const closed = draft({
      slug: 'al-dicht',
      opensAt: new Date(Date.now() - 9 * day),
      closesAt: new Date(Date.now() - day),
    });
    const first = await save(closed, null, null);
    expect(first).toMatchObject({ ok: false, errors: { sluit: 'dates.pastNeedsConfirm' } });
    expect(await save(closed, null, null, { 'bevestig-sluiten': 'ja' })).toMatchObject({ ok: true });
  });

  test('two tabs: the second save from the same version is stale, never a silent overwrite', async () => {
    const stored = await loadForEditor(admin(), 'nieuwe-vragen');
    const version = stored?.version ?? 0;
    expect(await save(draft({ title: 'Uit tab één' }), 'nieuwe-vragen', version)).toMatchObject({ ok: true });
    const second = await save(draft({ title: 'Uit tab twee' }), 'nieuwe-vragen', version);
    expect(second).toMatchObject({ ok: false, status: 409, errors: { form: 'stale' } });
    expect((await loadForEditor(admin(), 'nieuwe-vragen'))?.definition.title).toBe('Uit tab één');
  });

  test('publishing checks that the consultation is complete', async () => {
    const incomplete = draft({ slug: 'half-af', summary: '', retentionUntil: undefined });
    await save(incomplete, null, null);
    const stored = await loadForEditor(admin(), 'half-af');
    const refused = await publishConsultation(admin(), 'half-af', stored?.version ?? 0);
    expect(refused).toMatchObject({
      ok: false,
      errors: { samenvatting: 'publish.summary', bewaren: 'publish.retention' },
    });
    const current = await loadForEditor(admin(), 'nieuwe-vragen');
    expect(await publishConsultation(admin(), 'nieuwe-vragen', current?.version ?? 0)).toMatchObject({
      ok: true,
    });
    expect((await loadForEditor(admin(), 'nieuwe-vragen'))?.definition.status).toBe('published');
  });
});

describe('what was collected is protected', () => {
  let submissionId: string;
  beforeAll(async () => {
    submissionId = randomUUID();
    const result = await submitAnswers(db, secret, 'nieuwe-vragen', {
      submissionId,
      audience: 'inwoner',
      answers: { thuis: 'In mijn eigen huis, met een beetje hulp.' },
      consent: true,
      ageBand: '65-74',
    });
    expect(result).toMatchObject({ ok: true });
  });

  test('a question with answers cannot be deleted', async () => {
    const stored = await loadForEditor(admin(), 'nieuwe-vragen');
    const c = stored?.definition as Consultation;
    const result = await save(c, 'nieuwe-vragen', stored?.version ?? 0, { 'vraag-inwoner-0-weg': 'ja' });
    expect(result).toMatchObject({ ok: false, errors: { 'vraag-inwoner-0-weg': 'question.answeredDelete' } });
    // The database refuses it too, whoever asks.
    await expect(
      db.asOwner((tx) => tx.sql`delete from public.questions where key = 'thuis' and audience = 'inwoner'`),
    ).rejects.toThrow();
  });

  test('a question with answers keeps its key; the database refuses a rename too', async () => {
    const stored = await loadForEditor(admin(), 'nieuwe-vragen');
    const c = stored?.definition as Consultation;
    // The field is read-only on the page; a crafted post or an old page sends a new key anyway.
    const result = await save(c, 'nieuwe-vragen', stored?.version ?? 0, { 'vraag-inwoner-0-code': 'anders' });
    expect(result).toMatchObject({ ok: false, errors: { 'vraag-inwoner-0-code': 'question.answeredKey' } });
    await expect(
      db.asOwner(
        (tx) =>
          tx.sql`update public.questions set key = 'anders' where key = 'thuis' and audience = 'inwoner'`,
      ),
    ).rejects.toThrow(/answers/);
  });

  test('it can be reworded (the earlier wording is kept) and hidden (no longer asked)', async () => {
    const stored = await loadForEditor(admin(), 'nieuwe-vragen');
    const c = stored?.definition as Consultation;
    const [first, ...rest] = must(c.audiences.inwoner).questions;
    const next = {
      ...c,
      audiences: {
        ...c.audiences,
        inwoner: {
          ...must(c.audiences.inwoner),
          questions: [{ ...must(first), prompt: 'Waar wilt u later wonen?', hidden: true }, ...rest],
        },
      },
    };
    expect(await save(next, 'nieuwe-vragen', stored?.version ?? 0)).toMatchObject({ ok: true });
    const after = await loadForEditor(admin(), 'nieuwe-vragen');
    expect(after?.wordings.get('inwoner/thuis')?.[0]?.prompt).toBe('Hoe wilt u thuis wonen?');
    const form = await getQuestionnaire(forCaller(db, { kind: 'anon' }), 'nieuwe-vragen', 'inwoner');
    expect(form?.questions.map((q) => q.key)).toEqual(['hulp']);
    // Its answers stay where they were.
    const [row] = await db.asOwner(
      (tx) =>
        tx.sql<{
          n: number;
        }>`select count(*)::int as n from public.input_items where submission_id = ${submissionId}`,
    );
    expect(row?.n).toBe(1);
  });

  test('every change is in the audit log, with who made it', async () => {
    const rows = await db.asOwner(
      (tx) => tx.sql<{ action: string; actor_id: string | null }>`
        select action, actor_id from public.audit_log where entity in ('consultations', 'questions', 'consultation_audiences', 'expected_themes', 'topics')`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'consultations.insert',
      'consultations.update',
      'questions.insert',
      'questions.update',
      'consultation_audiences.insert',
      'expected_themes.insert',
    ])
      expect(actions).toContain(action);
    const edits = rows.filter((r) => r.action === 'questions.update');
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.every((r) => r.actor_id === ids.staff.admin)).toBe(true);
  });
});

describe('profile questions per audience (issue 20, item 1)', () => {
  test('an organisation is not asked them: what it sends anyway is not stored', async () => {
    const id = randomUUID();
    const result = await submitAnswers(db, secret, 'nieuwe-vragen', {
      submissionId: id,
      audience: 'aanbieder',
      organisationName: 'Thuiszorg Zoetermeer',
      answers: { aanbod: 'Wij helpen met de was.' },
      consent: true,
      ageBand: '65-74',
      wijk: 'Dorp',
      receivesHelp: 'ja',
    });
    expect(result).toMatchObject({ ok: true });
    const [row] = await db.asOwner(
      (tx) => tx.sql<{ age_band: string | null; wijk: string | null; receives_help: string | null }>`
        select age_band, wijk, receives_help from public.submissions where id = ${id}`,
    );
    expect(row).toEqual({ age_band: null, wijk: null, receives_help: null });
  });
});

describe('YAML export and import', () => {
  test('a download reads back as the same consultation; reading it in after a change is stale', async () => {
    const stored = await loadForEditor(admin(), 'nieuwe-vragen');
    if (!stored) throw new Error('no consultation');
    const yaml = consultationToYaml(stored.definition, stored.version);
    const read = readConsultationYaml(yaml);
    if (!read.ok) throw new Error('not readable');
    expect(read.version).toBe(stored.version);
    const checked = checkDefinition(read.raw, identityRows(read.raw));
    expect(checked.ok && checked.definition).toEqual(stored.definition);
    // Same version: an update with the file's own content changes nothing.
    const same = await saveConsultation(admin(), {
      slug: 'nieuwe-vragen',
      raw: read.raw,
      rows: identityRows(read.raw),
      version: read.version,
      confirmPastClose: false,
      upsert: true,
    });
    expect(same).toMatchObject({ ok: true, changed: false });
    await save({ ...stored.definition, title: 'Intussen gewijzigd' }, 'nieuwe-vragen', stored.version);
    const stale = await saveConsultation(admin(), {
      slug: 'nieuwe-vragen',
      raw: read.raw,
      rows: identityRows(read.raw),
      version: read.version,
      confirmPastClose: false,
      upsert: true,
    });
    expect(stale).toMatchObject({ ok: false, status: 409 });
  });

  test('an import follows the same protection rules: a question with answers cannot leave', async () => {
    const stored = await loadForEditor(admin(), 'nieuwe-vragen');
    if (!stored) throw new Error('no consultation');
    const c = stored.definition;
    const without = {
      ...c,
      audiences: {
        ...c.audiences,
        inwoner: {
          ...must(c.audiences.inwoner),
          questions: must(c.audiences.inwoner).questions.filter((q) => q.key !== 'thuis'),
        },
      },
    };
    const read = readConsultationYaml(consultationToYaml(without, stored.version));
    if (!read.ok) throw new Error('not readable');
    const result = await saveConsultation(admin(), {
      slug: 'nieuwe-vragen',
      raw: read.raw,
      rows: identityRows(read.raw),
      version: read.version,
      confirmPastClose: false,
      upsert: true,
    });
    expect(result).toMatchObject({ ok: false, errors: { 'vraag-inwoner-thuis': 'question.answeredDelete' } });
  });
});
