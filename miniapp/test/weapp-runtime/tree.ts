import type { NodeTemplate, Templates } from './templates';

/** Whoever holds a subtree's data and receives its events: the page, or a custom-wrapper instance. */
export interface Owner {
  kind: 'page' | 'wrapper';
  data: Record<string, unknown>;
  /** The `eh` method that Taro's templates bind every event to. */
  eh?: (event: unknown) => unknown;
  /** `this` for its methods: the page or component instance. */
  self?: unknown;
}

/**
 * One node of the rendered tree, read from setData'd data (a snapshot: take a fresh one after each
 * action). Elements have a tag, classes and attributes; text nodes have `text`.
 */
export interface WxNode {
  nn: string;
  /** WXML tag (`view`, `text`, `button`, `input`, `switch` …) or `#text`. */
  tag: string;
  sid: string;
  /** `id` as WXML sees it (`uid` or `sid`). */
  id: string;
  className: string;
  classes: string[];
  /** Attributes by their WXML name (`value`, `disabled`, `checked` …) plus props no template reads. */
  attrs: Record<string, unknown>;
  /** The text of a text node. */
  text?: string;
  children: WxNode[];
  parent: WxNode | null;
  /** 1 for the page's top-level nodes. */
  depth: number;
  owner: Owner;
  /** Where the node sits in its owner's data (`root.cn.[0].cn.[2]`, or `i.cn.[1]` in a wrapper). */
  path: string;
  template?: NodeTemplate;
}

type Raw = Record<string, unknown>;

/**
 * Builds the tree of a page from its data. At a custom-wrapper the subtree is read from the wrapper
 * instance's own data (Taro sends updates under it to the wrapper, so the page's copy goes stale).
 */
export function buildTree(page: Owner, templates: Templates, wrapperFor: (sid: string) => Owner | undefined): WxNode {
  const rootRaw = (page.data.root ?? { cn: [] }) as Raw;
  const root: WxNode = {
    nn: 'root',
    tag: 'page',
    sid: 'root',
    id: 'root',
    className: '',
    classes: [],
    attrs: {},
    children: [],
    parent: null,
    depth: 0,
    owner: page,
    path: 'root',
  };
  const walk = (raw: Raw, parent: WxNode, owner: Owner, path: string): void => {
    const cn = Array.isArray(raw.cn) ? (raw.cn as Raw[]) : [];
    cn.forEach((childRaw, index) => {
      if (!childRaw || typeof childRaw !== 'object') return;
      let childOwner = owner;
      let childPath = `${path}.cn.[${index}]`;
      let data = childRaw;
      const nn = String(childRaw.nn);
      if (templates.customWrapperNn !== undefined && nn === templates.customWrapperNn) {
        const wrapper = wrapperFor(String(childRaw.sid));
        if (wrapper) {
          childOwner = wrapper;
          childPath = 'i';
          data = (wrapper.data.i ?? childRaw) as Raw;
        }
      }
      const node = toNode(data, parent, childOwner, childPath, templates);
      parent.children.push(node);
      walk(data, node, childOwner, childPath);
    });
  };
  walk(rootRaw, root, page, 'root');
  return root;
}

const SKIP = new Set(['nn', 'sid', 'uid', 'cn', 'cl', 'st', 'v']);

function toNode(raw: Raw, parent: WxNode, owner: Owner, path: string, templates: Templates): WxNode {
  const nn = String(raw.nn);
  const template = templates.byNn.get(nn);
  const className = typeof raw.cl === 'string' ? raw.cl : '';
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (SKIP.has(key)) continue;
    attrs[template?.attrs[key] ?? key] = value;
  }
  if (typeof raw.st === 'string') attrs.style = raw.st;
  const sid = String(raw.sid ?? '');
  return {
    nn,
    tag: nn === templates.textNn ? '#text' : (template?.tag ?? `unknown-${nn}`),
    sid,
    id: typeof raw.uid === 'string' ? raw.uid : sid,
    className,
    classes: className.split(/\s+/).filter(Boolean),
    attrs,
    text: nn === templates.textNn ? String(raw.v ?? '') : undefined,
    children: [],
    parent,
    depth: parent.depth + 1,
    owner,
    path,
    template,
  };
}

export function* descendants(node: WxNode): Generator<WxNode> {
  for (const child of node.children) {
    yield child;
    yield* descendants(child);
  }
}

/** All text under a node, text nodes concatenated in document order. */
export function textOf(node: WxNode): string {
  if (node.text !== undefined) return node.text;
  let out = '';
  for (const n of descendants(node)) if (n.text !== undefined) out += n.text;
  return out;
}

/** Node count (elements and text nodes) and maximum depth below `root`. */
export function measure(root: WxNode): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  for (const n of descendants(root)) {
    nodes++;
    depth = Math.max(depth, n.depth - root.depth);
  }
  return { nodes, depth };
}

/** The tree as indented lines, e.g. `button.qs-btn "登录" [disabled=false]`, for failure messages. */
export function renderTree(root: WxNode, indent = ''): string {
  const lines: string[] = [];
  for (const child of root.children) {
    if (child.text !== undefined) {
      if (child.text.trim()) lines.push(`${indent}"${child.text}"`);
      continue;
    }
    const cls = child.classes.map((c) => `.${c}`).join('');
    const shown = Object.entries(child.attrs)
      .filter(([k, v]) => v !== undefined && v !== '' && k !== 'style')
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    const onlyText = child.children.length > 0 && child.children.every((c) => c.text !== undefined);
    const head = `${indent}${child.tag}${cls}${shown.length ? ` [${shown.join(' ')}]` : ''}`;
    if (onlyText) lines.push(`${head} "${textOf(child)}"`);
    else {
      lines.push(head);
      const inner = renderTree(child, `${indent}  `);
      if (inner) lines.push(inner);
    }
  }
  return lines.join('\n');
}

export interface TextMatch {
  /** Whole text of the element must equal it (after trimming); default: contains. */
  exact?: boolean;
}

/**
 * Elements whose text matches, innermost first: an element is left out when one of its element
 * descendants matches too (so `byText('登录')` is the button, not the section around it).
 */
export function findByText(root: WxNode, text: string | RegExp, options: TextMatch = {}): WxNode[] {
  const matches = (n: WxNode) => {
    const t = textOf(n).trim();
    if (text instanceof RegExp) return text.test(t);
    return options.exact ? t === text : t.includes(text);
  };
  const out: WxNode[] = [];
  const visit = (n: WxNode): boolean => {
    let childMatched = false;
    for (const c of n.children) if (c.text === undefined && visit(c)) childMatched = true;
    if (n === root || n.text !== undefined) return childMatched;
    if (!childMatched && matches(n)) {
      out.push(n);
      return true;
    }
    return childMatched;
  };
  visit(root);
  return out;
}

export function findByClass(root: WxNode, className: string): WxNode[] {
  const wanted = className.replace(/^\./, '').split('.').filter(Boolean);
  return [...descendants(root)].filter((n) => wanted.every((c) => n.classes.includes(c)));
}

export function findBySid(root: WxNode, sid: string): WxNode | undefined {
  for (const n of descendants(root)) if (n.sid === sid) return n;
  return undefined;
}

export function ancestorsAndSelf(node: WxNode): WxNode[] {
  const out: WxNode[] = [];
  for (let n: WxNode | null = node; n && n.tag !== 'page'; n = n.parent) out.push(n);
  return out;
}
