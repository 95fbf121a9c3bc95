// A strict, tiny XML reader for the export tests (no XML parser is installed): it rejects
// anything that is not well-formed and returns the element tree with CDATA joined into text.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /^[A-Za-z_][\w.-]*/;
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITY = /^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

function decode(raw: string, where: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '<') throw new Error(`bare "<" at ${where + i}`);
    if (ch !== '&') {
      out += ch;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (m === null) throw new Error(`bad entity at ${where + i}`);
    const name = m[1] ?? '';
    out +=
      name === 'lt'
        ? '<'
        : name === 'gt'
          ? '>'
          : name === 'amp'
            ? '&'
            : name === 'quot'
              ? '"'
              : name === 'apos'
                ? "'"
                : String.fromCodePoint(
                    name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
                  );
    i += m[0].length - 1;
  }
  return out;
}

/** Parse a whole document; throws with a position on the first well-formedness error. */
export function parseXml(src: string): XmlElement {
  if (INVALID_CHAR.test(src)) throw new Error('character not allowed in XML');
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;

  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    pos = end + 2;
  }
  while (pos < src.length) {
    const top = stack[stack.length - 1];
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end < 0) throw new Error(`unterminated comment at ${pos}`);
      const body = src.slice(pos + 4, end);
      if (body.includes('--') || body.endsWith('-')) throw new Error(`"--" in comment at ${pos}`);
      pos = end + 3;
    } else if (src.startsWith('<![CDATA[', pos)) {
      if (top === undefined) throw new Error(`CDATA outside the root at ${pos}`);
      const end = src.indexOf(']]>', pos + 9);
      if (end < 0) throw new Error(`unterminated CDATA at ${pos}`);
      top.children.push(src.slice(pos + 9, end));
      pos = end + 3;
    } else if (src.startsWith('</', pos)) {
      const m = NAME.exec(src.slice(pos + 2));
      const name = m?.[0] ?? '';
      const close = src.indexOf('>', pos);
      if (m === null || src.slice(pos + 2 + name.length, close).trim() !== '')
        throw new Error(`bad end tag at ${pos}`);
      if (top === undefined || top.name !== name)
        throw new Error(`</${name}> at ${pos} does not close <${top?.name ?? '(none)'}>`);
      stack.pop();
      pos = close + 1;
    } else if (src[pos] === '<') {
      const m = NAME.exec(src.slice(pos + 1));
      if (m === null) throw new Error(`bad start tag at ${pos}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [] };
      pos += 1 + m[0].length;
      for (;;) {
        const ws = /^\s*/.exec(src.slice(pos))?.[0] ?? '';
        pos += ws.length;
        if (src.startsWith('/>', pos) || src[pos] === '>') break;
        if (ws === '') throw new Error(`missing space before attribute at ${pos}`);
        const a = /^([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(src.slice(pos));
        if (a === null) throw new Error(`bad attribute at ${pos}`);
        const [whole, key = '', value = ''] = a;
        if (key in el.attrs) throw new Error(`duplicate attribute ${key} at ${pos}`);
        el.attrs[key] = decode(value, pos);
        pos += whole.length;
      }
      if (top === undefined) {
        if (root !== null) throw new Error(`second root element at ${pos}`);
        root = el;
      } else {
        top.children.push(el);
      }
      if (src.startsWith('/>', pos)) pos += 2;
      else {
        stack.push(el);
        pos += 1;
      }
    } else {
      const next = src.indexOf('<', pos);
      const end = next < 0 ? src.length : next;
      const raw = src.slice(pos, end);
      if (raw.includes(']]>')) throw new Error(`"]]>" in text at ${pos}`);
      if (top === undefined) {
        if (raw.trim() !== '') throw new Error(`text outside the root at ${pos}`);
      } else {
        top.children.push(decode(raw, pos));
      }
      pos = end;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name ?? ''}>`);
  if (root === null) throw new Error('no root element');
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

export function child(el: XmlElement, name: string): XmlElement {
  const found = childrenNamed(el, name)[0];
  if (found === undefined) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
}

/** The text content of an element: its text and CDATA children, joined. */
export function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}

/** `<tag><text>…</text></tag>` → the text. */
export function textIn(el: XmlElement, name: string): string {
  return textOf(child(child(el, name), 'text'));
}
