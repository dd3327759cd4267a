import type { ExportFilters, ExportFormat } from './filters';

/** One approved input item as it leaves the system: the redacted text only, no contact data. */
export interface ExportItem {
  readonly id: string;
  readonly createdAt: Date;
  readonly channel: 'online' | 'roadtour' | 'import' | 'schriftelijk';
  readonly audience: string;
  readonly kind: string;
  readonly stop: string | null;
  /** The question it answers (online) or the topic of the note (roadtour). */
  readonly question: string | null;
  readonly body: string;
  readonly primaryTheme: string | null;
  readonly primaryScore: number | null;
  readonly secondaryThemes: readonly { label: string; score: number }[];
}

export interface ReportStop {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly startsAt: Date;
  readonly endsAt: Date | null;
  readonly groupType: string;
  readonly status: string;
  readonly expectedParticipants: number | null;
  readonly actualParticipants: number | null;
  /** Approved items from this stop within the filters. */
  readonly items: number;
}

export interface ReportTheme {
  readonly id: string;
  readonly label: string;
  /**
   * Accepted by the analyst (status active, or locked, or published); otherwise a candidate: a
   * proposal of the engine that nobody judged yet. The participatieverslag shows accepted themes
   * only; the spreadsheet and the data exports name candidates as such.
   */
  readonly accepted: boolean;
  readonly descriptionMd: string;
  readonly reactionMd: string;
  /** Approved items with this theme as their main theme, in all and per audience. */
  readonly mentions: number;
  readonly byAudience: Readonly<Record<string, number>>;
  readonly byChannel: Readonly<Record<string, number>>;
  /** Approved items that have this theme as a second theme ("ook genoemd bij"); never added to `mentions`. */
  readonly alsoMentioned: number;
  readonly alsoByAudience: Readonly<Record<string, number>>;
  /** At most five redacted, approved texts, spread over the audiences. */
  readonly quotes: readonly { body: string; audience: string; channel: string }[];
}

export type Breakdown = Readonly<Record<string, number>>;

/** Everything an export says apart from the item list: aggregates and a bounded set of quotes. */
export interface Report {
  readonly generatedAt: Date;
  readonly format: ExportFormat;
  readonly filters: ExportFilters;
  readonly consultation: {
    readonly id: string;
    readonly slug: string;
    readonly title: string;
    readonly summary: string;
    readonly opensAt: Date;
    readonly closesAt: Date;
  };
  /** The version (theme snapshot) the export cites; null for the current state of the board. */
  readonly snapshot: {
    readonly id: string;
    readonly label: string;
    readonly createdAt: Date;
    /** The newest publication on the public page that cites it and is not withdrawn: "definitief". */
    readonly publication: { readonly title: string; readonly publishedAt: Date } | null;
  } | null;
  readonly totals: {
    readonly items: number;
    /** Approved items per channel: online answers and notes from the roadtour. */
    readonly onlineItems: number;
    readonly roadtourItems: number;
    /** Online submissions with at least one approved item in the export. */
    readonly submissions: number;
    /** Roadtour stops that took place (status completed). */
    readonly stopsHeld: number;
    /** People present at completed roadtour stops (as the facilitator counted them). */
    readonly stopParticipants: number;
    /** Approved items whose primary theme is an accepted theme. */
    readonly itemsWithTheme: number;
  };
  /** Approved items per audience, in all and per channel, and online submissions. */
  readonly byAudience: readonly {
    audience: string;
    items: number;
    online: number;
    roadtour: number;
    submissions: number;
  }[];
  readonly byChannel: Breakdown;
  readonly profile: {
    readonly ageBand: Breakdown;
    readonly wijk: Breakdown;
    /** The consultation's wijken in the order of content/ (the closed list), name by name. */
    readonly wijkNames: Readonly<Record<string, string>>;
    readonly receivesHelp: Breakdown;
  };
  readonly stops: readonly ReportStop[];
  readonly themes: readonly ReportTheme[];
  /** Formal advices of the consultation with the college's response per point. */
  readonly advices: readonly ReportAdvice[];
  readonly auditId: number;
}

/** A formal advice in the report: its approved points in order, each with the college's response. */
export interface ReportAdvice {
  readonly id: string;
  readonly sender: string;
  readonly title: string;
  readonly audience: string;
  /** yyyy-mm-dd */
  readonly receivedOn: string;
  /** yyyy-mm-dd when the college adopted its response; null while the responses are a draft. */
  readonly adoptedOn: string | null;
  readonly points: readonly {
    readonly position: number;
    readonly text: string;
    readonly responseMd: string;
    readonly responseStatus: string | null;
  }[];
  /** Points moderation has not approved yet: not in the report (they may hold personal data). */
  readonly pointsAwaitingModeration: number;
}
