import sanitizeHtml from 'sanitize-html';

/**
 * The rich text a policy keeps (正文, 解读): the subset Taro `RichText` and `mp-html` render the same on every
 * platform. Headings, paragraphs, lists, tables, emphasis, quotes and links (http/https only); images only from
 * https. No `style`, `class`, script, event handler (`on…`) or other attribute survives; unknown tags are
 * dropped but their text is kept (script and style are dropped whole).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'u',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
    'span',
    'blockquote',
    'img',
  ],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  // An image only from an absolute https address; a link only to an absolute http(s) one (relative ones lead nowhere in the app).
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^https:\/\//i.test(frame.attribs.src ?? ''),
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:\/\//i.test(attribs.href ?? '') ? { href: attribs.href } : ({} as Record<string, string>),
    }),
    // Headings above h2 read as h2 (the page's own title is the policy's), b/i as strong/em.
    h1: 'h2',
    b: 'strong',
    i: 'em',
  },
};

/** The safe subset of policy HTML (正文, 解读); plain text passes through with `<`, `>` and `&` escaped. */
export function sanitizePolicyHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
