// Locale strings shared by every family: endpoint names, flag names, segment descriptions.

import type { TraceSegment } from '@/lib/engine';
import type { Locale } from '../vocabulary';

/** A string in both locales; generators pick one with `tr`. */
export interface Text {
  zh: string;
  en: string;
}

export function tr(locale: Locale, text: Text): string {
  return text[locale];
}

const ENDPOINTS: Record<string, Text> = {
  client: { zh: '客户端', en: 'the client' },
  server: { zh: '服务器', en: 'the server' },
  attacker: { zh: '攻击者', en: 'the attacker' },
};

/** "the client" / "客户端"; numbered clients (client2) keep their number. */
export function endpointName(name: string, locale: Locale): string {
  const known = ENDPOINTS[name];
  if (known !== undefined) return known[locale];
  const m = /^client(\d+)$/.exec(name);
  if (m !== null) return locale === 'zh' ? `客户端 ${m[1]}` : `client ${m[1]}`;
  return name;
}

/** Capitalised English endpoint name for the start of a sentence. */
export function endpointTitle(name: string, locale: Locale): string {
  const s = endpointName(name, locale);
  return locale === 'en' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

const FLAG_WORDS: Record<string, string> = {
  S: 'SYN',
  'S.': 'SYN+ACK',
  '.': 'ACK',
  'P.': 'PSH+ACK',
  'F.': 'FIN+ACK',
  'FP.': 'FIN+PSH+ACK',
  R: 'RST',
  'R.': 'RST+ACK',
};

/** tcpdump flags in words: "S." → "SYN+ACK". */
export function flagWords(flags: string): string {
  return FLAG_WORDS[flags] ?? flags;
}

/** One segment as a learner reads it: "client → server SYN+ACK seq=… ack=… (100 bytes)". */
export function describeSegment(seg: TraceSegment, locale: Locale): string {
  // Bare names inside a segment description ("client → server"), without the article.
  const short = (n: string) =>
    locale === 'en' ? n.replace(/^client(\d+)$/, 'client $1') : endpointName(n, locale);
  const from = short(seg.from);
  const to = short(seg.to);
  const parts = [`${from} → ${to}`, flagWords(seg.flags), `seq=${seg.abs_seq}`];
  if (seg.abs_ack !== null) parts.push(`ack=${seg.abs_ack}`);
  if (seg.len > 0) parts.push(locale === 'zh' ? `数据 ${seg.len} 字节` : `${seg.len} bytes`);
  return parts.join(' ');
}
