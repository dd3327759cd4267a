/**
 * The profile questions ("Over u"): the values the form sends and the one Dutch (B1) label of each.
 * Every place that shows an answer uses these labels: the form itself, "mijn inzending", the
 * participatieverslag and the other exports, and the audit log. So "65 tot 75 jaar" is called the
 * same on the form, in a resident's own overview and in the report (issue 20, item 5).
 *
 * No imports: the answer form (an island) reads this module too.
 */

/** Age bands, youngest first: the order of the form's list and of every table. */
export const ageBands = ['tot-55', '55-64', '65-74', '75-84', '85-plus'] as const;
export type AgeBand = (typeof ageBands)[number];

export const ageBandLabels = {
  'tot-55': 'Jonger dan 55 jaar',
  '55-64': '55 tot 65 jaar',
  '65-74': '65 tot 75 jaar',
  '75-84': '75 tot 85 jaar',
  '85-plus': '85 jaar of ouder',
} as const satisfies Record<AgeBand, string>;

/** Answers to "do you get help in the household from the municipality (Wmo)?". */
export const helpAnswers = ['ja', 'nee', 'weet-niet'] as const;
export type HelpAnswer = (typeof helpAnswers)[number];

export const helpAnswerLabels = {
  ja: 'Ja',
  nee: 'Nee',
  'weet-niet': 'Weet ik niet',
} as const satisfies Record<HelpAnswer, string>;

/** The questions as the form asks them; "mijn inzending" shows the answers under the same words. */
export const profileQuestions = {
  ageBand: 'Hoe oud bent u?',
  wijk: 'In welke wijk woont u?',
  receivesHelp: 'Krijgt u nu hulp bij het huishouden van de gemeente (Wmo)?',
} as const;

/** The choice that stores no answer, on every list of the form. */
export const noAnswerLabel = 'Zeg ik liever niet';

/** The label of a stored age band; a value from before a change of the list shows as it is. */
export function ageBandLabel(value: string): string {
  return (ageBandLabels as Record<string, string>)[value] ?? value;
}

/** The label of a stored answer to the help question. */
export function helpAnswerLabel(value: string): string {
  return (helpAnswerLabels as Record<string, string>)[value] ?? value;
}
