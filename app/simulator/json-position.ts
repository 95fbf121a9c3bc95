// Where a field path such as `endpoints.client.program[2].send` sits in a JSON text, so a
// validation error can point at its line. A small parser that records the offset of every
// value; it gives up (null) on text JSON.parse would reject.

type Positions = Map<string, number>;

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function record(text: string): Positions | null {
  const out: Positions = new Map();
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    out.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyAt = i;
        const k = str();
        out.set(join(path, k), keyAt);
        ws();
        i++; // :
        const before = out.get(join(path, k));
        value(join(path, k));
        // Point at the key rather than the value: the line reads "key": value.
        out.set(join(path, k), before ?? keyAt);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // }
        return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(join(path, n));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // ]
        return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    while (i < text.length && /[^\s,}\]]/.test(text[i]!)) i++;
  };
  try {
    JSON.parse(text);
    value('');
    return out;
  } catch {
    return null;
  }
}

export interface TextPosition {
  offset: number;
  /** 1-based. */
  line: number;
  column: number;
}

function toPosition(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}

/** The position of a field path, or of its nearest existing parent; null for bad JSON. */
export function locatePath(text: string, path: string): TextPosition | null {
  const positions = record(text);
  if (!positions) return null;
  let p = path;
  for (;;) {
    const at = positions.get(p);
    if (at !== undefined) return toPosition(text, at);
    if (p === '') return null;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
}

/** The position JSON.parse's error message names ("… at position 42 …"), if any. */
export function syntaxErrorPosition(text: string, message: string): TextPosition | null {
  const m = /position (\d+)/.exec(message);
  if (m) return toPosition(text, Math.min(Number(m[1]), text.length));
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (!lc) return null;
  const lines = text.split('\n');
  const line = Math.min(Number(lc[1]), lines.length);
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1;
  return toPosition(text, offset);
}
