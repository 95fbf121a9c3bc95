// Named misconceptions: the wrong ideas that distractors are built from, with the feedback a
// learner sees when their answer reveals one (zh and en).

export const MISCONCEPTION_IDS = [
  'ack-equals-seq',
  'syn-consumes-no-sequence-number',
  'fin-consumes-no-sequence-number',
  'off-by-payload',
  'ack-skips-hole',
  'ack-from-own-space',
  'close-wait-vs-fin-wait-2',
  'time-wait-on-passive-closer',
  'time-wait-on-both-sides',
  'no-state-change',
  'peer-state',
  'skips-a-state',
  'textbook-exponential-syn-backoff',
  'linear-syn-backoff-in-textbook',
  'syn-retries-counts-all-syns',
  'time-wait-one-msl',
  'time-wait-textbook-on-linux',
  'fin-timeout-is-time-wait',
  'close-always-sends-fin',
  'close-always-four-segments',
  'accept-queue-equals-backlog',
  'backlog-ignores-somaxconn',
  'overflow-always-rst',
  'overflow-refuses-syn',
  'syncookies-need-queue',
  'flood-blocks-despite-cookies',
  'synack-not-retransmitted',
  'server-retransmits-syn',
  'two-way-handshake-enough',
  'four-way-handshake-needed',
  'isn-zero-is-fine',
  'isn-for-security-only',
  'syn-carries-data',
  'fin-and-ack-always-merge',
  'time-wait-is-a-bug',
  'time-wait-for-speed',
  'close-wait-network-fault',
  'tcp-keepalive-is-http',
  'close-equals-shutdown',
  'tw-recycle-remedy',
  'wrong-segment-looks-odd',
  'slow-start-overshoots-ssthresh',
  'reno-resets-to-one',
  'tahoe-halves',
  'timeout-halves-cwnd',
  'halves-old-ssthresh',
  'counts-from-zero',
  'ignores-rwnd',
  'ignores-bytes-in-flight',
  'rwnd-is-whole-buffer',
  'fast-retransmit-waits-for-timeout',
  'retransmits-whole-window',
  'dupack-count-includes-original',
  'closed-without-time-wait',
  // next-state / close-outcome / connect-to-closed / handshake-loss
  'momentary-state-as-answer',
  'no-state-change-on-call',
  'simultaneous-close-one-time-wait',
  'time-wait-linux-in-textbook',
  'close-always-sends-rst',
  'receiver-sees-lost-segment',
  'sender-waits-for-delivery',
  'initial-rto-three-seconds',
  'rto-min-for-syn',
  'data-cannot-complete-handshake',
  'pure-ack-retransmitted',
  'lost-ack-unnoticed',
  'syn-give-up-count-only',
  // listen-queues / why / congestion
  'accept-queue-checked-only-at-ack',
  'accept-queue-checked-only-at-syn',
  'abort-on-overflow-ignored',
  'syn-queue-equals-backlog',
  'cookies-without-syncookies',
  'syn-queue-overflow-rst',
  'half-open-never-expires',
  'syn-options-leave-no-room',
  'one-isn-for-both-directions',
  'close-wait-times-out',
  'idle-connection-times-out',
  'keepalive-on-by-default',
  'closed-port-silent',
  'closed-port-icmp',
  'handshake-without-listener',
  'simultaneous-close-skips-time-wait',
  'time-wait-by-role',
  'lost-syn-fails-at-once',
  'loss-is-reported',
  'unacceptable-ack-in-syn-sent',
  'half-closed-side-cannot-ack',
  'close-wait-cannot-send',
  'connect-waits-for-accept',
  'connect-returns-at-syn',
  'third-ack-acknowledged',
  'simultaneous-open-impossible',
  'simultaneous-open-rules',
  'client-knows-synack-lost',
  'linger-zero-remedy',
  'shutdown-sends-rst',
  'shut-wr-stops-reading',
  'time-wait-blocks-reuse',
  'time-wait-only-for-last-ack',
  'closed-socket-still-reads',
  'keepalive-timing',
  'closing-state-missed',
  'bare-ack-retransmitted',
  'slow-start-is-linear',
  'ssthresh-caps-cwnd',
  'counts-event-round-as-after',
  'range-end-inclusive',
  'dupacks-stop-at-three',
  'dupacks-without-arrivals',
  'connection-by-4-tuple',
  'data-offset-is-payload-length',
  'window-limited-to-64k',
] as const;
export type MisconceptionId = (typeof MISCONCEPTION_IDS)[number];

interface Text {
  zh: string;
  en: string;
}

/** What each misconception is, phrased as feedback ("You may be thinking…"). */
export const MISCONCEPTIONS: Readonly<Record<MisconceptionId, Text>> = {
  'ack-equals-seq': {
    en: 'The acknowledgement number is not the sequence number of the segment being acknowledged: it is the next byte the receiver expects.',
    zh: '确认号不是被确认报文段的序号，而是接收方期望收到的下一个字节的序号。',
  },
  'syn-consumes-no-sequence-number': {
    en: 'A SYN consumes one sequence number, although it carries no data: the reply acknowledges ISN + 1.',
    zh: 'SYN 报文段虽然不携带数据，但要消耗一个序号，所以对它的确认号是 ISN + 1。',
  },
  'fin-consumes-no-sequence-number': {
    en: 'A FIN consumes one sequence number, like a byte of data: the ACK of a FIN is its seq + 1.',
    zh: 'FIN 报文段即使不携带数据也要消耗一个序号，对 FIN 的确认号是它的序号加 1。',
  },
  'off-by-payload': {
    en: 'Sequence numbers count bytes: after a segment with seq s and L bytes of payload, the next expected byte is s + L.',
    zh: '序号按字节编号：序号为 s、携带 L 字节数据的报文段之后，期望的下一个字节是 s + L。',
  },
  'ack-skips-hole': {
    en: 'TCP acknowledgements are cumulative: while a segment is missing, the receiver keeps acknowledging the first missing byte, even after later segments arrive.',
    zh: 'TCP 采用累积确认：中间有报文段丢失时，即使后面的报文段已经到达，接收方仍只确认第一个缺失字节的序号。',
  },
  'ack-from-own-space': {
    en: 'Each direction has its own sequence space: an endpoint acknowledges the peer’s numbers, not its own.',
    zh: '两个方向各有独立的序号空间：确认号针对的是对方的序号，而不是自己的。',
  },
  'close-wait-vs-fin-wait-2': {
    en: 'CLOSE_WAIT is the passive closer’s state after it receives a FIN; FIN_WAIT2 is the active closer’s state after its FIN is acknowledged.',
    zh: 'CLOSE_WAIT 是被动关闭方收到 FIN 后的状态；FIN_WAIT2 是主动关闭方的 FIN 被确认后的状态，二者不要混淆。',
  },
  'time-wait-on-passive-closer': {
    en: 'TIME_WAIT belongs to the side that sent the first FIN (the active closer); the passive closer goes LAST_ACK → CLOSED.',
    zh: 'TIME_WAIT 出现在先发送 FIN 的一方（主动关闭方）；被动关闭方经 LAST_ACK 直接进入 CLOSED。',
  },
  'time-wait-on-both-sides': {
    en: 'Only an active closer waits in TIME_WAIT; both sides do so only when both close at the same time.',
    zh: '只有主动关闭方进入 TIME_WAIT；只有双方同时关闭时两端才都会进入 TIME_WAIT。',
  },
  'no-state-change': {
    en: 'This event does change the state: look at what the segment carries (SYN, FIN, or an ACK of our FIN).',
    zh: '这个事件会引起状态变化：注意该报文段携带的是 SYN、FIN，还是对本端 FIN 的确认。',
  },
  'peer-state': {
    en: 'That is the peer’s state, not this endpoint’s: the two ends of a connection are in different states most of the time.',
    zh: '这是对端的状态，而不是本端的状态：连接两端在大多数时刻处于不同状态。',
  },
  'skips-a-state': {
    en: 'The state machine moves one step per event: this answer skips the state the endpoint passes through first.',
    zh: '状态机每个事件只走一步：这个答案跳过了端点先经过的那个状态。',
  },
  'textbook-exponential-syn-backoff': {
    en: 'Since Linux 6.5 the first tcp_syn_linear_timeouts (4) SYN retransmissions keep RTO = 1 s; pure doubling (1, 2, 4, 8 s…) is the textbook and older kernels.',
    zh: 'Linux 6.5 起，前 tcp_syn_linear_timeouts（默认 4）次 SYN 重传的 RTO 保持 1 秒不变；纯指数退避（1、2、4、8 秒……）是教材和旧内核的行为。',
  },
  'linear-syn-backoff-in-textbook': {
    en: 'Under the textbook (RFC 6298) rules the RTO doubles after every timeout: 1, 2, 4, 8 s…; linear timeouts are a Linux addition.',
    zh: '按教材（RFC 6298）的规则，每次超时后 RTO 加倍：1、2、4、8 秒……；线性超时是 Linux 的扩展。',
  },
  'syn-retries-counts-all-syns': {
    en: 'tcp_syn_retries counts retransmissions, not SYNs: the first SYN is not a retry.',
    zh: 'tcp_syn_retries 计的是重传次数，而不是 SYN 的总数：第一个 SYN 不算重传。',
  },
  'time-wait-one-msl': {
    en: 'TIME_WAIT lasts 2 MSL, not 1 MSL: long enough for the last ACK to be lost and the peer’s FIN to come back.',
    zh: 'TIME_WAIT 持续 2MSL 而不是 1MSL：要足够等到最后的 ACK 丢失后对方重传的 FIN 到达。',
  },
  'time-wait-textbook-on-linux': {
    en: 'Linux does not compute 2 × MSL: TIME_WAIT is the constant TCP_TIMEWAIT_LEN = 60 s.',
    zh: 'Linux 并不按 2×MSL 计算：TIME_WAIT 的时长是常量 TCP_TIMEWAIT_LEN = 60 秒。',
  },
  'fin-timeout-is-time-wait': {
    en: 'tcp_fin_timeout bounds an orphaned FIN_WAIT2 socket; it does not set the TIME_WAIT duration.',
    zh: 'tcp_fin_timeout 限制的是孤儿 FIN_WAIT2 套接字的存活时间，并不决定 TIME_WAIT 的时长。',
  },
  'close-always-sends-fin': {
    en: 'Closing a socket with unread received data makes Linux send RST, not FIN (RFC 2525).',
    zh: '若接收缓冲区中还有未读数据就关闭套接字，Linux 发送的是 RST 而不是 FIN（RFC 2525）。',
  },
  'close-always-four-segments': {
    en: 'When the passive closer closes within the delayed-ACK window, its FIN carries the ACK: the close takes three segments.',
    zh: '被动关闭方若在延迟确认的时间窗内就关闭，它的 FIN 会捎带 ACK，挥手只需三个报文段。',
  },
  'accept-queue-equals-backlog': {
    en: 'Linux declares the accept queue full only when it holds more than the backlog: backlog + 1 connections fit.',
    zh: 'Linux 只有在全连接队列长度超过 backlog 时才认为队列已满，因此能容纳 backlog + 1 个连接。',
  },
  'backlog-ignores-somaxconn': {
    en: 'listen()’s backlog is clamped to net.core.somaxconn: the effective value is min(backlog, somaxconn).',
    zh: 'listen() 的 backlog 会被 net.core.somaxconn 截断：实际生效的是 min(backlog, somaxconn)。',
  },
  'overflow-always-rst': {
    en: 'With tcp_abort_on_overflow = 0 (the default) an overflowing listener silently drops; it sends RST only when that sysctl is 1.',
    zh: 'tcp_abort_on_overflow 默认为 0，队列溢出时服务器只是静默丢弃；只有设为 1 时才发送 RST。',
  },
  'overflow-refuses-syn': {
    en: 'A full accept queue does not refuse the connection outright: the SYN is dropped and the client keeps retransmitting.',
    zh: '全连接队列满时并不会立即拒绝连接：SYN 被丢弃，客户端会不断重传。',
  },
  'syncookies-need-queue': {
    en: 'A SYN cookie encodes the request in the SYN+ACK’s ISN, so the server keeps no queue entry until the final ACK arrives.',
    zh: 'SYN Cookie 把连接请求的信息编码在 SYN+ACK 的初始序号里，服务器在收到第三次握手的 ACK 之前不保存任何队列状态。',
  },
  'flood-blocks-despite-cookies': {
    en: 'With syncookies on, a full SYN queue no longer blocks legitimate clients: the server answers with a cookie instead of dropping.',
    zh: '开启 syncookies 后，半连接队列满也不会挡住正常客户端：服务器改为回复带 Cookie 的 SYN+ACK，而不是丢弃。',
  },
  'synack-not-retransmitted': {
    en: 'The server retransmits its SYN+ACK on its own timer (tcp_synack_retries); it does not only wait for a retransmitted SYN.',
    zh: '服务器有自己的定时器（tcp_synack_retries），会主动重传 SYN+ACK，而不只是等待客户端重传 SYN。',
  },
  'server-retransmits-syn': {
    en: 'Only the side that sent a segment retransmits it: a lost SYN is retransmitted by the client, the server never saw it.',
    zh: '报文段只由发送它的一方重传：SYN 丢失时由客户端重传，服务器根本没有收到过它。',
  },
  'two-way-handshake-enough': {
    en: 'Two segments cannot confirm the server’s ISN, and an old duplicate SYN would open a connection nobody wants.',
    zh: '两次握手无法确认服务器的初始序号，而且失效的旧 SYN 会让服务器建立一个无人使用的连接。',
  },
  'four-way-handshake-needed': {
    en: 'The server’s ACK and SYN go the same way at the same moment, so they travel as one SYN+ACK: three segments suffice.',
    zh: '服务器的 ACK 和 SYN 同一时刻、同一方向发送，合并为一个 SYN+ACK，所以三个报文段就够了。',
  },
  'isn-zero-is-fine': {
    en: 'Starting every connection at 0 would let old segments of a previous incarnation fall into the new window, and makes spoofing trivial.',
    zh: '如果每个连接都从 0 开始编号，旧连接的迟到报文段可能落入新连接的窗口，伪造报文也变得很容易。',
  },
  'isn-for-security-only': {
    en: 'A varying ISN also keeps old duplicate segments of the same 4-tuple out of a new connection, not only attackers.',
    zh: '初始序号变化不仅是为了防攻击，也是为了让同一四元组旧连接的重复报文段不会混入新连接。',
  },
  'syn-carries-data': {
    en: 'A normal SYN carries no application data: the receiver has not agreed on the connection yet (only TCP Fast Open puts data on a SYN).',
    zh: '普通的 SYN 不携带应用数据：此时对方尚未同意建立连接（只有 TCP Fast Open 才在 SYN 上携带数据）。',
  },
  'fin-and-ack-always-merge': {
    en: 'The passive closer ACKs the FIN at once, but sends its own FIN only when its application calls close(): they are usually separate.',
    zh: '被动关闭方会立即确认 FIN，但只有在应用调用 close() 后才发送自己的 FIN，所以二者通常分开发送。',
  },
  'time-wait-is-a-bug': {
    en: 'TIME_WAIT is not a leak: it protects the last ACK and keeps old segments out of a new connection.',
    zh: 'TIME_WAIT 不是泄漏：它保证最后的 ACK 可以被重传，并防止旧报文段混入新连接。',
  },
  'time-wait-for-speed': {
    en: 'TIME_WAIT does not make anything faster; it is the price paid for reliability of the close.',
    zh: 'TIME_WAIT 并不会让任何事情更快，它是为可靠关闭付出的代价。',
  },
  'close-wait-network-fault': {
    en: 'CLOSE_WAIT means the local application has not called close(): it is an application bug, not a network fault.',
    zh: 'CLOSE_WAIT 说明本地应用没有调用 close()：这是应用程序的问题，不是网络故障。',
  },
  'tcp-keepalive-is-http': {
    en: 'HTTP keep-alive reuses one connection for several requests; TCP keepalive probes an idle connection. They are unrelated.',
    zh: 'HTTP keep-alive 是在一个连接上复用多个请求；TCP keepalive 是探测空闲连接是否存活，二者无关。',
  },
  'close-equals-shutdown': {
    en: 'shutdown(SHUT_WR) sends FIN but keeps receiving; close() releases the descriptor and (with unread data) may send RST.',
    zh: 'shutdown(SHUT_WR) 发送 FIN 但仍可继续接收；close() 释放描述符，若有未读数据还可能发送 RST。',
  },
  'tw-recycle-remedy': {
    en: 'tcp_tw_recycle broke clients behind NAT and was removed in Linux 4.12; it is not a remedy.',
    zh: 'tcp_tw_recycle 会让 NAT 后面的客户端连接失败，已在 Linux 4.12 中删除，不能作为解决办法。',
  },
  'wrong-segment-looks-odd': {
    en: 'That segment follows the rules: check it against seq + len (+1 for SYN or FIN).',
    zh: '这个报文段是正确的：用“序号 + 数据长度（SYN 或 FIN 再加 1）”核对一下。',
  },
  'slow-start-overshoots-ssthresh': {
    en: 'Slow start doubles cwnd each round but stops at ssthresh: with ssthresh 12 the windows are 1, 2, 4, 8, 12 (not 16), then congestion avoidance adds 1 MSS per round.',
    zh: '慢开始每轮使拥塞窗口加倍，但到达慢开始门限 ssthresh 时就停止：ssthresh = 12 时依次为 1、2、4、8、12（而不是 16），之后执行拥塞避免，每轮只加 1 个报文段。',
  },
  'reno-resets-to-one': {
    en: 'With Reno, three duplicate ACKs trigger fast retransmit and fast recovery: ssthresh = cwnd / 2 and cwnd = ssthresh, not 1 MSS. Only a timeout (or Tahoe) sets cwnd back to 1.',
    zh: 'Reno 收到 3 个重复确认后执行快重传和快恢复：ssthresh = cwnd / 2，cwnd = 新的 ssthresh，而不是 1。只有超时（或 Tahoe）才把 cwnd 置为 1。',
  },
  'tahoe-halves': {
    en: 'Tahoe has no fast recovery: after three duplicate ACKs it retransmits at once but sets cwnd = 1 MSS and slow-starts, as after a timeout (ssthresh = cwnd / 2).',
    zh: 'Tahoe 没有快恢复：收到 3 个重复确认后虽然立即重传，但仍把 cwnd 置为 1 并重新慢开始（ssthresh = cwnd / 2），与超时相同。',
  },
  'timeout-halves-cwnd': {
    en: 'A timeout is the severe signal: ssthresh = cwnd / 2 but cwnd drops to 1 MSS and slow start begins again. Halving cwnd is fast recovery, after three duplicate ACKs.',
    zh: '超时是严重的拥塞信号：ssthresh = cwnd / 2，而 cwnd 降为 1，重新开始慢开始。把 cwnd 减半是收到 3 个重复确认后的快恢复。',
  },
  'halves-old-ssthresh': {
    en: 'The new ssthresh is half of the congestion window at the moment of the loss, not half of the old ssthresh.',
    zh: '新的慢开始门限是发生拥塞时拥塞窗口的一半，而不是原来门限值的一半。',
  },
  'counts-from-zero': {
    en: 'Count the rounds carefully: cwnd = 1 in the first round (round 1), and after k RTTs the sender is in round k + 1.',
    zh: '注意轮次的计数：第 1 个轮次的 cwnd = 1，经过 k 个 RTT 后处于第 k + 1 个轮次。',
  },
  'ignores-rwnd': {
    en: "The sender may not exceed the receiver's window: the sending window is min(cwnd, rwnd).",
    zh: '发送方不能超过接收方通知的窗口：发送窗口 = min(拥塞窗口 cwnd, 接收窗口 rwnd)。',
  },
  'ignores-bytes-in-flight': {
    en: 'Bytes already sent but not yet acknowledged still occupy the window: what may still be sent is the sending window minus the bytes in flight.',
    zh: '已发送但尚未被确认的字节仍占用窗口：还能发送的字节数 = 发送窗口 − 已发送未确认的字节数。',
  },
  'rwnd-is-whole-buffer': {
    en: 'The receiver advertises only the free part of its buffer: rwnd = buffer size − bytes received but not yet read by the application.',
    zh: '接收方只通知缓存中空闲的部分：rwnd = 接收缓存大小 − 已收到但应用尚未读取的字节数。',
  },
  'fast-retransmit-waits-for-timeout': {
    en: 'Fast retransmit does not wait for the retransmission timer: the third duplicate ACK is enough to resend the missing segment at once.',
    zh: '快重传不必等待重传计时器超时：一收到 3 个重复确认就立即重传缺失的报文段。',
  },
  'retransmits-whole-window': {
    en: 'The duplicate ACKs show that the later segments arrived (the receiver holds them): fast retransmit resends only the missing segment, not the whole window.',
    zh: '重复确认说明后续报文段已经到达（接收方已缓存）：快重传只重传缺失的那一个报文段，而不是整个窗口。',
  },
  'dupack-count-includes-original': {
    en: 'Three duplicate ACKs means three more after the original ACK (four ACKs with the same number in all): the original is not a duplicate.',
    zh: '“3 个重复确认”是指在原来那个确认之后再收到 3 个（共 4 个相同确认号的确认），原来的确认不算重复确认。',
  },
  'closed-without-time-wait': {
    en: 'The active closer does not reach CLOSED when it sends the last ACK: it first waits 2MSL in TIME_WAIT, in case that ACK is lost and the FIN comes again.',
    zh: '主动关闭方发出最后一个 ACK 后并不立即进入 CLOSED：它要先在 TIME_WAIT 状态等待 2MSL，以防该 ACK 丢失而对方重传 FIN。',
  }, // listen-queues / why / congestion
  'accept-queue-checked-only-at-ack': {
    en: 'Linux checks the accept queue when the SYN arrives: a SYN that finds it already full gets no SYN+ACK at all (a listen overflow). The check at the third ACK only matters for a handshake that began while there was room.',
    zh: 'Linux 在 SYN 到达时就检查全连接队列：若队列已满，该 SYN 根本得不到 SYN+ACK（记为一次 listen overflow）。第三次握手 ACK 到达时的检查，只影响在队列还有空位时开始的握手。',
  },
  'accept-queue-checked-only-at-syn': {
    en: 'A place in the accept queue is not reserved when the SYN is answered: Linux checks the queue again when the third ACK arrives, and a handshake that began with room can still overflow.',
    zh: '回应 SYN 时并不会为连接预留全连接队列的位置：第三次握手的 ACK 到达时 Linux 会再次检查队列，开始时还有空位的握手此时仍可能溢出。',
  },
  'abort-on-overflow-ignored': {
    en: 'With tcp_abort_on_overflow = 1, a third ACK that finds the accept queue full is answered with RST and the request is dropped; only with 0 is the ACK silently ignored.',
    zh: 'tcp_abort_on_overflow = 1 时，遇到全连接队列已满的第三次握手 ACK 会得到 RST，请求被丢弃；只有为 0 时才静默忽略该 ACK。',
  },
  'syn-queue-equals-backlog': {
    en: 'Linux calls the SYN queue full only when it holds more than the effective backlog, min(backlog, somaxconn): one more half-open request than the backlog fits.',
    zh: 'Linux 在半连接队列中的请求数超过实际生效的 backlog（min(backlog, somaxconn)）时才认为队列已满，所以能比 backlog 多容纳一个半连接请求。',
  },
  'cookies-without-syncookies': {
    en: 'With tcp_syncookies = 0 there are no cookies: once the SYN queue is full, new SYNs are dropped silently and get no SYN+ACK.',
    zh: 'tcp_syncookies = 0 时没有 SYN Cookie：半连接队列满后，新的 SYN 被静默丢弃，得不到 SYN+ACK。',
  },
  'syn-queue-overflow-rst': {
    en: 'A full SYN queue never answers with RST: with syncookies off the SYN is dropped silently (the client retransmits it), with them it gets a cookie SYN+ACK.',
    zh: '半连接队列满时不会回复 RST：关闭 syncookies 时 SYN 被静默丢弃（客户端会重传），开启时则回复带 Cookie 的 SYN+ACK。',
  },
  'half-open-never-expires': {
    en: 'Half-open requests do not stay forever: the server retransmits its SYN+ACK tcp_synack_retries times (fewer when the queue is crowded) and then drops the request, which frees its place.',
    zh: '半连接请求不会永远存在：服务器重传 SYN+ACK 达到 tcp_synack_retries 次（队列拥挤时更少）后就丢弃该请求，释放它占用的位置。',
  },
  'syn-options-leave-no-room': {
    en: 'Options take at most 40 bytes and the payload comes after them, so a SYN could carry data: it does not because the peer has not yet agreed to the connection.',
    zh: '选项最多占 40 字节，数据在选项之后，所以 SYN 并非没有空间携带数据：不携带是因为对方还没有同意建立连接。',
  },
  'one-isn-for-both-directions': {
    en: 'Each direction has its own sequence space: each side chooses the ISN for the bytes it sends and announces it in its own SYN.',
    zh: '两个方向各有独立的序号空间：每一方为自己发送的字节选定 ISN，并在自己的 SYN 中通告。',
  },
  'close-wait-times-out': {
    en: "No timer ends CLOSE_WAIT: only the local application's close() sends the FIN. tcp_fin_timeout limits orphaned FIN_WAIT2 sockets, not CLOSE_WAIT.",
    zh: '没有定时器会结束 CLOSE_WAIT：只有本地应用调用 close() 才会发出 FIN。tcp_fin_timeout 限制的是孤儿 FIN_WAIT2 套接字，与 CLOSE_WAIT 无关。',
  },
  'idle-connection-times-out': {
    en: 'An idle TCP connection sends nothing and never times out by itself: it stays ESTABLISHED until one side closes it or keepalive finds the peer gone.',
    zh: '空闲的 TCP 连接不发送任何报文，自身也不会超时：它一直处于 ESTABLISHED，直到一方关闭，或 keepalive 发现对端已不存在。',
  },
  'keepalive-on-by-default': {
    en: 'Keepalive is off unless the application sets SO_KEEPALIVE, and even then the first probe comes only after 2 hours of silence on Linux.',
    zh: '除非应用设置 SO_KEEPALIVE，否则 keepalive 是关闭的；即使开启，Linux 也要静默 2 小时后才发送第一个探测。',
  },
  'closed-port-silent': {
    en: 'A host answers a segment for a port with no socket with RST (RFC 9293 §3.10.7.1): connect() fails at once with ECONNREFUSED. Only a firewall drops such a SYN silently.',
    zh: '主机对发往没有套接字的端口的报文段回复 RST（RFC 9293 §3.10.7.1），connect() 立即以 ECONNREFUSED 失败。只有防火墙才会静默丢弃这种 SYN。',
  },
  'closed-port-icmp': {
    en: 'ICMP port unreachable is how a host refuses a UDP datagram; TCP refuses a connection with its own RST segment.',
    zh: 'ICMP 端口不可达是主机拒绝 UDP 数据报的方式；TCP 用自己的 RST 报文段拒绝连接。',
  },
  'handshake-without-listener': {
    en: 'Without a listening socket nothing answers the SYN with SYN+ACK: the kernel replies RST at once.',
    zh: '没有监听套接字就没有谁会用 SYN+ACK 回应 SYN：内核立即回复 RST。',
  },
  'simultaneous-close-skips-time-wait': {
    en: 'In a simultaneous close both sides are active closers: each goes CLOSING → TIME_WAIT when its own FIN is acknowledged, and waits 2MSL like any active closer.',
    zh: '同时关闭时双方都是主动关闭方：各自的 FIN 被确认后从 CLOSING 进入 TIME_WAIT，并像任何主动关闭方一样等待 2MSL。',
  },
  'time-wait-by-role': {
    en: 'TIME_WAIT belongs to whichever side sends its FIN first (the active closer), client or server; if both send at once, both enter it.',
    zh: 'TIME_WAIT 属于先发送 FIN 的一方（主动关闭方），不论它是客户端还是服务器；若双方同时发送，两端都会进入。',
  },
  'lost-syn-fails-at-once': {
    en: 'A lost handshake segment is retransmitted on a timer; connect() fails (ETIMEDOUT) only after tcp_syn_retries retransmissions go unanswered.',
    zh: '丢失的握手报文段会按计时器重传；只有 tcp_syn_retries 次重传都没有回应，connect() 才会（以 ETIMEDOUT）失败。',
  },
  'loss-is-reported': {
    en: 'Routers do not tell the sender about a dropped segment: TCP learns of a loss only from its retransmission timer or from duplicate ACKs.',
    zh: '路由器丢弃报文段时不会通知发送方：TCP 只能通过重传计时器超时或重复确认得知丢失。',
  },
  'unacceptable-ack-in-syn-sent': {
    en: 'In SYN_SENT, a SYN+ACK whose ack is not our ISN + 1 belongs to another attempt: the client answers it with RST (seq = its ack) and keeps waiting for the right reply (RFC 9293 §3.10.7.3).',
    zh: '在 SYN_SENT 状态，确认号不是本端 ISN + 1 的 SYN+ACK 属于另一次连接尝试：客户端用 RST（序号等于其确认号）回应，并继续等待正确的回复（RFC 9293 §3.10.7.3）。',
  },
  'half-closed-side-cannot-ack': {
    en: 'A FIN ends data in one direction only: the side that sent it keeps receiving and acknowledging everything the peer sends.',
    zh: 'FIN 只结束一个方向的数据：发送 FIN 的一方仍会接收并确认对方发来的所有数据。',
  },
  'close-wait-cannot-send': {
    en: 'CLOSE_WAIT only means the peer has finished sending: this side may keep sending until its application calls close().',
    zh: 'CLOSE_WAIT 只表示对方不再发送数据：本端在应用调用 close() 之前仍可继续发送。',
  },
  'connect-waits-for-accept': {
    en: "The kernels complete the handshake: connect() returns when the client sends the third ACK, and accept() only takes a finished connection off the server's queue.",
    zh: '握手由内核完成：客户端发出第三次握手的 ACK 时 connect() 就返回，accept() 只是从服务器的队列中取走已完成握手的连接。',
  },
  'connect-returns-at-syn': {
    en: 'A blocking connect() waits for the handshake: it returns 0 after the SYN+ACK, or fails with ECONNREFUSED or ETIMEDOUT.',
    zh: '阻塞的 connect() 会等待握手：收到 SYN+ACK 后返回 0，或以 ECONNREFUSED、ETIMEDOUT 失败。',
  },
  'third-ack-acknowledged': {
    en: 'The third ACK is not acknowledged (an ACK is never acknowledged): the client is ESTABLISHED once it sends it, the server once it arrives.',
    zh: '第三次握手的 ACK 不会被确认（纯 ACK 从不被确认）：客户端发出它时就进入 ESTABLISHED，服务器收到它时进入 ESTABLISHED。',
  },
  'simultaneous-open-impossible': {
    en: "Crossing SYNs are legal (simultaneous open, RFC 9293 §3.5): each side answers the other's SYN with SYN+ACK and both reach ESTABLISHED.",
    zh: '交错的 SYN 是合法的（同时打开，RFC 9293 §3.5）：每一方都用 SYN+ACK 回应对方的 SYN，双方都进入 ESTABLISHED。',
  },
  'simultaneous-open-rules': {
    en: "A SYN that arrives in SYN_SENT is answered with SYN+ACK carrying our original ISN and ack = peer ISN + 1; the side enters SYN_RECV and reaches ESTABLISHED when the peer's SYN+ACK arrives.",
    zh: '在 SYN_SENT 收到的 SYN 用 SYN+ACK 回应，序号仍是本端原来的 ISN，确认号为对方 ISN + 1；该方进入 SYN_RECV，收到对方的 SYN+ACK 后进入 ESTABLISHED。',
  },
  'client-knows-synack-lost': {
    en: 'The client cannot tell a lost SYN from a lost SYN+ACK: without an answer its SYN timer fires and it resends the SYN.',
    zh: '客户端无法区分丢失的是 SYN 还是 SYN+ACK：收不到回应时它的 SYN 计时器照常超时，并重传 SYN。',
  },
  'linger-zero-remedy': {
    en: 'SO_LINGER with a zero timeout aborts the connection with RST: data in flight is lost and the peer sees ECONNRESET. It avoids TIME_WAIT by giving up a reliable close.',
    zh: '超时为 0 的 SO_LINGER 以 RST 异常终止连接：在途数据丢失，对方收到 ECONNRESET。它以放弃可靠关闭为代价避开 TIME_WAIT。',
  },
  'shutdown-sends-rst': {
    en: 'shutdown(SHUT_WR) sends a FIN after the data already queued, never RST; RST comes from close() with unread data or from SO_LINGER with a zero timeout.',
    zh: 'shutdown(SHUT_WR) 在已排队的数据之后发送 FIN，从不发送 RST；RST 来自带着未读数据的 close() 或超时为 0 的 SO_LINGER。',
  },
  'shut-wr-stops-reading': {
    en: 'SHUT_WR closes only the sending direction: the socket keeps receiving what the peer sends. SHUT_RD is the one that ends reading.',
    zh: 'SHUT_WR 只关闭发送方向：套接字仍接收对方发来的数据。结束读取的是 SHUT_RD。',
  },
  'time-wait-blocks-reuse': {
    en: "TIME_WAIT does not refuse every new SYN: Linux accepts one whose sequence number or timestamp is beyond the old connection's (RFC 6191).",
    zh: 'TIME_WAIT 并不拒绝所有新的 SYN：若其序号或时间戳超出旧连接的范围，Linux 会接受它（RFC 6191）。',
  },
  'time-wait-only-for-last-ack': {
    en: "TIME_WAIT also keeps old duplicates out of the next incarnation: a new SYN is accepted only when its numbers are beyond the old connection's.",
    zh: 'TIME_WAIT 还要防止旧的重复报文段混入下一个连接实例：只有序号超出旧连接范围的新 SYN 才会被接受。',
  },
  'closed-socket-still-reads': {
    en: 'After close() nothing can read from the socket: data that arrives for it is answered with RST (RFC 1122 §4.2.2.13).',
    zh: '调用 close() 后就没有谁能从该套接字读取数据：发给它的数据会得到 RST（RFC 1122 §4.2.2.13）。',
  },
  'keepalive-timing': {
    en: 'Linux waits tcp_keepalive_time of idleness, then sends up to tcp_keepalive_probes probes tcp_keepalive_intvl apart, and drops the connection when all go unanswered: 7200 + 9 × 75 s by default.',
    zh: 'Linux 先等待 tcp_keepalive_time 的空闲时间，再每隔 tcp_keepalive_intvl 发送一个探测，最多 tcp_keepalive_probes 个，全部无应答才断开连接：默认为 7200 + 9 × 75 秒。',
  },
  'closing-state-missed': {
    en: 'A FIN that arrives in FIN_WAIT1, before our own FIN is acknowledged, leads to CLOSING (not FIN_WAIT2 or CLOSE_WAIT); the ACK of our FIN then leads to TIME_WAIT.',
    zh: '在 FIN_WAIT1 状态、本端 FIN 被确认之前收到 FIN，会进入 CLOSING（而不是 FIN_WAIT2 或 CLOSE_WAIT）；本端 FIN 被确认后再进入 TIME_WAIT。',
  },
  'bare-ack-retransmitted': {
    en: 'A bare ACK occupies no sequence number and is never retransmitted on a timer; the next segment with the ACK flag, such as the data, does its job.',
    zh: '纯 ACK 不占用序号，也从不按计时器重传；之后任何带 ACK 标志的报文段（例如这段数据）都能起到同样的作用。',
  },
  'data-cannot-complete-handshake': {
    en: 'In SYN_RECV an acceptable ACK on any segment completes the handshake, and the data it carries is then accepted (RFC 9293 §3.10.7.4).',
    zh: '在 SYN_RECV 状态，任何报文段上可接受的 ACK 都会完成握手，随后接收其中携带的数据（RFC 9293 §3.10.7.4）。',
  },
  'slow-start-is-linear': {
    en: 'Despite its name, slow start grows fast: cwnd doubles every round (one MSS per ACK), 1, 2, 4, 8 …; growing by one MSS per round is congestion avoidance.',
    zh: '慢开始其实增长很快：每个轮次 cwnd 加倍（每收到一个确认加 1 个 MSS），依次为 1、2、4、8……；每轮只加 1 个 MSS 的是拥塞避免。',
  },
  'ssthresh-caps-cwnd': {
    en: 'ssthresh is not a ceiling: once cwnd reaches it, congestion avoidance keeps adding one MSS per round until a loss.',
    zh: 'ssthresh 不是上限：cwnd 到达它以后，拥塞避免每轮继续加 1 个 MSS，直到发生拥塞。',
  },
  'counts-event-round-as-after': {
    en: "The m-th round after an event is the event's round + m: the round in which the event happens is not one of the rounds after it.",
    zh: '事件之后的第 m 个轮次是事件所在轮次 + m：事件发生的那个轮次本身不算在“之后”的轮次里。',
  },
  'range-end-inclusive': {
    en: 'A range of W bytes that starts at byte a ends at byte a + W − 1, and the byte after byte b is b + 1: count the first and last bytes once each.',
    zh: '从第 a 号字节开始的 W 个字节止于第 a + W − 1 号字节，第 b 号字节之后是第 b + 1 号字节：首尾字节各算一次。',
  },
  'dupacks-stop-at-three': {
    en: 'The receiver sends a duplicate ACK for every segment that arrives beyond the hole, not just three: three is only when the sender reacts.',
    zh: '接收方对缺口之后到达的每个报文段都发送一个重复确认，而不是只发 3 个：3 只是发送方开始快重传的门槛。',
  },
  'dupacks-without-arrivals': {
    en: 'Duplicate ACKs come only from segments that arrive after a hole: when the whole window is lost nothing comes back, so only the retransmission timer can recover (ssthresh = cwnd / 2, cwnd = 1).',
    zh: '重复确认只能由缺口之后到达的报文段引起：整个窗口都丢失时没有任何确认返回，只能等重传计时器超时（ssthresh = cwnd / 2，cwnd = 1）。',
  },
  'connection-by-4-tuple': {
    en: 'A host finds the connection of a segment by the 4-tuple (source IP, source port, destination IP, destination port); the TCP header has no connection ID, and sequence and acknowledgement numbers only order bytes within one connection.',
    zh: '主机按四元组（源 IP、源端口、目的 IP、目的端口）找到报文段所属的连接；TCP 首部没有连接标识符，序号和确认号只用于同一连接内字节的排序和确认。',
  },
  'data-offset-is-payload-length': {
    en: 'Data offset is the length of the TCP header in 32-bit words (20 to 60 bytes, because of options). TCP has no payload-length field; the stream position is the sequence number and urgent data has its own pointer.',
    zh: '数据偏移是以 4 字节为单位的 TCP 首部长度（因为有选项，所以为 20～60 字节）。TCP 没有数据长度字段；字节流中的位置由序号给出，紧急数据另有紧急指针。',
  },
  'window-limited-to-64k': {
    en: 'The 16-bit window is scaled by the window scale option (RFC 7323), which both sides must offer in their SYNs; the window is then the field × 2^scale, up to about 1 GiB.',
    zh: '16 位的窗口字段可以用窗口扩大选项（RFC 7323）放大，双方都必须在各自的 SYN 中提供该选项；此后窗口 = 字段值 × 2^扩大因子，最大约 1 GiB。',
  },
  // next-state / close-outcome / connect-to-closed / handshake-loss
  'momentary-state-as-answer': {
    en: 'When one segment both acknowledges our FIN and carries the peer’s FIN, FIN_WAIT2 lasts only while that segment is processed: once it has been processed the endpoint is in TIME_WAIT, and `ss` never shows FIN_WAIT2.',
    zh: '当一个报文段既确认了本端的 FIN 又携带对方的 FIN 时，FIN_WAIT2 只存在于处理这个报文段的过程中：处理完之后端点已处于 TIME_WAIT，ss 根本看不到 FIN_WAIT2。',
  },
  'no-state-change-on-call': {
    en: 'The call itself changes the state: close() or shutdown(SHUT_WR) sends a FIN at once (ESTABLISHED → FIN_WAIT1, CLOSE_WAIT → LAST_ACK), and connect() sends a SYN (→ SYN_SENT), without waiting for the peer.',
    zh: '这次调用本身就改变状态：close() 或 shutdown(SHUT_WR) 立即发送 FIN（ESTABLISHED → FIN_WAIT1，CLOSE_WAIT → LAST_ACK），connect() 立即发送 SYN（→ SYN_SENT），都不必等待对方。',
  },
  'simultaneous-close-one-time-wait': {
    en: 'When the two FINs cross, each side sent its FIN before receiving the other’s: both are active closers, both pass through CLOSING and both wait in TIME_WAIT.',
    zh: '当双方的 FIN 交叉时，每一方都是在收到对方 FIN 之前发出自己的 FIN：双方都是主动关闭方，都经过 CLOSING，也都要在 TIME_WAIT 等待。',
  },
  'time-wait-linux-in-textbook': {
    en: 'The question uses the textbook model, where TIME_WAIT lasts 2 × MSL with the MSL it states; 60 s is Linux’s constant TCP_TIMEWAIT_LEN, which that model does not use.',
    zh: '本题采用教材模型，TIME_WAIT 持续 2MSL（MSL 取题目给出的值）；60 秒是 Linux 的常量 TCP_TIMEWAIT_LEN，教材模型并不使用它。',
  },
  'close-always-sends-rst': {
    en: 'close() aborts with RST only when received data is still unread (or with SO_LINGER set to 0); once the application has read everything, close() sends an orderly FIN.',
    zh: '只有在接收缓冲区中还有未读数据（或设置了 SO_LINGER 为 0）时，close() 才用 RST 中止连接；应用读完全部数据后，close() 发送正常的 FIN。',
  },
  'receiver-sees-lost-segment': {
    en: 'A lost segment never reaches its receiver, so the receiver’s state does not change: it acts only on segments that arrive.',
    zh: '丢失的报文段根本没有到达接收方，所以接收方的状态不会变化：它只对真正到达的报文段作出反应。',
  },
  'sender-waits-for-delivery': {
    en: 'A sender changes state when it sends, not when its segment is delivered: it cannot know yet that the segment was lost.',
    zh: '发送方在发送时就改变状态，而不是在报文段送达时：它此时还不知道报文段已经丢失。',
  },
  'initial-rto-three-seconds': {
    en: 'The initial retransmission timeout is 1 s (RFC 6298 §2.1, Linux TCP_TIMEOUT_INIT); 3 s was the old value of RFC 1122.',
    zh: '初始重传超时为 1 秒（RFC 6298 §2.1，Linux 的 TCP_TIMEOUT_INIT）；3 秒是 RFC 1122 的旧值。',
  },
  'rto-min-for-syn': {
    en: '200 ms is Linux’s minimum RTO once an RTT has been measured; a handshake segment has no RTT sample yet, so its first timeout is the initial RTO of 1 s.',
    zh: '200 毫秒是 Linux 测得 RTT 之后 RTO 的下限；握手报文段还没有 RTT 样本，所以第一次超时取初始 RTO，即 1 秒。',
  },
  'pure-ack-retransmitted': {
    en: 'A pure ACK consumes no sequence number and no timer covers it, so it is never retransmitted on its own: the server’s SYN+ACK timer recovers the lost third ACK, and each retransmitted SYN+ACK draws a new ACK.',
    zh: '纯 ACK 不消耗序号，也没有定时器保护，所以它本身从不重传：丢失的第三次握手 ACK 由服务器的 SYN+ACK 定时器恢复，每个重传的 SYN+ACK 都会引出一个新的 ACK。',
  },
  'lost-ack-unnoticed': {
    en: 'The server is still in SYN_RECV waiting for that ACK: when its SYN+ACK timer fires (about 1 s) it retransmits the SYN+ACK.',
    zh: '服务器仍处于 SYN_RECV，等待这个 ACK：它的 SYN+ACK 定时器超时（约 1 秒）后会重传 SYN+ACK。',
  },
  'syn-give-up-count-only': {
    en: 'Linux has a second bound: connect() also gives up at the first timeout once 2^(tcp_syn_retries + 1) − 1 s have passed since the first SYN, even before tcp_syn_retries + tcp_syn_linear_timeouts retransmissions.',
    zh: 'Linux 还有第二个上限：即使还没有重传 tcp_syn_retries + tcp_syn_linear_timeouts 次，只要距第一个 SYN 已过 2^(tcp_syn_retries + 1) − 1 秒，connect() 就在下一次超时时放弃。',
  },
};

/** Feedback text of a misconception in a locale. */
export function describeMisconception(id: MisconceptionId, locale: 'zh' | 'en'): string {
  return MISCONCEPTIONS[id][locale];
}
