import { describe, expect, test } from 'vitest';
import { loadConsultations } from '../../../src/lib/content/load.server';
import { ConsultationSchema } from '../../../src/lib/content/schema';
import { contentDir } from '../../support/paths';

const valid = {
  slug: 'test',
  title: 'Een test',
  summary: 'Samenvatting',
  status: 'published',
  opensAt: '2026-01-01T00:00:00Z',
  closesAt: '2026-02-01T00:00:00Z',
  topics: [{ key: 'een', label: 'Een' }],
  audiences: { inwoner: { questions: [{ key: 'v1', topic: 'een', prompt: 'Wat vindt u?' }] } },
};

describe('consultation content', () => {
  test('accepts a valid consultation and fills defaults', () => {
    const parsed = ConsultationSchema.parse(valid);
    expect(parsed.audiences.inwoner?.questions[0]).toMatchObject({
      required: false,
      maxLength: 5000,
      help: '',
    });
  });
  test.each([
    [
      'a question with an unknown topic',
      { audiences: { inwoner: { questions: [{ key: 'v1', topic: 'twee', prompt: 'Wat?' }] } } },
    ],
    ['closing before opening', { closesAt: '2025-01-01T00:00:00Z' }],
    [
      'an unknown audience',
      { audiences: { toerist: { questions: [{ key: 'v1', topic: 'een', prompt: 'Wat?' }] } } },
    ],
    ['a slug with capitals', { slug: 'Test' }],
    [
      'duplicate question keys',
      {
        audiences: {
          inwoner: {
            questions: [
              { key: 'v1', topic: 'een', prompt: 'Wat?' },
              { key: 'v1', topic: 'een', prompt: 'Nog eens?' },
            ],
          },
        },
      },
    ],
  ])('refuses %s', (_, change) =>
    expect(ConsultationSchema.safeParse({ ...valid, ...change }).success).toBe(false),
  );

  test('the shipped consultation in content/ is valid and has questions for every public audience', async () => {
    const [consultation] = await loadConsultations(contentDir);
    expect(consultation?.slug).toBe('krachtig-oud-worden');
    for (const audience of ['inwoner', 'mantelzorger', 'aanbieder', 'ouderenbond', 'partner'] as const) {
      expect(consultation?.audiences[audience]?.questions.length, audience).toBeGreaterThan(0);
    }
  });
});
