import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What Taro's generated `base.wxml` says about each node type (`nn`): the WXML tag it renders, the
 * attribute each minified `pN` field feeds, and which events the template binds. Taro computes the
 * numbers and the `pN` names per build, so they are read from the build, never hard-coded.
 */
export interface NodeTemplate {
  nn: string;
  /** The WXML tag: view, text, button, input, switch, scroll-view, custom-wrapper … */
  tag: string;
  /** `p25` → `value` */
  attrs: Record<string, string>;
  /** Event type → how the template listens: `bind` (bubbles on) or `catch` (stops bubbling). */
  events: Record<string, 'bind' | 'catch'>;
}

export interface Templates {
  byNn: Map<string, NodeTemplate>;
  /** The `nn` of a text node (`{{i.v}}`). */
  textNn: string;
  /** The `nn` of Taro's `custom-wrapper`, when the build uses one. */
  customWrapperNn?: string;
}

// `tmpl_0_<nn>`, `tmpl_0_<nn>_focus|_blur` (inputs), and `tmpl_0_<component-name>` for third-party
// components such as `custom-wrapper`, whose `nn` is their name.
const TEMPLATE_RE = /<template name="tmpl_0_([A-Za-z0-9-]+?)(?:_(focus|blur))?">\s*([\s\S]*?)\n<\/template>/g;

export function parseTemplates(distDir: string): Templates {
  const wxml = readFileSync(join(distDir, 'base.wxml'), 'utf8');
  const byNn = new Map<string, NodeTemplate>();
  let textNn: string | undefined;
  let customWrapperNn: string | undefined;
  for (const m of wxml.matchAll(TEMPLATE_RE)) {
    const [, nn, variant, body] = m;
    if (/^<block>\{\{i\.v\}\}<\/block>/.test(body.trim())) {
      textNn = nn;
      byNn.set(nn, { nn, tag: '#text', attrs: {}, events: {} });
      continue;
    }
    const open = /^<([\w-]+)([^>]*)>/.exec(body.trim());
    if (!open) continue;
    const [, tag, attrText] = open;
    // `tmpl_0_33` only picks `tmpl_0_33_focus` or `_blur`: the element is in the variant.
    if (tag === 'template') continue;
    if (byNn.has(nn) && !variant) continue;
    const attrs: Record<string, string> = {};
    const events: Record<string, 'bind' | 'catch'> = {};
    for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, name, value] = a;
      const ev = /^(bind|catch)([a-z]+)$/.exec(name);
      if (ev && value === 'eh') {
        events[ev[2]] = ev[1] as 'bind' | 'catch';
        continue;
      }
      for (const p of value.matchAll(/\bi\.(p\d+)\b/g)) attrs[p[1]] = name;
    }
    byNn.set(nn, { nn, tag, attrs, events });
    if (tag === 'custom-wrapper') customWrapperNn = nn;
  }
  if (!textNn) throw new Error(`weapp harness: no text-node template in ${distDir}/base.wxml — not a Taro build?`);
  return { byNn, textNn, customWrapperNn };
}
