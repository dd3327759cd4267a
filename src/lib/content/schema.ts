import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'gebruik kleine letters, cijfers en streepjes');

export const audiences = [
  'inwoner',
  'mantelzorger',
  'aanbieder',
  'ouderenbond',
  'partner',
  'adviesraad',
] as const;
export type Audience = (typeof audiences)[number];

/** Audiences that answer on behalf of an organisation and give its name. */
export const organisationAudiences: readonly Audience[] = [
  'aanbieder',
  'ouderenbond',
  'partner',
  'adviesraad',
];

/** A date from YAML (a Date or a string); anything else is invalid instead of throwing in `new Date`. */
const contentDate = z.preprocess(
  (v) => (typeof v === 'string' || typeof v === 'number' || v instanceof Date ? v : undefined),
  z.coerce.date(),
);

export const TopicSchema = z.object({
  /** Stable id; input items refer to it, so never rename a key once answers exist. */
  key: slug,
  /** Short title shown to facilitators and staff. */
  label: z.string().min(1).max(160),
  /** What the topic covers, in one or two sentences. */
  description: z.string().max(2000).default(''),
});

export const QuestionSchema = z.object({
  /** Stable id, unique within the audience. */
  key: slug,
  /** The topic this question belongs to (a key from `topics`). */
  topic: slug,
  /** The question as the visitor reads it (B1 Dutch). */
  prompt: z.string().min(3).max(500),
  /** Extra explanation under the question. */
  help: z.string().max(2000).default(''),
  required: z.boolean().default(false),
  /** Maximum answer length in characters. */
  maxLength: z.number().int().min(100).max(20000).default(5000),
  /** No longer asked (a question with answers is hidden instead of removed). */
  hidden: z.boolean().default(false),
});

/** The profile questions ("Over u") an audience can be asked (issue 20, item 1). */
export const profileQuestions = ['ageBand', 'wijk', 'receivesHelp'] as const;
export type ProfileQuestion = (typeof profileQuestions)[number];

/** Residents are asked every profile question, organisations none, unless content says otherwise. */
export const defaultProfile = (audience: Audience): ProfileQuestion[] =>
  organisationAudiences.includes(audience) ? [] : [...profileQuestions];

export const AudienceSchema = z.object({
  /** Introduction shown above this audience's questions. */
  intro: z.string().max(2000).default(''),
  /** The profile questions this audience is asked; left out: residents all, organisations none. */
  profile: z.array(z.enum(profileQuestions)).optional(),
  questions: z.array(QuestionSchema).min(1),
});

/** A policy topic the municipality expects; guided theme clustering starts from these. */
export const GuidedThemeSchema = z.object({
  key: z.string().regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/),
  label: z.string().min(1).max(160),
  description: z.string().min(1).max(2000),
});

export const ConsultationSchema = z
  .object({
    slug,
    title: z.string().min(3).max(200),
    /** One paragraph: what this is about, for the home page and the participatieverslag. */
    summary: z.string().max(4000),
    status: z.enum(['draft', 'published', 'archived']),
    opensAt: contentDate,
    closesAt: contentDate,
    /** After this date originals and contact e-mail addresses are deleted. */
    retentionUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'schrijf als JJJJ-MM-DD')
      .optional(),
    topics: z.array(TopicSchema).min(1),
    audiences: z.record(z.enum(audiences), AudienceSchema),
    themes: z.array(GuidedThemeSchema).default([]),
    /**
     * The wijken offered in the optional profile question: a closed list (issue 16, item 11), in
     * the order the form shows them. The form adds "Zeg ik liever niet" (stored as no wijk).
     */
    wijken: z.array(z.string().trim().min(2).max(80)).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.closesAt <= c.opensAt)
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'moet na opensAt liggen' });
    const wijken = new Set<string>();
    c.wijken.forEach((wijk, i) => {
      // Case-insensitive: older free-text values are matched to the list that way.
      const key = wijk.toLocaleLowerCase('nl');
      if (wijken.has(key) || key === 'zeg ik liever niet')
        ctx.addIssue({
          code: 'custom',
          path: ['wijken', i],
          message: `dubbele of gereserveerde wijk "${wijk}"`,
        });
      wijken.add(key);
    });
    const topicKeys = new Set(c.topics.map((t) => t.key));
    for (const [audience, def] of Object.entries(c.audiences)) {
      const seen = new Set<string>();
      def.questions.forEach((q, i) => {
        if (!topicKeys.has(q.topic))
          ctx.addIssue({
            code: 'custom',
            path: ['audiences', audience, 'questions', i, 'topic'],
            message: `onbekend onderwerp "${q.topic}"`,
          });
        if (seen.has(q.key))
          ctx.addIssue({
            code: 'custom',
            path: ['audiences', audience, 'questions', i, 'key'],
            message: `dubbele sleutel "${q.key}"`,
          });
        seen.add(q.key);
      });
    }
  });

export type Consultation = z.output<typeof ConsultationSchema>;
export type Topic = z.output<typeof TopicSchema>;
export type Question = z.output<typeof QuestionSchema>;
export type GuidedTheme = z.output<typeof GuidedThemeSchema>;
