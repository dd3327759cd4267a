// A mail server for the browser tests: the e2e server sends its staff e-mail here over real SMTP
// (smtp-server), and tests read what arrived over HTTP:
//   GET /health                 200 once both ports listen
//   GET /messages?to=ADDRESS    [{ to: [...], subject, text }] oldest first, for one address or all
// Started by tests/playwright.config.ts as a web server; ports from MAIL_CATCHER_SMTP_PORT and
// MAIL_CATCHER_HTTP_PORT.
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT);
const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT);
const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
        });
        callback();
      })
      .catch(callback);
  },
});
smtp.listen(smtpPort, '127.0.0.1');

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://catcher');
    if (url.pathname === '/health') return res.writeHead(200).end('ok');
    if (url.pathname === '/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages));
    }
    res.writeHead(404).end();
  })
  .listen(httpPort, '127.0.0.1');
