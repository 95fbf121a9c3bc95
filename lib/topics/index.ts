// The topic vocabulary, shared by lessons and decks (lib/content), question templates
// (lib/questions) and practice filters: one list, so they cannot disagree.
export const TOPICS = [
  'header',
  'sequence-numbers',
  'handshake',
  'isn',
  'handshake-loss',
  'retransmission',
  'queues',
  'syn-flood',
  'close',
  'time-wait',
  'close-wait',
  'fin-wait-2',
  'half-close',
  'rst',
  'keepalive',
  'simultaneous',
  'mss',
  'tcp-vs-udp',
  'socket-api',
  'states',
  'flow-control',
  'congestion',
] as const;
export type Topic = (typeof TOPICS)[number];
