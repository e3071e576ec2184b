/**
 * The editor's rich text: simple HTML (the server keeps only its safe subset), or plain paragraphs that become
 * `<p>`s when saved. The toolbar inserts these snippets where the cursor is.
 */
export type RichTool = 'bold' | 'heading' | 'list' | 'paragraph';

export const RICH_TOOLS: ReadonlyArray<{ key: RichTool; label: string; snippet: string }> = [
  { key: 'bold', label: '加粗', snippet: '<strong>加粗文字</strong>' },
  { key: 'heading', label: '标题', snippet: '\n<h3>小标题</h3>\n' },
  { key: 'list', label: '列表', snippet: '\n<ul>\n<li>第一项</li>\n<li>第二项</li>\n</ul>\n' },
  { key: 'paragraph', label: '段落', snippet: '\n<p>段落文字</p>\n' },
];

/** Inserts `snippet` at `cursor` (the end when unknown or out of range); the new text and cursor. */
export function insertAt(text: string, cursor: number | undefined, snippet: string): { text: string; cursor: number } {
  const at = cursor === undefined || cursor < 0 || cursor > text.length ? text.length : cursor;
  return { text: text.slice(0, at) + snippet + text.slice(at), cursor: at + snippet.length };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const HAS_TAG = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i;

/** What is saved: HTML as written, or each non-empty line of plain text as a paragraph. */
export function toRichHtml(text: string): string {
  const trimmed = text.trim();
  if (!trimmed || HAS_TAG.test(trimmed)) return trimmed;
  return trimmed
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

const ALLOWED = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote']);

/**
 * HTML for the preview of text not yet saved (saved text comes back sanitised by the server): the allowed tags
 * without any attribute; scripts, styles and frames with their content, comments and every other tag dropped.
 */
export function previewHtml(text: string): string {
  return toRichHtml(text)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|iframe|object|embed|textarea|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g, (_m, close: string, tag: string) => {
      const t = tag.toLowerCase();
      if (!ALLOWED.has(t)) return '';
      if (t === 'br') return '<br/>';
      return `<${close}${t}>`;
    })
    .replace(/<(?![/a-z])/gi, '&lt;');
}
