import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import type { z } from 'zod';
import { csrfMatches, newCsrfToken } from '../../../src/lib/auth/csrf';
import { readSession, signSession } from '../../../src/lib/auth/session.server';
import { SignInSchema, safeReturnPath } from '../../../src/lib/auth/sign-in-form';
import { ConsultationSchema, QuestionSchema, TopicSchema } from '../../../src/lib/content/schema';
import { submissionFromForm } from '../../../src/lib/inputs/form';
import { normaliseReferenceCode, referenceCode } from '../../../src/lib/inputs/reference';
import { AnswersSchema, cleanText, SubmissionSchema } from '../../../src/lib/inputs/schema';
import { UnsubscribeTokenSchema } from '../../../src/lib/mail/links';
import { renderMarkdown } from '../../../src/lib/markdown/render.server';
import { decodeCursor, encodeCursor } from '../../../src/lib/moderation/cursor';
import * as moderation from '../../../src/lib/moderation/schema';
import { detectPersonalData, redact } from '../../../src/lib/privacy';
import * as roadtour from '../../../src/lib/roadtour/schema';
import { hasExecutableHtml, hostileObject, hostileString, hostileValue } from '../../support/hostile';

// Property-based tests of every validator and parser: generated hostile input never makes one
// throw, and whatever a schema accepts is safe to store. Run counts are in the test names.

const runs = Number(process.env.FUZZ_RUNS ?? 2000);
// Thousands of runs per property take seconds on a shared machine.
vi.setConfig({ testTimeout: 120_000 });
const secret = new TextEncoder().encode('fuzz-secret-0123456789abcdefghijklmnopq');

/** Every exported zod schema in src/lib/<concept>/schema.ts (and the content, sign-in and mail ones). */
const schemas: Record<string, z.ZodTypeAny> = {
  SubmissionSchema,
  AnswersSchema,
  SignInSchema,
  UnsubscribeTokenSchema,
  TopicSchema,
  QuestionSchema,
  ConsultationSchema,
  ...Object.fromEntries(
    Object.entries({ ...moderation, ...roadtour }).filter(
      ([name, value]) => name.endsWith('Schema') && typeof (value as z.ZodTypeAny)?.safeParse === 'function',
    ),
  ),
} as Record<string, z.ZodTypeAny>;

/** Key names a schema's object shape has (for records that look almost right). */
function keysOf(schema: z.ZodTypeAny): string[] {
  let current: unknown = schema;
  for (let i = 0; i < 5 && current; i++) {
    const def = (current as { _def?: Record<string, unknown> })._def;
    if (!def) break;
    if (typeof def.shape === 'function') return Object.keys((def.shape as () => object)());
    current = def.schema ?? def.innerType ?? (def.in as unknown);
  }
  return [];
}

/** No string anywhere in the value holds NUL (Postgres refuses it in text) or a lone surrogate. */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\u0000');
  if (Array.isArray(value)) return value.every(storable);
  if (value && typeof value === 'object') return Object.values(value).every(storable);
  return true;
}

describe(`zod schemas (${runs} runs each)`, () => {
  test('the list covers the domain schemas', () => {
    expect(Object.keys(schemas).length).toBeGreaterThanOrEqual(15);
  });

  for (const [name, schema] of Object.entries(schemas)) {
    test(`${name}: never throws on any value or near-miss object`, () => {
      const keys = keysOf(schema);
      fc.assert(
        fc.property(fc.oneof(hostileValue, hostileObject(keys)), (input) => {
          const result = schema.safeParse(input);
          expect(typeof result.success).toBe('boolean');
        }),
        { numRuns: runs },
      );
    });
  }

  test('SubmissionSchema: accepted text is cleaned of NUL and control characters', () => {
    fc.assert(
      fc.property(hostileString(), hostileString(), hostileString(60), (answer, organisation, wijk) => {
        const parsed = SubmissionSchema.safeParse({
          submissionId: '0b9f6a56-0a9a-4c0e-9a0b-2d1f0c3b4a5e',
          audience: 'aanbieder',
          organisationName: organisation,
          answers: { vraag: answer },
          wijk,
          consent: true,
        });
        if (!parsed.success) return;
        expect(parsed.data.answers.vraag).toBe(cleanText(answer));
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking they are gone
        expect(parsed.data.answers.vraag).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        expect((parsed.data.organisationName ?? '').length).toBeLessThanOrEqual(200);
      }),
      { numRuns: runs },
    );
  });

  test('roadtour notes: accepted notes are storable', () => {
    fc.assert(
      fc.property(hostileObject(keysOf(roadtour.NoteSchema)), (input) => {
        const parsed = roadtour.NoteSchema.safeParse(input);
        if (parsed.success) expect(storable(parsed.data)).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});

describe(`form parsers, tokens and codes (${runs} runs each)`, () => {
  test('submissionFromForm: any form parses without throwing and the schema decides', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom('inzending', 'antwoord-x', 'email', 'leeftijd', 'hulp', 'toestemming'),
              hostileString(30),
            ),
            hostileString(),
          ),
          { maxLength: 12 },
        ),
        hostileString(20),
        (entries, audience) => {
          const form = new FormData();
          for (const [name, value] of entries) form.append(name, value);
          const input = submissionFromForm(form, audience);
          expect(typeof SubmissionSchema.safeParse(input).success).toBe('boolean');
        },
      ),
      { numRuns: runs },
    );
  });

  test('SignInSchema: an accepted address or password never holds NUL (Postgres refuses it)', () => {
    fc.assert(
      fc.property(hostileString(300), hostileString(250), (email, password) => {
        const parsed = SignInSchema.safeParse({ email, password });
        if (parsed.success) expect(storable(parsed.data)).toBe(true);
      }),
      { numRuns: runs },
    );
    expect(SignInSchema.safeParse({ email: '\u0000abc\u0000', password: ' ' }).success).toBe(false);
  });

  test('safeReturnPath: only paths inside /staff come back', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileValue,
          hostileString().map((s) => `/staff${s}`),
        ),
        (value) => {
          const path = safeReturnPath(value);
          expect(path).toMatch(/^\/staff(\/[\w\-/]*)?$/);
          expect(path.startsWith('//')).toBe(false);
        },
      ),
      { numRuns: runs },
    );
  });

  test('CSRF: only the same long token matches', () => {
    // Two different strings of lone surrogates are the same bytes after Buffer.from.
    expect(csrfMatches('\ud800'.repeat(40), '\udfff'.repeat(40))).toBe(false);
    const token = newCsrfToken();
    fc.assert(
      fc.property(fc.oneof(hostileString(), fc.constant(undefined), fc.constant(null)), (submitted) => {
        expect(csrfMatches(token, submitted as string | null | undefined)).toBe(submitted === token);
        expect(csrfMatches(submitted as string | undefined, submitted as string | null)).toBe(
          typeof submitted === 'string' && /^[A-Za-z0-9_-]{32,128}$/.test(submitted),
        );
      }),
      { numRuns: runs },
    );
  });

  // The last character of the signature carries two padding bits in base64url: changing only those
  // gives the same signature bytes (not a forgery), so tampering is tried on every other position.
  test('sessions: garbage and tampered tokens read as no session', async () => {
    const real = await signSession(secret, {
      sessionId: '6c1e2f3a-4b5d-4e6f-8a7b-9c0d1e2f3a4b',
      userId: '2b5b3a9c-7d51-4f0e-8a55-6a2f5f0f2a11',
      email: 'a@b.nl',
      staffRole: 'admin',
    } as never);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString(),
          fc
            .nat(real.length - 2)
            .map((i) => real.slice(0, i) + (real[i] === 'A' ? 'B' : 'A') + real.slice(i + 1)),
        ),
        async (token) => {
          fc.pre(token !== real);
          expect(await readSession(secret, token)).toBeNull();
        },
      ),
      { numRuns: Math.min(runs, 1000) },
    );
    expect(await readSession(secret, real)).not.toBeNull();
  });

  test('reference codes: normalising never throws and gives a code or null, stably', () => {
    fc.assert(
      fc.property(hostileString(40), (input) => {
        const code = normaliseReferenceCode(input);
        if (code !== null) {
          expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
          expect(normaliseReferenceCode(code)).toBe(code);
        }
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const code = referenceCode(secret, id);
        expect(normaliseReferenceCode(code.toLowerCase().replace('-', ' '))).toBe(code);
      }),
      { numRuns: runs },
    );
  });

  test('queue cursors: decoding any string never throws; real cursors round-trip', () => {
    fc.assert(
      fc.property(hostileString(250), (value) => {
        const cursor = decodeCursor(value);
        if (cursor) expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
      }),
      { numRuns: runs },
    );
  });
});

describe(`personal-data detector and Markdown (${runs} runs each)`, () => {
  test('the executable-HTML check itself catches what it must', () => {
    for (const bad of [
      '<script>x</script>',
      '<a href=" javascript:alert(1)">x</a>',
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<p onclick="x">y</p>',
      '<img src=x>',
      '<p style="color:red">y</p>',
    ])
      expect(hasExecutableHtml(bad), bad).toBe(true);
    expect(hasExecutableHtml('<a href=" onclick=">x</a><p class="a">&lt;script&gt;</p>')).toBe(false);
  });

  test('detectPersonalData: never throws; spans lie inside the text and redact cleanly', () => {
    fc.assert(
      fc.property(hostileString(2000), (text) => {
        const spans = detectPersonalData(text);
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(span.start).toBeLessThan(span.end);
        }
        expect(typeof redact(text, spans)).toBe('string');
      }),
      { numRuns: runs },
    );
  });

  test('renderMarkdown: never throws, never returns executable HTML', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(2000),
          fc
            .array(
              fc.oneof(
                hostileString(80),
                fc.constantFrom(
                  '# ',
                  '> ',
                  '- ',
                  '1. ',
                  '```\n',
                  '[a](',
                  ')',
                  '<',
                  '>',
                  '"',
                  '\n\n',
                  '**',
                  '`',
                  'javascript:',
                  'data:text/html,',
                  ' onclick=',
                  '<img src=x ',
                  '<a href="',
                ),
              ),
              { maxLength: 30 },
            )
            .map((p) => p.join('')),
        ),
        (markdown) => {
          const html = renderMarkdown(markdown);
          expect(hasExecutableHtml(html), html).toBe(false);
        },
      ),
      { numRuns: runs },
    );
  });
});
