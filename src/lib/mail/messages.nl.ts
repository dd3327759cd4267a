/**
 * The one message residents may get, in Dutch at B1 level: the results are online. A plain-text
 * and an HTML version with the same content; everything from outside is escaped in the HTML.
 */

export interface ResultsMessageInput {
  /** Title of the consultation, as residents saw it. */
  readonly consultationTitle: string;
  /** Absolute http(s) link to /resultaten/<slug>. */
  readonly resultsUrl: string;
  /** Absolute http(s) link to /afmelden?token=…. */
  readonly unsubscribeUrl: string;
}

export interface MailMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);
}

/** Only absolute http(s) links go into a message (never javascript: or relative ones). */
function checkedUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${name} must be http(s)`);
  return url.href;
}

/** One line, no control characters: a title must not break the subject header or the layout. */
function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\s]+/gu, ' ').trim();
}

/** A paragraph's style in the HTML mails (mail programs ignore style sheets). */
const p = 'style="margin:0 0 16px 0"';

/** The HTML document around a message's body: one look for every e-mail the product sends. */
function htmlMail(subject: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:24px;font-family:Arial,sans-serif;font-size:18px;line-height:1.5;color:#1a1a1a;background:#ffffff">
${body}
</body>
</html>
`;
}

export function resultsMessage(input: ResultsMessageInput): MailMessage {
  const title = oneLine(input.consultationTitle);
  const resultsUrl = checkedUrl(input.resultsUrl, 'resultsUrl');
  const unsubscribeUrl = checkedUrl(input.unsubscribeUrl, 'unsubscribeUrl');

  const subject = `De resultaten van "${title}" staan online`;

  const text = [
    'Beste inwoner,',
    '',
    `Bedankt dat u heeft meegedaan aan "${title}". U liet uw e-mailadres achter om te horen wat er met de reacties is gebeurd.`,
    '',
    'De resultaten staan nu online. U leest daar wat wij gehoord hebben en wat de gemeente ermee doet:',
    resultsUrl,
    '',
    'Wat gebeurt er nu?',
    'De gemeente gebruikt de resultaten voor het nieuwe beleid. Daarna beslist de gemeenteraad. Ook dat leest u op de website.',
    '',
    'Dit is de enige e-mail die u hierover van ons krijgt. Daarna verwijderen wij uw e-mailadres.',
    'Wilt u dat wij uw e-mailadres nu al verwijderen? Dat kan via deze link:',
    unsubscribeUrl,
    '',
    'Met vriendelijke groet,',
    'Gemeente Zoetermeer',
    '',
  ].join('\n');

  const t = escapeHtml(title);
  const results = escapeHtml(resultsUrl);
  const unsubscribe = escapeHtml(unsubscribeUrl);
  const html = htmlMail(
    subject,
    `<p ${p}>Beste inwoner,</p>
<p ${p}>Bedankt dat u heeft meegedaan aan &quot;${t}&quot;. U liet uw e-mailadres achter om te horen wat er met de reacties is gebeurd.</p>
<p ${p}>De resultaten staan nu online. U leest daar wat wij gehoord hebben en wat de gemeente ermee doet.</p>
<p ${p}><a href="${results}" style="color:#00558c;font-weight:bold">Bekijk de resultaten</a><br>${results}</p>
<h2 style="margin:24px 0 8px 0;font-size:20px">Wat gebeurt er nu?</h2>
<p ${p}>De gemeente gebruikt de resultaten voor het nieuwe beleid. Daarna beslist de gemeenteraad. Ook dat leest u op de website.</p>
<p ${p}>Dit is de enige e-mail die u hierover van ons krijgt. Daarna verwijderen wij uw e-mailadres. Wilt u dat wij uw e-mailadres nu al verwijderen? <a href="${unsubscribe}" style="color:#00558c">Meld u af</a>.</p>
<p ${p}>Met vriendelijke groet,<br>Gemeente Zoetermeer</p>`,
  );

  return { subject, text, html };
}

export interface PasswordLinkMessageInput {
  readonly purpose: 'invite' | 'recovery';
  /** The staff member's name as the admin entered it. */
  readonly name: string;
  /** The one-time link to /staff/wachtwoord-instellen. */
  readonly url: string;
  /** How long the link works, in hours; null when Supabase Auth decides (its OTP lifetime). */
  readonly hours: number | null;
}

/** The e-mail with a one-time link to set a password (local staff accounts). */
export function passwordLinkMessage(input: PasswordLinkMessageInput): MailMessage {
  const url = checkedUrl(input.url, 'url');
  const name = oneLine(input.name);
  const invite = input.purpose === 'invite';
  const subject = invite ? 'Uitnodiging voor de werkplek van Doe Mee' : 'Een nieuw wachtwoord voor Doe Mee';
  const valid = input.hours === null ? null : input.hours === 1 ? 'een uur' : `${input.hours} uur`;
  const lines = invite
    ? [
        `U bent uitgenodigd voor de werkplek van Doe Mee, het inspraakplatform van de gemeente Zoetermeer.`,
        'Kies met deze link een wachtwoord. Daarna bent u meteen ingelogd.',
      ]
    : [
        'Iemand heeft een nieuw wachtwoord gevraagd voor uw account op de werkplek van Doe Mee.',
        'Was u dat? Kies dan met deze link een nieuw wachtwoord.',
      ];
  const after = [
    valid ? `De link werkt ${valid} en maar één keer.` : 'De link werkt maar één keer en niet lang.',
    invite
      ? 'Verwachtte u deze e-mail niet? Dan hoeft u niets te doen.'
      : 'Was u het niet? Dan hoeft u niets te doen: uw wachtwoord blijft hetzelfde.',
  ];
  const text = [
    `Beste ${name},`,
    '',
    ...lines,
    url,
    '',
    ...after,
    '',
    'Met vriendelijke groet,',
    'Gemeente Zoetermeer',
    '',
  ].join('\n');
  const link = escapeHtml(url);
  const html = htmlMail(
    subject,
    `<p ${p}>Beste ${escapeHtml(name)},</p>
${lines.map((line) => `<p ${p}>${escapeHtml(line)}</p>`).join('\n')}
<p ${p}><a href="${link}" style="color:#00487a">${invite ? 'Wachtwoord kiezen' : 'Nieuw wachtwoord kiezen'}</a></p>
${after.map((line) => `<p ${p}>${escapeHtml(line)}</p>`).join('\n')}
<p ${p}>Met vriendelijke groet,<br>Gemeente Zoetermeer</p>`,
  );
  return { subject, text, html };
}

export interface ModerationDigestMessageInput {
  /** The staff member's name as the admin entered it. */
  readonly name: string;
  /** Messages waiting for a moderator now (status "nieuw"). */
  readonly waiting: number;
  /** Of those, how many arrived since the previous digest (or the last day). */
  readonly arrived: number;
  /** Absolute link to the moderation queue's "Nieuw" tab. */
  readonly queueUrl: string;
  /** Absolute link to where the digest is turned off. */
  readonly settingsUrl: string;
}

const messages = (n: number) => (n === 1 ? '1 nieuw bericht' : `${n} nieuwe berichten`);

/**
 * The daily e-mail for moderators who chose it (issue 20, item 15). Counts and links only: never a
 * resident's text, name or any other data from the messages.
 */
export function moderationDigestMessage(input: ModerationDigestMessageInput): MailMessage {
  const queueUrl = checkedUrl(input.queueUrl, 'queueUrl');
  const settingsUrl = checkedUrl(input.settingsUrl, 'settingsUrl');
  const name = oneLine(input.name);
  const waiting = Math.max(0, Math.trunc(input.waiting));
  const arrived = Math.min(waiting, Math.max(0, Math.trunc(input.arrived)));
  const subject = `Doe Mee: ${messages(waiting)} ${waiting === 1 ? 'wacht' : 'wachten'} op beoordeling`;
  const lines = [
    `Er ${waiting === 1 ? 'wacht' : 'wachten'} ${messages(waiting)} op beoordeling.`,
    arrived === 0
      ? 'Sinds de vorige e-mail kwam er niets nieuws bij.'
      : `Daarvan ${arrived === 1 ? 'kwam er 1' : `kwamen er ${arrived}`} bij sinds de vorige e-mail.`,
  ];
  const off =
    'U krijgt deze e-mail omdat u dat zelf hebt gekozen. Wilt u hem niet meer? Zet hem uit op de moderatiepagina:';
  const text = [
    `Beste ${name},`,
    '',
    ...lines,
    '',
    'Bekijk de nieuwe berichten:',
    queueUrl,
    '',
    off,
    settingsUrl,
    '',
    'Met vriendelijke groet,',
    'Doe Mee, gemeente Zoetermeer',
    '',
  ].join('\n');
  const queue = escapeHtml(queueUrl);
  const html = htmlMail(
    subject,
    `<p ${p}>Beste ${escapeHtml(name)},</p>
${lines.map((line) => `<p ${p}>${escapeHtml(line)}</p>`).join('\n')}
<p ${p}><a href="${queue}" style="color:#00487a;font-weight:bold">Bekijk de nieuwe berichten</a></p>
<p ${p}>${escapeHtml(off)} <a href="${escapeHtml(settingsUrl)}" style="color:#00487a">e-mail uitzetten</a>.</p>
<p ${p}>Met vriendelijke groet,<br>Doe Mee, gemeente Zoetermeer</p>`,
  );
  return { subject, text, html };
}
