/** What the export screens say (B1 Dutch). */
export const exportMessages = {
  'export.invalid': 'De keuzes kloppen niet helemaal. Kijk de datums en het bestandstype na.',
  'export.forbidden': 'Alleen analisten en beheerders mogen gegevens downloaden.',
  'export.notFound': 'Deze raadpleging of themaversie bestaat niet (meer).',
  'export.failed': 'Het bestand kon niet worden gemaakt. Probeer het opnieuw.',
  'export.reactionMissing':
    "Het verslag is nog niet gemaakt: bij een of meer thema's staat nog niet wat de gemeente ermee doet. Kijk hieronder welke.",
} as const;

export type ExportMessageKey = keyof typeof exportMessages;

export function isExportMessageKey(value: string | null): value is ExportMessageKey {
  return value !== null && value in exportMessages;
}
