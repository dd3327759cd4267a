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

/** Markdown from staff to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, allowed);
}
