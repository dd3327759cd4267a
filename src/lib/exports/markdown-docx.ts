import { Paragraph, type ParagraphChild, TextRun } from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
}

function inline(tokens: readonly Token[] | undefined, style: RunStyle = {}): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        runs.push(...inline((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        runs.push(...inline((token as Tokens.Em).tokens, { ...style, italics: true }));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        runs.push(...inline(link.tokens, style), new TextRun({ text: ` (${link.href})`, ...style }));
        break;
      }
      case 'br':
        runs.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'text': {
        const text = token as Tokens.Text;
        if (text.tokens && text.tokens.length > 0) runs.push(...inline(text.tokens, style));
        else runs.push(new TextRun({ text: decode(text.text), ...style }));
        break;
      }
      default:
        runs.push(new TextRun({ text: decode('text' in token ? String(token.text) : token.raw), ...style }));
    }
  }
  return runs;
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => entities[m] ?? m);

/**
 * Staff Markdown (theme descriptions, reactions) as Word paragraphs: paragraphs, bold, italics,
 * links (as text with the address), bullet and numbered lists, headings as bold paragraphs;
 * `base` styles every run (the advice appendix writes responses in italics).
 * marked's lexer does the parsing; anything else becomes plain text, never raw HTML.
 */
export function markdownToParagraphs(markdown: string, base: RunStyle = {}): Paragraph[] {
  const out: Paragraph[] = [];
  const walk = (tokens: readonly Token[], level: number) => {
    for (const token of tokens) {
      switch (token.type) {
        case 'paragraph':
          out.push(new Paragraph({ children: inline((token as Tokens.Paragraph).tokens, base) }));
          break;
        case 'heading':
          out.push(
            new Paragraph({ children: inline((token as Tokens.Heading).tokens, { ...base, bold: true }) }),
          );
          break;
        case 'list': {
          const list = token as Tokens.List;
          list.items.forEach((item, index) => {
            const [first, ...rest] = item.tokens;
            const children =
              first && (first.type === 'text' || first.type === 'paragraph')
                ? inline((first as Tokens.Text).tokens ?? [first], base)
                : [];
            out.push(
              new Paragraph({
                children: list.ordered
                  ? [new TextRun({ text: `${Number(list.start || 1) + index}. `, ...base }), ...children]
                  : children,
                ...(list.ordered ? { indent: { left: 360 * (level + 1) } } : { bullet: { level } }),
              }),
            );
            walk(
              first && (first.type === 'text' || first.type === 'paragraph') ? rest : item.tokens,
              level + 1,
            );
          });
          break;
        }
        case 'blockquote':
          walk((token as Tokens.Blockquote).tokens, level);
          break;
        case 'space':
        case 'hr':
          break;
        default:
          if (token.raw.trim())
            out.push(new Paragraph({ children: [new TextRun({ text: decode(token.raw.trim()), ...base })] }));
      }
    }
  };
  walk(new Lexer({ gfm: true }).lex(markdown), 0);
  return out;
}
