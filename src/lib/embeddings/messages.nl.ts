import type { EmbeddingsFailure } from './client.server';

export type EmbeddingsProblem = EmbeddingsFailure | 'internal';

const lexicalOnly = 'De thema’s zijn alleen op woorden berekend.';

/** Dutch (B1) line for the theme board when a run went on without the language model. */
export const embeddingsProblems = {
  unreachable: `Zonder taalmodel: de server voor taalmodellen was niet bereikbaar. ${lexicalOnly}`,
  timeout: `Zonder taalmodel: de server voor taalmodellen antwoordde niet op tijd. ${lexicalOnly}`,
  refused: `Zonder taalmodel: de server voor taalmodellen weigerde de vraag. Vraag de beheerder de sleutel te controleren. ${lexicalOnly}`,
  http: `Zonder taalmodel: de server voor taalmodellen gaf een foutmelding. ${lexicalOnly}`,
  invalid: `Zonder taalmodel: de server voor taalmodellen gaf geen bruikbaar antwoord. ${lexicalOnly}`,
  internal: `Zonder taalmodel: er ging iets mis bij het gebruik van het taalmodel. ${lexicalOnly}`,
} satisfies Record<EmbeddingsProblem, string>;

/** Dutch (B1) line for the theme board when the language model was used. */
export function embeddingsUsed(model: string, items: number, sent: number): string {
  const berichten = items === 1 ? '1 bericht' : `${items} berichten`;
  return sent === 0
    ? `Met taalmodel ${model}: ${berichten}, alle al eerder berekend.`
    : `Met taalmodel ${model}: ${berichten}, waarvan ${sent} nieuw berekend.`;
}
