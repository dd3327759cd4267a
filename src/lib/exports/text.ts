import { Lexer, type Token, type Tokens } from 'marked';

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
export const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => entities[m] ?? m);

function inlineText(tokens: readonly Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
      case 'em':
      case 'del':
        out += inlineText((token as Tokens.Strong).tokens);
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const text = inlineText(link.tokens);
        out += text === link.href ? text : `${text} (${link.href})`;
        break;
      }
      case 'br':
        out += '\n';
        break;
      case 'text': {
        const text = token as Tokens.Text;
        out += text.tokens?.length ? inlineText(text.tokens) : decodeEntities(text.text);
        break;
      }
      case 'codespan':
        out += decodeEntities((token as Tokens.Codespan).text);
        break;
      case 'html':
        break;
      default:
        out += decodeEntities('text' in token ? String(token.text) : token.raw);
    }
  }
  return out;
}

/**
 * Staff Markdown (a theme's description, "wat doen we ermee") as plain text for a spreadsheet cell:
 * no asterisks or hashes; paragraphs separated by a blank line, list items as "- " or "1. ",
 * a link as its text with the address after it. marked's lexer parses, as on the site.
 */
export function markdownToText(markdown: string): string {
  const blocks: string[] = [];
  const walk = (tokens: readonly Token[], indent: string) => {
    for (const token of tokens) {
      switch (token.type) {
        case 'paragraph':
        case 'heading':
          blocks.push(indent + inlineText((token as Tokens.Paragraph).tokens));
          break;
        case 'list': {
          const list = token as Tokens.List;
          const lines: string[] = [];
          list.items.forEach((item, index) => {
            const marker = list.ordered ? `${Number(list.start || 1) + index}. ` : '- ';
            const [first, ...rest] = item.tokens;
            const own =
              first && (first.type === 'text' || first.type === 'paragraph')
                ? inlineText((first as Tokens.Text).tokens ?? [first])
                : '';
            lines.push(`${indent}${marker}${own}`);
            const nested: string[] = [];
            const keep = blocks.length;
            walk(own ? rest : item.tokens, `${indent}  `);
            nested.push(...blocks.splice(keep));
            lines.push(...nested);
          });
          blocks.push(lines.join('\n'));
          break;
        }
        case 'blockquote':
          walk((token as Tokens.Blockquote).tokens, indent);
          break;
        case 'code':
          blocks.push(indent + (token as Tokens.Code).text);
          break;
        case 'space':
        case 'hr':
        case 'html':
          break;
        default:
          if (token.raw.trim()) blocks.push(indent + decodeEntities(token.raw.trim()));
      }
    }
  };
  walk(new Lexer({ gfm: true }).lex(markdown), '');
  return blocks.join('\n\n').trim();
}

/** Pairs of quotation marks a text may already be wrapped in (Dutch, English and straight). */
const quotePairs: readonly [string, string][] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['„', '”'],
  ['„', '“'],
  ['‘', '’'],
  ['‚', '’'],
  ['«', '»'],
  ['»', '«'],
];

/**
 * A quote's text without the quotation marks it already has, so the report can put its own
 * around it without doubling them ("„Ik wil…”" → "Ik wil…"). Only marks that wrap the whole text
 * are taken off, and only when no mark of the same pair is left inside (a text that quotes
 * someone halfway keeps its marks).
 */
export function stripQuotes(text: string): string {
  let out = text.trim();
  for (;;) {
    const pair = quotePairs.find(
      ([open, close]) => out.length > 2 && out.startsWith(open) && out.endsWith(close),
    );
    if (!pair) return out;
    const inner = out.slice(pair[0].length, out.length - pair[1].length);
    if (inner.includes(pair[0]) || inner.includes(pair[1])) return out;
    out = inner.trim();
  }
}

/** The first sentence of a plain text (for one line per theme in the summary). */
export function firstSentence(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?])(\s|$)/.exec(flat);
  const sentence = match?.[1] ?? flat;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
