// Flashcards generated from the engine's transition table (state + event → next state and
// segment sent), so the cards and the simulator can never disagree.
import { TRANSITIONS, type TransitionEvent } from '@/lib/engine';
import type { Card } from './schema';
import type { ContentLocale } from './vocabulary';

const EVENT_TEXT: Record<TransitionEvent, { zh: string; en: string }> = {
  listen: { zh: '应用调用 listen()', en: 'the application calls listen()' },
  connect: { zh: '应用调用 connect()', en: 'the application calls connect()' },
  'rcv SYN': { zh: '收到 SYN', en: 'a SYN arrives' },
  'rcv SYN-ACK': { zh: '收到 SYN+ACK', en: 'a SYN+ACK arrives' },
  'rcv ACK of SYN': { zh: '收到对自己 SYN 的确认', en: 'the ACK of its SYN arrives' },
  close: { zh: '应用调用 close()', en: 'the application calls close()' },
  'shutdown(SHUT_WR)': { zh: '应用调用 shutdown(SHUT_WR)', en: 'the application calls shutdown(SHUT_WR)' },
  'rcv FIN': { zh: '收到 FIN', en: 'a FIN arrives' },
  'rcv ACK of FIN': { zh: '收到对自己 FIN 的确认', en: 'the ACK of its FIN arrives' },
  'rcv FIN+ACK of FIN': { zh: '收到对方的 FIN，且它同时确认了自己的 FIN', en: "the peer's FIN arrives, acknowledging its own FIN" },
  'rcv RST': { zh: '收到 RST', en: 'a RST arrives' },
  abort: { zh: '应用以 SO_LINGER 0 中止连接', en: 'the application aborts (SO_LINGER 0)' },
  'close with unread data': { zh: '接收缓冲区还有未读数据时调用 close()', en: 'close() with unread data in the receive buffer' },
  'rcv data after close': { zh: 'close() 之后又收到数据', en: 'data arrives after close()' },
  'SYN retries exhausted': { zh: 'SYN 重传次数用尽', en: 'the SYN retransmissions are exhausted' },
  'keepalive probes unanswered': { zh: '保活探测全部无应答', en: 'every keepalive probe goes unanswered' },
  'TIME_WAIT timer': { zh: 'TIME_WAIT 定时器到期', en: 'the TIME_WAIT timer expires' },
  'FIN_WAIT2 timer': { zh: '孤儿 FIN_WAIT2 定时器到期', en: 'the orphaned FIN_WAIT2 timer expires' },
  'retransmissions exhausted': { zh: '数据重传次数用尽', en: 'the data retransmissions are exhausted' },
};

type CardTopic = Card['topics'][number];

const TOPIC_BY_STATE: Record<string, CardTopic> = {
  LISTEN: 'handshake',
  SYN_SENT: 'handshake',
  SYN_RECV: 'handshake',
  ESTABLISHED: 'states',
  FIN_WAIT1: 'close',
  FIN_WAIT2: 'fin-wait-2',
  CLOSE_WAIT: 'close-wait',
  CLOSING: 'simultaneous',
  LAST_ACK: 'close',
  TIME_WAIT: 'time-wait',
  CLOSED: 'states',
};

function cardId(from: string, event: string): string {
  return `tt-${from}-${event}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+$/, '');
}

/** One card per row of the engine's transition table, in the given language. */
export function transitionCards(locale: ContentLocale): Card[] {
  const seen = new Set<string>();
  const cards: Card[] = [];
  for (const row of TRANSITIONS) {
    const id = cardId(row.from, row.event);
    if (seen.has(id)) continue;
    seen.add(id);
    const event = EVENT_TEXT[row.event][locale];
    const send =
      row.send === null
        ? locale === 'zh'
          ? '不发送报文段'
          : 'sends nothing'
        : locale === 'zh'
          ? `发送 \`${row.send}\``
          : `sends \`${row.send}\``;
    cards.push({
      id,
      topics: [...new Set<CardTopic>([TOPIC_BY_STATE[row.from] ?? 'states', 'states'])],
      front:
        locale === 'zh'
          ? `处于 **${row.from}** 的一端，${event}。它进入什么状态、发送什么？`
          : `An endpoint in **${row.from}**: ${event}. Which state does it enter, and what does it send?`,
      back: locale === 'zh' ? `**${row.to}**，${send}。（${row.source}）` : `**${row.to}**; it ${send}. (${row.source})`,
    });
  }
  return cards;
}
