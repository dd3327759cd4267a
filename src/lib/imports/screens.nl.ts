import { fileMessages } from './messages.nl';
import type { ScreenError } from './web.server';

/** Dutch (B1) texts for what the import screens can refuse. */
export const screenMessages = {
  ...fileMessages,
  'consultation.missing': 'Kies de raadpleging waar de antwoorden bij horen.',
  'source.missing': 'Kies een bron, of vul de naam van een nieuwe bron in.',
  'source.name': 'De naam van de bron moet tussen 2 en 120 tekens lang zijn.',
  'upload.gone':
    'Dit bestand is er niet meer. Het is al geïmporteerd, of het is langer dan een dag geleden geüpload. Upload het opnieuw.',
  'confirm.required':
    'Sommige rijen hebben fouten. Zet een vinkje als u alleen de goede rijen wilt importeren, of verbeter het bestand.',
  'nothing.valid': 'Er is geen enkele goede rij om te importeren. Verbeter het bestand of de koppeling.',
  'header.broken': 'Koppel eerst elke kolom aan een vraag of een gegeven, of kies "Niet gebruiken".',
  'import.conflict':
    'Iemand anders importeerde dit bestand net. Kijk bij "Laatste imports" wat er is opgeslagen.',
} satisfies Record<ScreenError, string>;
