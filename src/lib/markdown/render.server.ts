import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Staff write theme descriptions and stop summaries in Markdown. Marked turns it into HTML;
// the sanitizer then keeps only plain text markup, so no script, style or event handler survives.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'a', 'h3', 'h4', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { class: 'utrecht-link', rel: 'noopener noreferrer' }),
    p: sanitizeHtml.simpleTransform('p', { class: 'utrecht-paragraph' }),
  },
  allowedClasses: { a: ['utrecht-link'], p: ['utrecht-paragraph'] },
};

// Public pages render the same few texts for every visitor (the results page: every theme's
// description and reaction): parsing and sanitising them once saves most of a page's CPU.
const rendered = new Map<string, string>();
const remembered = 500;

/** Markdown from staff to safe HTML. */
export function renderMarkdown(markdown: string): string {
  const known = rendered.get(markdown);
  if (known !== undefined) return known;
  const html = sanitizeHtml(marked.parse(markdown) as string, allowed);
  if (rendered.size >= remembered) rendered.clear();
  rendered.set(markdown, html);
  return html;
}
