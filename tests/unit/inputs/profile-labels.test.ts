import { expect, test } from 'vitest';
import { nestedValues } from '../../../src/lib/audit/labels.nl';
import { ageBandNames, receivesHelpNames } from '../../../src/lib/exports/labels.nl';
import {
  ageBandLabel,
  ageBandLabels,
  ageBands,
  helpAnswerLabel,
  helpAnswerLabels,
  helpAnswers,
} from '../../../src/lib/inputs/profile.nl';
import { SubmissionSchema } from '../../../src/lib/inputs/schema';

// Issue 20, item 5: the form said "65 tot 75 jaar", the report "65 tot 75", "mijn inzending" "65-74".

test.each(ageBands)('age band %s has one label: form, "mijn inzending", report, audit log', (band) => {
  const label = ageBandLabels[band];
  expect(label).toMatch(/jaar/);
  expect(ageBandLabel(band)).toBe(label);
  expect(ageBandNames[band]).toBe(label);
  expect(nestedValues[band]).toBe(label.toLowerCase());
});

test.each(helpAnswers)('help answer %s has one label everywhere', (answer) => {
  const label = helpAnswerLabels[answer];
  expect(helpAnswerLabel(answer)).toBe(label);
  expect(receivesHelpNames[answer]).toBe(label);
  expect(nestedValues[answer]).toBe(label.toLowerCase());
});

test('the report lists the bands in the form’s order, unknown last', () => {
  expect(Object.keys(ageBandNames)).toEqual([...ageBands, 'onbekend']);
  expect(Object.keys(receivesHelpNames)).toEqual([...helpAnswers, 'onbekend']);
});

test('the schema accepts exactly the labelled values', () => {
  const base = {
    submissionId: '00000000-0000-4000-8000-000000000000',
    audience: 'inwoner',
    answers: { a: 'x' },
    consent: true,
  };
  for (const ageBand of ageBands) expect(SubmissionSchema.safeParse({ ...base, ageBand }).success).toBe(true);
  for (const receivesHelp of helpAnswers)
    expect(SubmissionSchema.safeParse({ ...base, receivesHelp }).success).toBe(true);
  expect(SubmissionSchema.safeParse({ ...base, ageBand: '65 tot 75 jaar' }).success).toBe(false);
});

test('a stored value the list no longer has shows as it is, not as nothing', () => {
  expect(ageBandLabel('90-plus')).toBe('90-plus');
  expect(helpAnswerLabel('soms')).toBe('soms');
});
