import { Lexer, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Staff Markdown made safe as Markdown (issue 16, item 13: the .md export carried analysts'
 * Markdown raw, HTML and `javascript:` links included). The same rules as the pages
 * (render.server.ts): no HTML of any kind, links only to http, https and mailto, no images.
 * Parsed with the same parser as the pages (marked) and written back token by token, so
 * ordinary Markdown (paragraphs, bold, italics, lists, quotes, headings, code, tables, links)
 * comes out as it went in; HTML becomes its plain text, escaped so it shows and never runs.
 */

/** The page sanitizer's schemes (render.server.ts `allowedSchemes`). */
export const allowedLinkSchemes = ['https', 'http', 'mailto'] as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these in URLs, so must we
const ignoredInUrls = /[\u0000-\u0020\u007F-\u009F]/g;

function safeHref(href: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(ignoredInUrls, ''));
  return (
    scheme !== null && (allowedLinkSchemes as readonly string[]).includes(scheme[1]?.toLowerCase() ?? '')
  );
}

/** Text shown literally in Markdown: every character that could start markup is escaped. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/([\\`*_[\]{}<>()#+\-.!|~&])/g, '\\$1');
}

/** HTML's text content (script and style content dropped, as the page sanitizer does), escaped. */
function htmlAsText(html: string): string {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  // sanitize-html returns entity-encoded text; Markdown would show the entities, so decode the few it makes.
  const decoded = text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return escapeMarkdownText(decoded);
}

const linkDestination = (href: string) => `<${href.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
const linkTitle = (title: string | null | undefined) =>
  title ? ` "${title.replace(/["\\]/g, '\\$&').replace(/\r?\n/g, ' ')}"` : '';

function inline(tokens: readonly Token[] | undefined): string {
  return (tokens ?? []).map(inlineToken).join('');
}

function inlineToken(token: Token): string {
  switch (token.type) {
    case 'text':
      // < > [ ] escaped: text left beside something removed must not become a tag (`<<b>script>`)
      // or a link (`[a][r]` and a definition `[r]: javascript:…` that only parses once a tag is gone).
      return 'tokens' in token && token.tokens ? inline(token.tokens) : token.raw.replace(/[<>[\]]/g, '\\$&');
    case 'escape':
    case 'codespan':
    case 'br':
      return token.raw;
    case 'strong':
    case 'em':
    case 'del': {
      const marker = /^[*_~]+/.exec(token.raw)?.[0] ?? '';
      return `${marker}${inline((token as Tokens.Strong).tokens)}${marker}`;
    }
    case 'link': {
      const link = token as Tokens.Link;
      if (!safeHref(link.href)) return inline(link.tokens);
      // Autolinks (<https://…>, bare URLs) are written as they were: they hold no markup.
      if (link.raw === link.href || link.raw === `<${link.href}>`) return link.raw;
      return `[${inline(link.tokens)}](${linkDestination(link.href)}${linkTitle(link.title)})`;
    }
    case 'image':
      // The pages show no images; the alt text stays readable.
      return escapeMarkdownText((token as Tokens.Image).text);
    case 'html':
      return htmlAsText(token.raw);
    case 'checkbox':
      return '';
    default:
      return escapeMarkdownText(token.raw);
  }
}

const trailingNewlines = (raw: string) => /\n*$/.exec(raw)?.[0] ?? '';
const indent = (text: string, prefix: string, first = prefix) =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line === '' ? '' : prefix) + line)
    .join('\n');

function blocks(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.type === 'space' ? t.raw : blockToken(t) + trailingNewlines(t.raw))).join('');
}

function blockToken(token: Token): string {
  switch (token.type) {
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens);
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : escapeMarkdownText(text.text);
    }
    case 'heading': {
      const heading = token as Tokens.Heading;
      return `${'#'.repeat(heading.depth)} ${inline(heading.tokens)}`;
    }
    case 'code':
    case 'hr':
      return token.raw.replace(/\n+$/, '');
    case 'blockquote':
      return indent(blocks((token as Tokens.Blockquote).tokens).replace(/\n+$/, ''), '> ').replace(
        /^> $/gm,
        '>',
      );
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, i) => {
          const bullet = /^\s*([-*+]|\d{1,9}[.)])/.exec(item.raw)?.[1] ?? '-';
          const marker = list.ordered ? `${start + i}${bullet.endsWith(')') ? ')' : '.'} ` : `${bullet} `;
          // A task's checkbox is a form field in HTML, which the pages do not show: plain text here.
          const task = item.task ? (item.checked ? '\\[x\\] ' : '\\[ \\] ') : '';
          const body = blocks(item.tokens).replace(/\n+$/, '');
          return indent(`${task}${body}`, ' '.repeat(marker.length), marker);
        })
        .join(list.loose ? '\n\n' : '\n');
    }
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) =>
        `| ${cells.map((c) => inline(c.tokens).replace(/\|/g, '\\|')).join(' | ')} |`;
      const align = table.align.map((a) =>
        a === 'center' ? ':---:' : a === 'left' ? ':---' : a === 'right' ? '---:' : '---',
      );
      return [row(table.header), `| ${align.join(' | ')} |`, ...table.rows.map(row)].join('\n');
    }
    case 'html':
      return htmlAsText(token.raw).replace(/\n+$/, '');
    case 'def':
      // Reference links are written inline above; the definitions are not needed.
      return '';
    default:
      return escapeMarkdownText(token.raw.replace(/\n+$/, ''));
  }
}

const onePass = (markdown: string) => blocks(Lexer.lex(markdown, { gfm: true, breaks: false }));

/**
 * Staff Markdown without HTML, unsafe links or images, the rest as written. Removing something can
 * make the text around it parse differently, so the result is sanitised again until a pass changes
 * nothing: then its own parse holds nothing the rules remove. Text that never settles goes out as
 * plain text.
 */
export function sanitiseMarkdown(markdown: string): string {
  let current = onePass(markdown);
  for (let pass = 0; pass < 4; pass++) {
    const next = onePass(current);
    if (next === current) return current;
    current = next;
  }
  return escapeMarkdownText(markdown);
}
