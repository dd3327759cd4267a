/**
 * The one e-mail residents may get: "the results are out".
 *
 *   const queued = await queueResultsMessages(db, consultationId, env.PUBLIC_SITE_URL);
 *   const config = readMailConfig();
 *   const transport = createTransport(config);   // null without SMTP: the outbox is all there is
 *   if (transport) await deliverOutbox(db, transport, { from: config.from });
 *   await unsubscribe(db, token);                 // from /afmelden
 *
 * Server-only (database, SMTP), except messages.nl.ts and links.ts.
 */
export { defaultMailFrom, type MailConfig, readMailConfig, type SmtpConfig } from './config.server';
export {
  chooseDigest,
  type DigestOptions,
  digestHour,
  digestSettingsPath,
  moderationDigestKind,
  moderationQueuePath,
  queueModerationDigests,
  readDigestChoice,
} from './digest.server';
export { resultsUrl, siteBase, UnsubscribeTokenSchema, unsubscribeUrl } from './links';
export {
  escapeHtml,
  type MailMessage,
  type ModerationDigestMessageInput,
  moderationDigestMessage,
  type PasswordLinkMessageInput,
  passwordLinkMessage,
  type ResultsMessageInput,
  resultsMessage,
} from './messages.nl';
export { type OutboxEntry, type OutboxOverview, type OutboxState, readOutbox } from './outbox.server';
export { queueResultsMessages, ResultsNotPublishedError, resultsPublishedKind } from './queue.server';
export {
  createTransport,
  type DeliveryOptions,
  type DeliveryResult,
  deliverOutbox,
  type MailTransport,
  maxAttempts,
  shortError,
} from './send.server';
export { sendStaffMailSoon, staffMailSettled } from './soon.server';
export { unsubscribe } from './unsubscribe.server';
