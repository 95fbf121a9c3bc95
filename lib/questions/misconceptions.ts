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
  'data-cannot-complete-handshake': {
    en: 'Any segment that acknowledges the SYN+ACK completes the handshake, a data segment included: the server enters ESTABLISHED and keeps the data, no retransmission needed.',
    zh: '任何确认了 SYN+ACK 的报文段都能完成握手，携带数据的报文段也不例外：服务器进入 ESTABLISHED 并接收数据，不需要任何重传。',
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
