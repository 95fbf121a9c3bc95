// Authored why-questions: the key and each distractor's misconception are content, written
// to match the lessons (content/lessons) and RFC 9293 / Linux, not computed from a trace.
// Distractors are wrong ideas learners hold, written as fully as the key (the key is not the
// longest option in most items); `topics` are exactly what the item asks about.

import type { Text } from '../locales/common';
import type { MisconceptionId } from '../misconceptions';
import type { Difficulty, Topic } from '../types';

export interface WhyItem {
  id: string;
  difficulty: Difficulty;
  topics: Topic[];
  lesson: string;
  stem: Text;
  correct: Text;
  wrong: { text: Text; misconception: MisconceptionId }[];
  because: Text;
}

const D1: readonly WhyItem[] = [
  {
    id: 'three-not-two',
    difficulty: 1,
    topics: ['handshake'],
    lesson: 'why-three-handshakes',
    stem: {
      en: 'Why does TCP use three handshakes rather than two?',
      zh: 'TCP 建立连接为什么需要三次握手，而不是两次？',
    },
    correct: {
      en: 'So the server learns its own ISN reached the client, and an old duplicate SYN cannot open a connection by itself.',
      zh: '让服务器确认自己的初始序号已被客户端收到，并防止已失效的旧 SYN 单独建立起连接。',
    },
    wrong: [
      {
        text: {
          en: 'Two would do: the SYN+ACK already confirms both ISNs, and the third segment only lets the client start sending one round trip sooner.',
          zh: '两次就够了：SYN+ACK 已经确认了双方的初始序号，第三个报文段只是让客户端能早一个往返时间开始发送数据。',
        },
        misconception: 'two-way-handshake-enough',
      },
      {
        text: {
          en: 'It really takes four messages: the server acknowledges the SYN and sends its own SYN separately, and stacks just leave one of them out.',
          zh: '其实需要四个报文：服务器先确认 SYN，再单独发送自己的 SYN，协议栈只是省略了其中一个。',
        },
        misconception: 'four-way-handshake-needed',
      },
      {
        text: {
          en: "Because the client's SYN already carries its request, and the third segment acknowledges the server's reply.",
          zh: '因为客户端的 SYN 已经携带了请求数据，第三个报文段用来确认服务器对该请求的回复。',
        },
        misconception: 'syn-carries-data',
      },
    ],
    because: {
      en: 'Each side must announce its ISN and have it acknowledged; the third segment confirms the server’s ISN and lets the server ignore SYNs the client did not just send (RFC 9293 §3.5).',
      zh: '双方都要通告自己的初始序号并得到确认；第三个报文段确认了服务器的序号，也让服务器能识别并忽略客户端并未发出的旧 SYN（RFC 9293 §3.5）。',
    },
  },
  {
    id: 'four-waves',
    difficulty: 1,
    topics: ['close', 'half-close'],
    lesson: 'why-four-waves',
    stem: {
      en: 'Why does releasing a TCP connection usually take four segments?',
      zh: '为什么释放 TCP 连接通常需要四次挥手？',
    },
    correct: {
      en: 'Each direction closes on its own: the passive side ACKs the FIN at once, but sends its FIN only when its application closes.',
      zh: '两个方向分别关闭：被动方收到 FIN 后立即确认，但要等本地应用关闭后才发送自己的 FIN。',
    },
    wrong: [
      {
        text: {
          en: 'A FIN and an ACK can never travel in one segment, so every FIN and every ACK needs a segment of its own.',
          zh: 'FIN 和 ACK 永远不能放在同一个报文段里，所以每个 FIN 和每个 ACK 都要单独占用一个报文段。',
        },
        misconception: 'close-always-four-segments',
      },
      {
        text: {
          en: 'The passive side must first wait 2MSL in TIME_WAIT before it is allowed to send its own FIN, so its ACK has to go out alone.',
          zh: '被动方必须先在 TIME_WAIT 等待 2MSL 才能发送自己的 FIN，所以它的 ACK 只能单独发出。',
        },
        misconception: 'time-wait-on-passive-closer',
      },
      {
        text: {
          en: 'It does not: the passive side always puts its FIN on that ACK, so three segments are the rule and four the exception.',
          zh: '并非如此：被动方总是把 FIN 捎带在这个 ACK 上，三个报文段才是常态，四个是例外。',
        },
        misconception: 'fin-and-ack-always-merge',
      },
    ],
    because: {
      en: 'TCP is full duplex and a FIN ends one direction only. When the passive closer closes quickly, its FIN can carry the ACK and the close takes three segments.',
      zh: 'TCP 是全双工的，一个 FIN 只关闭一个方向。如果被动方很快关闭，它的 FIN 可以捎带 ACK，挥手就只需三个报文段。',
    },
  },
  {
    id: 'syn-no-data',
    difficulty: 1,
    topics: ['handshake'],
    lesson: 'data-on-the-handshake',
    stem: {
      en: 'Why does an ordinary SYN carry no application data?',
      zh: '为什么普通的 SYN 报文段不携带应用数据？',
    },
    correct: {
      en: 'The server has not agreed to the connection yet; only TCP Fast Open, with a cookie, lets a SYN carry data.',
      zh: '此时服务器还没有同意建立连接；只有 TCP Fast Open 凭 Cookie 才允许 SYN 携带数据。',
    },
    wrong: [
      {
        text: {
          en: 'It usually does: the first request rides on the SYN, so that it reaches the server one round trip earlier.',
          zh: '通常是携带的：第一个请求搭在 SYN 上发出，这样可以早一个往返时间到达服务器。',
        },
        misconception: 'syn-carries-data',
      },
      {
        text: {
          en: 'A SYN consumes no sequence number, so data on it would have no number and could never be acknowledged.',
          zh: 'SYN 不消耗序号，所以它携带的数据没有编号，也就无法被确认。',
        },
        misconception: 'syn-consumes-no-sequence-number',
      },
      {
        text: {
          en: 'The SYN has no room left for data: its options (MSS, window scale, SACK, timestamps) fill the segment.',
          zh: 'SYN 已经没有空间放数据：MSS、窗口扩大、SACK 许可、时间戳等选项已经把整个报文段占满了。',
        },
        misconception: 'syn-options-leave-no-room',
      },
    ],
    because: {
      en: 'A SYN consumes one sequence number and opens the sequence space; data waits until the handshake proves the peer is there (RFC 7413 adds Fast Open for data on the SYN).',
      zh: 'SYN 消耗一个序号，用来开启序号空间；等握手证明对方确实存在后才发送数据（RFC 7413 的 Fast Open 才允许 SYN 携带数据）。',
    },
  },
  {
    id: 'isn-per-direction',
    difficulty: 1,
    topics: ['isn'],
    lesson: 'isn-randomness',
    stem: {
      en: 'Who chooses the initial sequence numbers (ISNs) of a TCP connection?',
      zh: 'TCP 连接的初始序号（ISN）由谁选定？',
    },
    correct: {
      en: 'Each side picks its own ISN for the bytes it sends, and announces it in its own SYN (or SYN+ACK).',
      zh: '双方各自为自己发送的字节选定 ISN，并在自己的 SYN 中通告。',
    },
    wrong: [
      {
        text: {
          en: 'The client picks one ISN in its SYN, and both directions number their bytes from it.',
          zh: '客户端在 SYN 中选定一个 ISN，两个方向的字节都从它开始编号。',
        },
        misconception: 'one-isn-for-both-directions',
      },
      {
        text: {
          en: 'The server picks both, in its SYN+ACK, because it is the side that accepts or refuses the connection.',
          zh: '服务器在 SYN+ACK 中同时选定两个 ISN，因为由它决定接受还是拒绝连接。',
        },
        misconception: 'one-isn-for-both-directions',
      },
      {
        text: {
          en: 'Nobody: every connection starts at 0, and the large numbers tcpdump prints are only an offset.',
          zh: '没有人选：每个连接都从 0 开始，tcpdump 显示的大数字只是一个偏移量。',
        },
        misconception: 'isn-zero-is-fine',
      },
    ],
    because: {
      en: 'Each direction is a separate byte stream with its own sequence space; the SYN and the SYN+ACK each carry their sender’s ISN, and each is acknowledged with that ISN + 1.',
      zh: '每个方向都是独立的字节流，有自己的序号空间；SYN 和 SYN+ACK 各自携带发送方的 ISN，对方用 ISN + 1 确认。',
    },
  },
  {
    id: 'close-wait-state',
    difficulty: 1,
    topics: ['close-wait'],
    lesson: 'close-wait',
    stem: {
      en: "A server has received and acknowledged the client's FIN. Which state is it in, and what makes it leave that state?",
      zh: '服务器收到并确认了客户端的 FIN。它处于什么状态？什么会让它离开这个状态？',
    },
    correct: {
      en: 'CLOSE_WAIT, until its own application calls close() and the server sends its FIN.',
      zh: 'CLOSE_WAIT，直到它自己的应用调用 close()，服务器发出自己的 FIN。',
    },
    wrong: [
      {
        text: {
          en: 'FIN_WAIT2, until the client sends one more FIN that finishes the close.',
          zh: 'FIN_WAIT2，直到客户端再发送一个 FIN 完成关闭。',
        },
        misconception: 'close-wait-vs-fin-wait-2',
      },
      {
        text: {
          en: 'TIME_WAIT, until 2MSL have passed since the ACK it sent for that FIN.',
          zh: 'TIME_WAIT，直到它确认该 FIN 之后经过 2MSL。',
        },
        misconception: 'time-wait-on-passive-closer',
      },
      {
        text: {
          en: "CLOSE_WAIT, until tcp_fin_timeout expires and the kernel sends the FIN on the application's behalf.",
          zh: 'CLOSE_WAIT，直到 tcp_fin_timeout 到期，内核代替应用发出 FIN。',
        },
        misconception: 'close-wait-times-out',
      },
    ],
    because: {
      en: 'The passive closer enters CLOSE_WAIT when the FIN arrives; only its application’s close() (or shutdown) sends its FIN and moves it to LAST_ACK. No timer ends CLOSE_WAIT.',
      zh: '被动关闭方收到 FIN 后进入 CLOSE_WAIT；只有它的应用调用 close()（或 shutdown）才会发出 FIN 并进入 LAST_ACK，没有任何定时器会结束 CLOSE_WAIT。',
    },
  },
  {
    id: 'keepalive-basics',
    difficulty: 1,
    topics: ['keepalive'],
    lesson: 'keepalive',
    stem: {
      en: 'What does TCP keepalive (SO_KEEPALIVE) do?',
      zh: 'TCP keepalive（SO_KEEPALIVE）的作用是什么？',
    },
    correct: {
      en: 'After a long idle time (2 hours by default on Linux) it sends probes, and drops the connection if the peer stops answering.',
      zh: '连接空闲很久之后（Linux 默认 2 小时）发送探测报文，对方一直不应答就断开连接。',
    },
    wrong: [
      {
        text: {
          en: 'It sends a small segment every few seconds, because without traffic TCP itself would close an idle connection after a few minutes.',
          zh: '每隔几秒发送一个小报文段，因为没有任何流量时 TCP 自己会在几分钟后关闭空闲的连接。',
        },
        misconception: 'idle-connection-times-out',
      },
      {
        text: {
          en: 'It is what keeps a connection open between HTTP requests, so that a browser can reuse the connection for the next page.',
          zh: '它让连接在两次 HTTP 请求之间保持打开，浏览器才能用同一个连接请求下一个页面。',
        },
        misconception: 'tcp-keepalive-is-http',
      },
      {
        text: {
          en: 'It is on for every socket by default, which is why a vanished peer is normally noticed within a minute or so.',
          zh: '它对每个套接字默认开启，所以对端消失后通常一分钟左右就会被发现。',
        },
        misconception: 'keepalive-on-by-default',
      },
    ],
    because: {
      en: 'An idle TCP connection sends nothing and never times out on its own. A socket that sets SO_KEEPALIVE probes after tcp_keepalive_time (7200 s), every tcp_keepalive_intvl (75 s), up to tcp_keepalive_probes (9) times.',
      zh: '空闲的 TCP 连接什么都不发送，自身也不会超时。设置了 SO_KEEPALIVE 的套接字在空闲 tcp_keepalive_time（7200 秒）后开始探测，每隔 tcp_keepalive_intvl（75 秒）一次，最多 tcp_keepalive_probes（9）次。',
    },
  },
  {
    id: 'closed-port',
    difficulty: 1,
    topics: ['rst', 'socket-api'],
    lesson: 'rst-and-abort',
    stem: {
      en: "A client sends a SYN to a port on which no process listens. What does the server host's TCP do?",
      zh: '客户端向一个没有任何进程监听的端口发送 SYN。服务器主机的 TCP 会怎样处理？',
    },
    correct: {
      en: "It answers the SYN with RST (an RST+ACK), and the client's connect() fails at once with ECONNREFUSED.",
      zh: '回复 RST，客户端的 connect() 立即以 ECONNREFUSED 失败。',
    },
    wrong: [
      {
        text: {
          en: 'It drops the SYN silently; the client retransmits it until connect() gives up with ETIMEDOUT.',
          zh: '静默丢弃该 SYN；客户端不断重传，直到 connect() 以 ETIMEDOUT 放弃。',
        },
        misconception: 'closed-port-silent',
      },
      {
        text: {
          en: 'It sends an ICMP “port unreachable” message, as for UDP, and that is what makes connect() fail.',
          zh: '回复 ICMP“端口不可达”报文，和 UDP 一样，connect() 因此失败。',
        },
        misconception: 'closed-port-icmp',
      },
      {
        text: {
          en: 'It completes the handshake and then sends a FIN, since no application will ever read from the connection.',
          zh: '先完成三次握手，再发送 FIN，因为不会有任何应用读取这个连接。',
        },
        misconception: 'handshake-without-listener',
      },
    ],
    because: {
      en: 'A segment for a port with no socket is answered with RST (RFC 9293 §3.10.7.1): a SYN gets RST+ACK with ack = its seq + 1. Silence means a firewall dropped the SYN.',
      zh: '发往没有套接字的端口的报文段会得到 RST（RFC 9293 §3.10.7.1）：对 SYN 回复 RST+ACK，确认号为其序号加 1。如果毫无回应，说明是防火墙丢弃了 SYN。',
    },
  },
  {
    id: 'simultaneous-close-time-wait',
    difficulty: 1,
    topics: ['simultaneous', 'time-wait'],
    lesson: 'simultaneous-open-and-close',
    stem: {
      en: 'Both ends call close() at the same moment, so their FINs cross in the network. Which of them goes through TIME_WAIT?',
      zh: '两端在同一时刻调用 close()，双方的 FIN 在网络中交错而过。哪一端会经历 TIME_WAIT？',
    },
    correct: {
      en: 'Both: each sent its FIN before it received the other’s, so each is an active closer.',
      zh: '两端都会：每一端都是在收到对方 FIN 之前发出自己的 FIN，都是主动关闭方。',
    },
    wrong: [
      {
        text: {
          en: 'Neither: with both FINs crossing there is no last ACK left to protect, so both go straight from CLOSING to CLOSED.',
          zh: '都不会：FIN 交错时没有需要保护的最后一个 ACK，两端都从 CLOSING 直接进入 CLOSED。',
        },
        misconception: 'simultaneous-close-skips-time-wait',
      },
      {
        text: {
          en: 'Only the server: TIME_WAIT always belongs to the server side of a connection, whoever closes first.',
          zh: '只有服务器：无论谁先关闭，TIME_WAIT 总是出现在服务器一侧。',
        },
        misconception: 'time-wait-by-role',
      },
      {
        text: {
          en: 'Only the client: TIME_WAIT always belongs to the side that opened the connection with connect().',
          zh: '只有客户端：TIME_WAIT 总是出现在调用 connect() 发起连接的那一侧。',
        },
        misconception: 'time-wait-by-role',
      },
    ],
    because: {
      en: 'A FIN that arrives in FIN_WAIT1 moves the side to CLOSING; the ACK of its own FIN then moves it to TIME_WAIT. Both sides take this path.',
      zh: '在 FIN_WAIT1 状态收到 FIN 会进入 CLOSING；随后自己的 FIN 被确认，就进入 TIME_WAIT。两端都走这条路径。',
    },
  },
  {
    id: 'syn-lost-who',
    difficulty: 1,
    topics: ['handshake-loss', 'retransmission'],
    lesson: 'handshake-loss-and-retransmission',
    stem: {
      en: "A client's SYN is lost on its way to the server. Who retransmits it, and when?",
      zh: '客户端的 SYN 在发往服务器的途中丢失。由谁重传它？什么时候重传？',
    },
    correct: {
      en: 'The client, once its retransmission timer expires (about 1 s later); the server never saw it.',
      zh: '客户端，在它的重传计时器超时后（约 1 秒）。',
    },
    wrong: [
      {
        text: {
          en: 'The server, as soon as it notices that the SYN it was expecting has not arrived.',
          zh: '服务器，一旦发现应该到达的 SYN 没有到达就重传。',
        },
        misconception: 'server-retransmits-syn',
      },
      {
        text: {
          en: 'Nobody: a lost SYN makes connect() fail at once, and the application has to try again.',
          zh: '没有人重传：SYN 丢失会使 connect() 立即失败，需要应用自己重试。',
        },
        misconception: 'lost-syn-fails-at-once',
      },
      {
        text: {
          en: 'The client, at once, because the router that dropped the SYN tells it so with an ICMP message.',
          zh: '客户端立即重传，因为丢弃 SYN 的路由器会用 ICMP 报文通知它。',
        },
        misconception: 'loss-is-reported',
      },
    ],
    because: {
      en: 'Only the sender of a segment can retransmit it, and it learns of the loss only when its timer fires: the initial RTO for a SYN is 1 s (RFC 6298).',
      zh: '报文段只能由发送方重传，而它只有在计时器超时后才知道发生了丢失：SYN 的初始 RTO 为 1 秒（RFC 6298）。',
    },
  },
  {
    id: 'header-connection',
    difficulty: 1,
    topics: ['header'],
    lesson: 'tcp-header-and-sequence-numbers',
    stem: {
      en: 'Which TCP header fields, together with the two IP addresses, tell a host which connection a segment belongs to?',
      zh: 'TCP 首部中的哪些字段与两个 IP 地址一起，让主机判断一个报文段属于哪个连接？',
    },
    correct: {
      en: 'The source and destination ports: with the IP addresses they form the 4-tuple.',
      zh: '源端口和目的端口：它们与两个 IP 地址一起构成四元组。',
    },
    wrong: [
      {
        text: {
          en: 'The sequence number: each connection starts from its own ISN, so the number shows which one it is.',
          zh: '序号：每个连接从自己的 ISN 开始编号，所以看序号就知道是哪个连接。',
        },
        misconception: 'connection-by-4-tuple',
      },
      {
        text: {
          en: 'A connection ID that the SYN assigns and that every later segment of the connection repeats.',
          zh: 'SYN 分配的连接标识符，此后该连接的每个报文段都携带它。',
        },
        misconception: 'connection-by-4-tuple',
      },
      {
        text: {
          en: 'The acknowledgement number, since it always refers back to the peer’s ISN for that connection.',
          zh: '确认号，因为它总是对应该连接中对方的初始序号。',
        },
        misconception: 'connection-by-4-tuple',
      },
    ],
    because: {
      en: 'TCP demultiplexes by the 4-tuple (source IP, source port, destination IP, destination port); its header has no connection ID, and sequence numbers only order the bytes within one connection.',
      zh: 'TCP 按四元组（源 IP、源端口、目的 IP、目的端口）区分连接；首部中没有连接标识符，序号只用于给同一连接内的字节排序。',
    },
  },
];

const D2: readonly WhyItem[] = [
  {
    id: 'why-2msl',
    difficulty: 2,
    topics: ['time-wait'],
    lesson: 'time-wait-and-2msl',
    stem: {
      en: 'Why does the active closer wait 2MSL in TIME_WAIT?',
      zh: '主动关闭方为什么要在 TIME_WAIT 状态等待 2MSL？',
    },
    correct: {
      en: 'If its last ACK is lost the peer resends its FIN, which must still be answered; and old segments must die out before the 4-tuple is reused.',
      zh: '若最后的 ACK 丢失，对方会重传 FIN，本端须能应答；并让旧报文段消失后再复用同一四元组。',
    },
    wrong: [
      {
        text: {
          en: 'One MSL is enough for the last ACK to reach the peer; the second MSL is only a safety margin for two clocks that run at slightly different speeds.',
          zh: '一个 MSL 就足够让最后的 ACK 到达对方，第二个 MSL 只是为两端时钟快慢不同留的余量。',
        },
        misconception: 'time-wait-one-msl',
      },
      {
        text: {
          en: 'So that the next connection to the same server can reuse the port at once and skip most of a new handshake.',
          zh: '为了让下一次连接同一服务器时能立刻复用端口，省去新握手的大部分步骤。',
        },
        misconception: 'time-wait-for-speed',
      },
      {
        text: {
          en: 'It serves no purpose: it is a kernel leak, the socket should be freed once the last ACK is sent, and tuning should remove it.',
          zh: '它没有任何用处：这是内核的资源泄漏，发出最后的 ACK 后就应释放套接字，应当通过调参消除。',
        },
        misconception: 'time-wait-is-a-bug',
      },
    ],
    because: {
      en: 'A lost final ACK may live one MSL, and the peer’s retransmitted FIN one more: 2MSL covers that round trip. Linux uses a fixed 60 s.',
      zh: '最后的 ACK 丢失后最多存活一个 MSL，对方重传的 FIN 最多再经过一个 MSL，2MSL 正好覆盖这一来一回。Linux 使用固定的 60 秒。',
    },
  },
  {
    id: 'close-wait-cause',
    difficulty: 2,
    topics: ['close-wait'],
    lesson: 'close-wait',
    stem: {
      en: 'A server has thousands of sockets in CLOSE_WAIT. What is the usual cause?',
      zh: '服务器上有成千上万个处于 CLOSE_WAIT 的连接，通常是什么原因？',
    },
    correct: {
      en: 'The application read EOF but never called close() on those sockets (often on an error path).',
      zh: '应用读到了 EOF，却没有对这些套接字调用 close()（常见于错误处理分支）。',
    },
    wrong: [
      {
        text: {
          en: "The clients' final ACKs are being lost in the network, so the server keeps waiting for them before it can free the sockets.",
          zh: '客户端最后的 ACK 在网络中丢失了，服务器一直在等这些 ACK，才能释放套接字。',
        },
        misconception: 'close-wait-network-fault',
      },
      {
        text: {
          en: "The server sent its FINs first and is waiting for the clients' FINs, which the clients have not sent yet.",
          zh: '服务器先发送了 FIN，正在等待客户端的 FIN，而客户端还没有发送。',
        },
        misconception: 'close-wait-vs-fin-wait-2',
      },
      {
        text: {
          en: 'Nothing is wrong: the kernel keeps them on purpose and frees them after tcp_fin_timeout, so they need no attention.',
          zh: '没有问题：内核有意保留它们，tcp_fin_timeout 到期后会自动释放，无需处理。',
        },
        misconception: 'close-wait-times-out',
      },
    ],
    because: {
      en: 'CLOSE_WAIT is left only by the local close(); no timer ends it. The fix is in the application.',
      zh: '只有本地调用 close() 才能离开 CLOSE_WAIT，没有任何定时器会结束它，必须修改应用程序。',
    },
  },
  {
    id: 'random-isn',
    difficulty: 2,
    topics: ['isn'],
    lesson: 'isn-randomness',
    stem: {
      en: 'Why is the initial sequence number not simply 0?',
      zh: '为什么初始序号（ISN）不直接取 0？',
    },
    correct: {
      en: 'So late segments of an old connection on the same 4-tuple miss the new window, and off-path attackers cannot guess it.',
      zh: '让同一四元组上旧连接的迟到报文段落不进新连接的窗口，也让不在路径上的攻击者难以猜中。',
    },
    wrong: [
      {
        text: {
          en: 'It could be 0 for every connection; a random start is a convention that mainly makes traces harder to read.',
          zh: '每个连接都完全可以从 0 开始，随机起点只是一种习惯，主要作用是让抓包更难读。',
        },
        misconception: 'isn-zero-is-fine',
      },
      {
        text: {
          en: 'Only to stop attackers from guessing it: late segments of an old connection could never be mistaken for segments of a new one.',
          zh: '只是为了防止攻击者猜中它；旧连接的迟到报文段无论如何都不可能被误认为新连接的报文段。',
        },
        misconception: 'isn-for-security-only',
      },
      {
        text: {
          en: 'Because 0 is reserved for the SYN itself, which consumes no sequence number of its own.',
          zh: '因为 0 留给了 SYN 本身，而 SYN 自己并不消耗序号。',
        },
        misconception: 'syn-consumes-no-sequence-number',
      },
    ],
    because: {
      en: 'RFC 6528: ISN = a clock + a keyed hash of the 4-tuple. Successive incarnations start at different numbers, and nobody off the path can predict them.',
      zh: 'RFC 6528 规定 ISN = 时钟 + 对四元组的带密钥哈希：先后的连接实例从不同的序号开始，路径外的人也无法预测。',
    },
  },
  {
    id: 'keepalive-kinds',
    difficulty: 2,
    topics: ['keepalive'],
    lesson: 'keepalive',
    stem: {
      en: 'How does TCP keepalive differ from HTTP keep-alive?',
      zh: 'TCP keepalive 与 HTTP keep-alive 有什么区别？',
    },
    correct: {
      en: 'TCP keepalive probes an idle connection to find a dead peer; HTTP keep-alive reuses one connection for several requests.',
      zh: 'TCP keepalive 在空闲连接上发送探测以发现失效的对端；HTTP keep-alive 是在一个连接上发送多个请求。',
    },
    wrong: [
      {
        text: {
          en: 'They are one mechanism seen from two layers: the HTTP Connection: keep-alive header switches on SO_KEEPALIVE for the socket.',
          zh: '它们是同一种机制，只是从两层来看：HTTP 的 Connection: keep-alive 头部会为套接字打开 SO_KEEPALIVE。',
        },
        misconception: 'tcp-keepalive-is-http',
      },
      {
        text: {
          en: 'HTTP keep-alive sends the probes, while TCP keepalive is what holds the connection open between two requests.',
          zh: 'HTTP keep-alive 负责发送探测，而 TCP keepalive 负责在两次请求之间保持连接打开。',
        },
        misconception: 'tcp-keepalive-is-http',
      },
      {
        text: {
          en: 'HTTP keep-alive needs TCP keepalive underneath: without probes, TCP would close the idle connection between two requests after a few minutes.',
          zh: 'HTTP keep-alive 需要底层的 TCP keepalive：没有探测的话，TCP 会在两次请求之间的空闲几分钟后关闭连接。',
        },
        misconception: 'idle-connection-times-out',
      },
    ],
    because: {
      en: 'TCP keepalive is a socket option (SO_KEEPALIVE; 7200 s idle by default); HTTP keep-alive is application-level reuse of the connection. An idle TCP connection never times out by itself.',
      zh: 'TCP keepalive 是套接字选项（SO_KEEPALIVE，默认空闲 7200 秒后探测）；HTTP keep-alive 是应用层对连接的复用。空闲的 TCP 连接自身不会超时。',
    },
  },
  {
    id: 'stale-synack',
    difficulty: 2,
    topics: ['handshake', 'rst'],
    lesson: 'rst-and-abort',
    stem: {
      en: 'A client in SYN_SENT receives a SYN+ACK whose ack number is not its ISN + 1 (a leftover of an earlier attempt). What does it do?',
      zh: '处于 SYN_SENT 的客户端收到一个 SYN+ACK，其确认号不是自己的 ISN + 1（是早先一次连接尝试的残留）。它会怎样做？',
    },
    correct: {
      en: 'It answers with RST (seq = that ack number) and stays in SYN_SENT, waiting for the reply to its own SYN.',
      zh: '回复 RST（序号等于该确认号），继续停留在 SYN_SENT 等待对自己 SYN 的回应。',
    },
    wrong: [
      {
        text: {
          en: 'It enters ESTABLISHED anyway, since a SYN+ACK did arrive, and puts the numbers right with the ACK it sends next.',
          zh: '既然收到了 SYN+ACK，就照样进入 ESTABLISHED，在下一个 ACK 中再把序号纠正过来。',
        },
        misconception: 'unacceptable-ack-in-syn-sent',
      },
      {
        text: {
          en: 'It drops the segment silently, as a stray, and waits for its own SYN retransmission timer to expire.',
          zh: '静默丢弃该报文段，等待自己 SYN 的重传计时器超时。',
        },
        misconception: 'unacceptable-ack-in-syn-sent',
      },
      {
        text: {
          en: 'It sends RST and gives up on the connection: its own connect() fails with ECONNREFUSED.',
          zh: '发送 RST 并放弃连接：它的 connect() 以 ECONNREFUSED 失败。',
        },
        misconception: 'unacceptable-ack-in-syn-sent',
      },
    ],
    because: {
      en: 'RFC 9293 §3.10.7.3: in SYN_SENT an ACK that does not acknowledge exactly ISN + 1 is answered with <SEQ=SEG.ACK><CTL=RST> and discarded. The RST tears down the stale half-connection at the server, and the client’s own handshake goes on.',
      zh: 'RFC 9293 §3.10.7.3：在 SYN_SENT 状态，确认号不正好是 ISN + 1 的 ACK 要用 <SEQ=SEG.ACK><CTL=RST> 回应并丢弃。这个 RST 清除了服务器上残留的半连接，客户端自己的握手继续进行。',
    },
  },
  {
    id: 'half-close-send',
    difficulty: 2,
    topics: ['half-close', 'close'],
    lesson: 'half-close-shutdown-vs-close',
    stem: {
      en: 'A client calls shutdown(fd, SHUT_WR) after sending its request. Can the server still send it data?',
      zh: '客户端发送完请求后调用 shutdown(fd, SHUT_WR)。服务器还能向它发送数据吗？',
    },
    correct: {
      en: 'Yes: the FIN ends only the client-to-server direction; the server may send until it closes, and the client keeps reading.',
      zh: '能：这个 FIN 只结束客户端到服务器方向；服务器在关闭前可以继续发送，客户端也继续读取。',
    },
    wrong: [
      {
        text: {
          en: 'No: the FIN ends the whole connection, and any data the server sends after it is answered with RST.',
          zh: '不能：这个 FIN 结束了整个连接，服务器之后发送的任何数据都会得到 RST。',
        },
        misconception: 'close-equals-shutdown',
      },
      {
        text: {
          en: 'Yes, but the client can no longer acknowledge it, since its own side is closed; so the server retransmits until it gives up.',
          zh: '能发，但客户端已关闭自己一侧，无法再确认这些数据，服务器会一直重传直到放弃。',
        },
        misconception: 'half-closed-side-cannot-ack',
      },
      {
        text: {
          en: 'No: the server is now in CLOSE_WAIT, and a socket in CLOSE_WAIT may no longer send data.',
          zh: '不能：服务器此时处于 CLOSE_WAIT，处于 CLOSE_WAIT 的套接字不能再发送数据。',
        },
        misconception: 'close-wait-cannot-send',
      },
    ],
    because: {
      en: 'A half-close ends one direction only. The client sits in FIN_WAIT2, still receiving and acknowledging; the server in CLOSE_WAIT may send until it calls close().',
      zh: '半关闭只结束一个方向。客户端处于 FIN_WAIT2，仍然接收并确认数据；处于 CLOSE_WAIT 的服务器在调用 close() 之前都可以继续发送。',
    },
  },
  {
    id: 'connect-returns',
    difficulty: 2,
    topics: ['socket-api', 'handshake'],
    lesson: 'socket-api-and-the-handshake',
    stem: {
      en: 'When does a blocking connect() return successfully on the client?',
      zh: '客户端上阻塞的 connect() 什么时候成功返回？',
    },
    correct: {
      en: 'When the SYN+ACK arrives and the client sends the third ACK; the server may call accept() much later.',
      zh: '收到 SYN+ACK、发出第三次握手的 ACK 时；服务器应用可能很久以后才调用 accept()。',
    },
    wrong: [
      {
        text: {
          en: "Only when the server's application calls accept() and takes the connection off the queue.",
          zh: '只有当服务器应用调用 accept()，把连接从队列中取走时。',
        },
        misconception: 'connect-waits-for-accept',
      },
      {
        text: {
          en: 'As soon as the SYN has been sent; a refused or unreachable server is reported by the first send() instead.',
          zh: 'SYN 一发出就立即返回；服务器拒绝连接或不可达的情况要等到第一次调用 send() 时才会报告。',
        },
        misconception: 'connect-returns-at-syn',
      },
      {
        text: {
          en: "Only after the server acknowledges the client's third ACK, so that both sides know the handshake is over.",
          zh: '要等服务器确认了客户端的第三次握手 ACK 之后才返回，这样双方都能确定握手已经结束。',
        },
        misconception: 'third-ack-acknowledged',
      },
    ],
    because: {
      en: 'The kernel does the handshake: the client is ESTABLISHED when it sends the third ACK, and the server’s kernel queues the finished connection for accept().',
      zh: '握手由内核完成：客户端发出第三次握手的 ACK 时就进入 ESTABLISHED，服务器内核把完成握手的连接放入全连接队列等待 accept()。',
    },
  },
  {
    id: 'simultaneous-open',
    difficulty: 2,
    topics: ['simultaneous', 'handshake'],
    lesson: 'simultaneous-open-and-close',
    stem: {
      en: 'Two hosts send each other a SYN at the same moment. What does each send when the other’s SYN arrives?',
      zh: '两台主机在同一时刻互相发送 SYN。每一方收到对方的 SYN 时会发送什么？',
    },
    correct: {
      en: 'A SYN+ACK repeating its own ISN and acknowledging the peer’s ISN + 1; it moves from SYN_SENT to SYN_RECV.',
      zh: '发送 SYN+ACK：序号仍是自己的 ISN，确认号为对方 ISN + 1；状态从 SYN_SENT 变为 SYN_RECV。',
    },
    wrong: [
      {
        text: {
          en: 'An RST: a SYN is not expected in SYN_SENT, so both connection attempts are aborted and must be retried.',
          zh: '发送 RST：SYN_SENT 状态不应收到 SYN，所以双方的连接尝试都被中止，需要重试。',
        },
        misconception: 'simultaneous-open-impossible',
      },
      {
        text: {
          en: 'Only an ACK of the peer’s ISN + 1, since its own SYN is already on the way; both then go straight to ESTABLISHED.',
          zh: '只发送确认对方 ISN + 1 的 ACK，因为自己的 SYN 已经在路上了；然后双方都直接进入 ESTABLISHED 状态。',
        },
        misconception: 'simultaneous-open-rules',
      },
      {
        text: {
          en: 'A new SYN with a fresh ISN, because the two first attempts collided and cannot both be used.',
          zh: '用新的 ISN 重新发送 SYN，因为两次尝试发生了冲突，不能同时使用。',
        },
        misconception: 'simultaneous-open-rules',
      },
    ],
    because: {
      en: 'RFC 9293 §3.10.7.3: a SYN in SYN_SENT is answered with <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and the side enters SYN_RECV; each SYN+ACK then completes the other side’s handshake.',
      zh: 'RFC 9293 §3.10.7.3：在 SYN_SENT 收到 SYN 时回复 <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> 并进入 SYN_RECV；随后双方的 SYN+ACK 各自完成对方的握手。',
    },
  },
  {
    id: 'synack-lost',
    difficulty: 2,
    topics: ['handshake-loss', 'retransmission'],
    lesson: 'handshake-loss-and-retransmission',
    stem: {
      en: "During a handshake on Linux, the server's SYN+ACK is lost. What happens next?",
      zh: '在 Linux 上握手时，服务器的 SYN+ACK 丢失了。接下来会怎样？',
    },
    correct: {
      en: 'Both retransmit on their own timers: the client resends its SYN, the server resends its SYN+ACK.',
      zh: '双方各按自己的计时器重传：客户端重传 SYN，服务器重传 SYN+ACK。',
    },
    wrong: [
      {
        text: {
          en: 'Only the client retransmits: the server keeps no timer and just waits for the SYN to come again before answering.',
          zh: '只有客户端重传：服务器没有计时器，只是等待 SYN 再次到达后才回应。',
        },
        misconception: 'synack-not-retransmitted',
      },
      {
        text: {
          en: 'Only the server retransmits: the client already sent its SYN, so it simply waits for the answer.',
          zh: '只有服务器重传：客户端已经发过 SYN，只需等待回应。',
        },
        misconception: 'client-knows-synack-lost',
      },
      {
        text: {
          en: 'Nobody retransmits: connect() fails with ETIMEDOUT after the first timeout, and the application must retry.',
          zh: '没有人重传：第一次超时后 connect() 就以 ETIMEDOUT 失败，需要应用重试。',
        },
        misconception: 'lost-syn-fails-at-once',
      },
    ],
    because: {
      en: 'The client cannot tell a lost SYN from a lost SYN+ACK, so its SYN timer fires; the server’s request has its own SYN+ACK timer (1, 3, 7 … s) and also answers a retransmitted SYN at once.',
      zh: '客户端无法区分是 SYN 还是 SYN+ACK 丢失，所以它的 SYN 计时器照常超时重传；服务器的半连接请求有自己的 SYN+ACK 计时器（1、3、7……秒），收到重传的 SYN 时也会立即再回复。',
    },
  },
  {
    id: 'header-data-offset',
    difficulty: 2,
    topics: ['header'],
    lesson: 'tcp-header-and-sequence-numbers',
    stem: {
      en: 'Why does the TCP header carry a data offset (header length) field?',
      zh: 'TCP 首部为什么要有数据偏移（首部长度）字段？',
    },
    correct: {
      en: 'Options make the header longer than 20 bytes (up to 60), so the receiver must be told where the data starts.',
      zh: '选项会使首部超过 20 字节（最长 60 字节），接收方需要知道数据从哪里开始。',
    },
    wrong: [
      {
        text: {
          en: 'Segments carry different amounts of data, and the data offset is how the receiver learns the length of the payload.',
          zh: '各报文段携带的数据量不同，接收方要靠数据偏移字段得知数据部分的长度。',
        },
        misconception: 'data-offset-is-payload-length',
      },
      {
        text: {
          en: 'It gives the position of this segment’s data in the byte stream, counted from the ISN, so that the receiver can reorder segments.',
          zh: '它给出本报文段数据在字节流中的位置（从 ISN 算起），接收方据此给报文段重新排序。',
        },
        misconception: 'data-offset-is-payload-length',
      },
      {
        text: {
          en: 'It tells the receiver how far into the data the urgent bytes begin, when the URG flag is set.',
          zh: '置 URG 标志时，它告诉接收方紧急数据从数据部分的何处开始。',
        },
        misconception: 'data-offset-is-payload-length',
      },
    ],
    because: {
      en: 'Data offset is the header length in 32-bit words (5 to 15: 20 to 60 bytes). TCP has no payload-length field: the payload is the IP datagram minus both headers; the position in the stream is the sequence number, and urgent data has its own pointer.',
      zh: '数据偏移是以 4 字节为单位的首部长度（5～15，即 20～60 字节）。TCP 没有数据长度字段：数据长度等于 IP 数据报长度减去两个首部；字节流中的位置由序号给出，紧急数据另有紧急指针。',
    },
  },
];

const D3: readonly WhyItem[] = [
  {
    id: 'excess-time-wait',
    difficulty: 3,
    topics: ['time-wait'],
    lesson: 'too-many-time-wait',
    stem: {
      en: 'A client opens many short connections and runs out of ports because of TIME_WAIT. Which remedy is sound?',
      zh: '客户端大量使用短连接，因 TIME_WAIT 过多而耗尽端口。哪种解决办法是合理的？',
    },
    correct: {
      en: 'Reuse connections (keep-alive, pooling), or enable tcp_tw_reuse for outgoing connections.',
      zh: '复用连接（长连接、连接池），或对主动发起的连接开启 tcp_tw_reuse。',
    },
    wrong: [
      {
        text: {
          en: 'Enable tcp_tw_recycle, which frees TIME_WAIT sockets as soon as the peer’s timestamps allow it.',
          zh: '开启 tcp_tw_recycle，一旦对方的时间戳允许就立即回收 TIME_WAIT 套接字。',
        },
        misconception: 'tw-recycle-remedy',
      },
      {
        text: {
          en: 'Lower tcp_fin_timeout to 1 second, which shortens every TIME_WAIT from 60 s to 1 s.',
          zh: '把 tcp_fin_timeout 调成 1 秒，把每个 TIME_WAIT 从 60 秒缩短到 1 秒。',
        },
        misconception: 'fin-timeout-is-time-wait',
      },
      {
        text: {
          en: 'Set SO_LINGER with a zero timeout on every socket, so close() leaves nothing in TIME_WAIT.',
          zh: '给每个套接字设置超时为 0 的 SO_LINGER，这样 close() 后不会留下 TIME_WAIT。',
        },
        misconception: 'linger-zero-remedy',
      },
    ],
    because: {
      en: 'TIME_WAIT belongs to the active closer and lasts a fixed 60 s on Linux; fewer closes or safe reuse are the real remedies. tcp_tw_recycle was removed in 4.12; SO_LINGER 0 aborts with RST.',
      zh: 'TIME_WAIT 属于主动关闭方，在 Linux 上固定为 60 秒；减少关闭次数或安全地复用才是根本办法。tcp_tw_recycle 已在 4.12 中删除；SO_LINGER 为 0 会以 RST 异常终止连接。',
    },
  },
  {
    id: 'close-vs-shutdown',
    difficulty: 3,
    topics: ['half-close', 'socket-api', 'close'],
    lesson: 'half-close-shutdown-vs-close',
    stem: {
      en: 'What does shutdown(fd, SHUT_WR) do that close(fd) does not?',
      zh: 'shutdown(fd, SHUT_WR) 与 close(fd) 相比有什么不同？',
    },
    correct: {
      en: "It sends FIN for our direction only: we can still read the peer's reply, and the descriptor stays open.",
      zh: '它只为本端方向发送 FIN：本端仍可读取对方的回复，描述符也仍然有效。',
    },
    wrong: [
      {
        text: {
          en: 'Nothing different: both send a FIN and release the descriptor; shutdown is just the older name for close.',
          zh: '没有区别：两者都发送 FIN 并释放描述符，shutdown 只是 close 的旧名字。',
        },
        misconception: 'close-equals-shutdown',
      },
      {
        text: {
          en: 'It sends RST instead of FIN, so that the peer stops sending at once instead of finishing its reply.',
          zh: '它发送 RST 而不是 FIN，让对方立即停止发送，而不是把回复发完。',
        },
        misconception: 'shutdown-sends-rst',
      },
      {
        text: {
          en: 'It also stops reading: from then on the kernel discards whatever the peer sends until we call close().',
          zh: '它同时停止读取：此后内核会丢弃对方发来的所有数据，直到调用 close()。',
        },
        misconception: 'shut-wr-stops-reading',
      },
    ],
    because: {
      en: 'A half-close ends one direction; close() drops the descriptor (and with unread data Linux sends RST). SHUT_RD, not SHUT_WR, ends reading.',
      zh: '半关闭只结束一个方向；close() 释放描述符（若还有未读数据，Linux 会发送 RST）。结束读取的是 SHUT_RD，而不是 SHUT_WR。',
    },
  },
  {
    id: 'linux-syn-backoff',
    difficulty: 3,
    topics: ['handshake-loss', 'retransmission'],
    lesson: 'handshake-loss-and-retransmission',
    stem: {
      en: 'On Linux 6.x with default settings, why are the first SYN retransmissions one second apart instead of 1, 2, 4 s?',
      zh: '在默认设置的 Linux 6.x 上，为什么最初几次 SYN 重传的间隔都是 1 秒，而不是 1、2、4 秒？',
    },
    correct: {
      en: 'tcp_syn_linear_timeouts = 4: the first four retransmissions keep RTO = 1 s before exponential backoff starts.',
      zh: 'tcp_syn_linear_timeouts = 4：前四次重传 RTO 保持 1 秒，之后才开始指数退避。',
    },
    wrong: [
      {
        text: {
          en: 'They are not: Linux always doubles the SYN timeout, so the retransmissions come 1, 2, 4 and 8 s apart.',
          zh: '并不是：Linux 总是把 SYN 超时加倍，重传间隔依次为 1、2、4、8 秒。',
        },
        misconception: 'textbook-exponential-syn-backoff',
      },
      {
        text: {
          en: 'tcp_syn_retries counts the first SYN as well, so the timer never gets the chance to grow before connect() fails.',
          zh: 'tcp_syn_retries 把第一个 SYN 也算在内，所以在 connect() 失败之前计时器根本来不及增长。',
        },
        misconception: 'syn-retries-counts-all-syns',
      },
      {
        text: {
          en: "The server's SYN+ACK timer drives them: each SYN+ACK it retransmits prompts the client to send its SYN again.",
          zh: '由服务器的 SYN+ACK 计时器驱动：服务器每重传一次 SYN+ACK，客户端就跟着再发一次 SYN。',
        },
        misconception: 'server-retransmits-syn',
      },
    ],
    because: {
      en: 'Since Linux 6.5 a lost SYN is retried quickly a few times (linear), then the backoff doubles; the textbook (RFC 6298) doubles from the start.',
      zh: 'Linux 6.5 起，SYN 丢失后先以 1 秒间隔快速重试几次（线性），再指数退避；教材（RFC 6298）则从一开始就加倍。',
    },
  },
  {
    id: 'isn-after-time-wait',
    difficulty: 3,
    topics: ['isn', 'time-wait'],
    lesson: 'time-wait-and-2msl',
    stem: {
      en: "A new SYN for the same 4-tuple arrives while the server's old connection is in TIME_WAIT. When does Linux accept it as a new connection?",
      zh: '服务器上的旧连接处于 TIME_WAIT 时，同一四元组的新 SYN 到达。Linux 在什么情况下把它当作新连接接受？',
    },
    correct: {
      en: "When its sequence number (or timestamp) is beyond the old connection's, so old late segments cannot land in the new one.",
      zh: '当它的序号（或时间戳）超出旧连接用过的范围时，这样旧连接的迟到报文段就不会落入新连接。',
    },
    wrong: [
      {
        text: {
          en: 'Never: a 4-tuple in TIME_WAIT refuses every new SYN until its 60 s are over, and the client has to use another port.',
          zh: '从不接受：处于 TIME_WAIT 的四元组在 60 秒结束前拒绝一切 SYN。',
        },
        misconception: 'time-wait-blocks-reuse',
      },
      {
        text: {
          en: 'Always: TIME_WAIT only guards the last ACK, so a new SYN simply replaces the old socket and starts a fresh connection.',
          zh: '总是接受：TIME_WAIT 只保护最后的 ACK，新的 SYN 直接取代旧套接字，开始新的连接。',
        },
        misconception: 'time-wait-only-for-last-ack',
      },
      {
        text: {
          en: 'When its ISN is 0, which marks a fresh connection rather than an old duplicate.',
          zh: '当它的 ISN 为 0 时，因为 0 表示这是新连接而不是旧的重复报文段。',
        },
        misconception: 'isn-zero-is-fine',
      },
    ],
    because: {
      en: 'Linux (tcp_timewait_state_process, as RFC 6191 describes) accepts the SYN if its seq is after the old rcv_nxt or its timestamp is newer, and picks a new ISN beyond the old connection’s numbers.',
      zh: 'Linux（tcp_timewait_state_process，与 RFC 6191 的描述一致）在 SYN 的序号大于旧连接的 rcv_nxt 或时间戳更新时接受它，并选取超出旧连接序号范围的新 ISN。',
    },
  },
  {
    id: 'close-wait-send',
    difficulty: 3,
    topics: ['close-wait', 'rst'],
    lesson: 'close-wait',
    stem: {
      en: 'A server in CLOSE_WAIT (the client has called close()) keeps calling send(). What happens?',
      zh: '处于 CLOSE_WAIT 的服务器（客户端已调用 close()）继续调用 send()。会发生什么？',
    },
    correct: {
      en: 'The data goes out, but the client has no socket left to read it: it answers with RST, and a later send() fails with EPIPE.',
      zh: '数据照常发出，但客户端已没有可读取它的套接字：客户端回复 RST，之后的 send() 以 EPIPE 失败。',
    },
    wrong: [
      {
        text: {
          en: 'send() fails at once with EPIPE, because a socket in CLOSE_WAIT may no longer send.',
          zh: 'send() 立即以 EPIPE 失败，因为处于 CLOSE_WAIT 的套接字不能再发送。',
        },
        misconception: 'close-wait-cannot-send',
      },
      {
        text: {
          en: 'The kernel holds the data until the application calls close(), and then sends it together with the FIN.',
          zh: '内核先保留这些数据，等应用调用 close() 后再和 FIN 一起发出。',
        },
        misconception: 'close-wait-cannot-send',
      },
      {
        text: {
          en: "It is delivered: the client's TCP still passes it to the client application after close(), because TCP is a reliable protocol.",
          zh: '数据会被交付：即使客户端已经调用了 close()，它的 TCP 仍会把数据交给客户端应用，因为 TCP 是可靠的协议。',
        },
        misconception: 'closed-socket-still-reads',
      },
    ],
    because: {
      en: 'CLOSE_WAIT only means the peer finished sending; this side may still send. But a peer that called close() cannot read: data for it is answered with RST (RFC 1122 §4.2.2.13; Linux tcp_rcv_state_process), and an RST in CLOSE_WAIT reports EPIPE.',
      zh: 'CLOSE_WAIT 只表示对方不再发送，本端仍可发送。但调用了 close() 的对方无法再读取：发给它的数据会得到 RST（RFC 1122 §4.2.2.13；Linux tcp_rcv_state_process），而在 CLOSE_WAIT 收到的 RST 报告为 EPIPE。',
    },
  },
  {
    id: 'keepalive-timing',
    difficulty: 3,
    topics: ['keepalive'],
    lesson: 'keepalive',
    stem: {
      en: 'On Linux, a socket sets SO_KEEPALIVE with the defaults (tcp_keepalive_time 7200 s, tcp_keepalive_intvl 75 s, tcp_keepalive_probes 9). Its peer vanishes during an idle period. When does the local side give up?',
      zh: '在 Linux 上，某套接字以默认参数开启 SO_KEEPALIVE（tcp_keepalive_time 7200 秒，tcp_keepalive_intvl 75 秒，tcp_keepalive_probes 9）。连接空闲期间对端消失。本端何时放弃这个连接？',
    },
    correct: {
      en: 'After 7200 + 9 × 75 = 7875 s of silence.',
      zh: '静默 7200 + 9 × 75 = 7875 秒之后。',
    },
    wrong: [
      {
        text: {
          en: 'After 7200 s: the first probe that goes unanswered ends the connection.',
          zh: '7200 秒后：第一个探测没有应答就断开连接。',
        },
        misconception: 'keepalive-timing',
      },
      {
        text: {
          en: 'After 9 × 75 = 675 s: probing starts as soon as the connection falls idle.',
          zh: '9 × 75 = 675 秒后：连接一空闲就开始探测。',
        },
        misconception: 'keepalive-timing',
      },
      {
        text: {
          en: 'Never: the probes only refresh NAT mappings, and the connection stays until the application closes it.',
          zh: '永远不会：探测只是刷新 NAT 映射，连接一直保留到应用关闭它。',
        },
        misconception: 'keepalive-timing',
      },
    ],
    because: {
      en: 'Probing starts after tcp_keepalive_time of idleness; nine probes 75 s apart go unanswered, then the connection is dropped and reads fail with ETIMEDOUT: about 2 h 11 min.',
      zh: '空闲 tcp_keepalive_time 后开始探测；九个间隔 75 秒的探测都没有应答，连接被丢弃，读操作以 ETIMEDOUT 失败：约 2 小时 11 分。',
    },
  },
  {
    id: 'unread-close',
    difficulty: 3,
    topics: ['rst', 'close'],
    lesson: 'rst-and-abort',
    stem: {
      en: 'On Linux, an application calls close() while its receive buffer still holds data it never read. What does its TCP send?',
      zh: '在 Linux 上，应用调用 close() 时接收缓冲区里还有它从未读取的数据。它的 TCP 会发送什么？',
    },
    correct: {
      en: 'RST instead of FIN, so that the peer learns its data was never read by the application.',
      zh: '发送 RST 而不是 FIN，让对方知道它的数据没有被读取。',
    },
    wrong: [
      {
        text: {
          en: 'A FIN as usual; the unread bytes are thrown away quietly and the peer reads end-of-file.',
          zh: '照常发送 FIN；未读的字节被悄悄丢弃，对方读到文件结束。',
        },
        misconception: 'close-always-sends-fin',
      },
      {
        text: {
          en: 'RST only if SO_LINGER is set with a zero timeout; otherwise a FIN, and the unread bytes are dropped.',
          zh: '只有设置了超时为 0 的 SO_LINGER 才发 RST；否则发 FIN，未读字节被丢弃。',
        },
        misconception: 'close-always-sends-fin',
      },
      {
        text: {
          en: 'A FIN, and the connection then waits in FIN_WAIT2 until the unread bytes have been read.',
          zh: '发送 FIN，连接随后在 FIN_WAIT2 中等待，直到这些未读字节被读取。',
        },
        misconception: 'close-always-sends-fin',
      },
    ],
    because: {
      en: 'RFC 2525 §2.17: closing with unread data must reset the connection, or the peer would believe everything it sent was consumed. Linux sends RST and the peer’s next call fails with ECONNRESET.',
      zh: 'RFC 2525 §2.17：带着未读数据关闭时必须重置连接，否则对方会以为它发送的数据都已被处理。Linux 发送 RST，对方的下一次调用以 ECONNRESET 失败。',
    },
  },
  {
    id: 'simultaneous-close-states',
    difficulty: 3,
    topics: ['simultaneous', 'states'],
    lesson: 'simultaneous-open-and-close',
    stem: {
      en: "In a simultaneous close, each side's FIN reaches the other while it is still in FIN_WAIT1. Which states does one side pass through?",
      zh: '在同时关闭中，每一方的 FIN 都在对方仍处于 FIN_WAIT1 时到达。其中一方依次经过哪些状态？',
    },
    correct: {
      en: 'FIN_WAIT1 → CLOSING → TIME_WAIT → CLOSED',
      zh: 'FIN_WAIT1 → CLOSING → TIME_WAIT → CLOSED',
    },
    wrong: [
      {
        text: {
          en: 'FIN_WAIT1 → FIN_WAIT2 → TIME_WAIT → CLOSED, as in any active close',
          zh: 'FIN_WAIT1 → FIN_WAIT2 → TIME_WAIT → CLOSED，与普通的主动关闭一样',
        },
        misconception: 'closing-state-missed',
      },
      {
        text: {
          en: 'FIN_WAIT1 → CLOSE_WAIT → LAST_ACK → CLOSED, since it received a FIN',
          zh: 'FIN_WAIT1 → CLOSE_WAIT → LAST_ACK → CLOSED，因为它收到了 FIN',
        },
        misconception: 'closing-state-missed',
      },
      {
        text: {
          en: 'FIN_WAIT1 → CLOSING → CLOSED, without TIME_WAIT since both sides closed',
          zh: 'FIN_WAIT1 → CLOSING → CLOSED，双方都已关闭，所以没有 TIME_WAIT',
        },
        misconception: 'simultaneous-close-skips-time-wait',
      },
    ],
    because: {
      en: 'RFC 9293: a FIN received in FIN_WAIT1 before our FIN is acknowledged leads to CLOSING; the ACK of our FIN then leads to TIME_WAIT, and 2MSL later to CLOSED.',
      zh: 'RFC 9293：在 FIN_WAIT1 状态、自己的 FIN 尚未被确认时收到 FIN，进入 CLOSING；随后自己的 FIN 被确认，进入 TIME_WAIT，2MSL 后进入 CLOSED。',
    },
  },
  {
    id: 'third-ack-lost-data',
    difficulty: 3,
    topics: ['handshake', 'handshake-loss'],
    lesson: 'handshake-loss-and-retransmission',
    stem: {
      en: "A client's third handshake ACK is lost, but the client sends its first data right after it. What does the server do when that data segment arrives?",
      zh: '客户端第三次握手的 ACK 丢失了，但客户端紧接着发送了第一段数据。该数据报文段到达服务器时，服务器会怎样？',
    },
    correct: {
      en: 'The data segment also acknowledges the SYN+ACK, so it completes the handshake; the server accepts the data.',
      zh: '该数据报文段也确认了 SYN+ACK，所以它完成了握手，服务器接收这些数据。',
    },
    wrong: [
      {
        text: {
          en: "It drops the data and stays in SYN_RECV until the client's retransmission timer resends the ACK that was lost.",
          zh: '丢弃这些数据，继续停留在 SYN_RECV，等待客户端的重传计时器把丢失的 ACK 再发一次。',
        },
        misconception: 'bare-ack-retransmitted',
      },
      {
        text: {
          en: 'It answers with RST, because data may not arrive before the handshake has completed.',
          zh: '回复 RST，因为握手完成之前不允许有数据到达。',
        },
        misconception: 'data-cannot-complete-handshake',
      },
      {
        text: {
          en: 'It resends its SYN+ACK and ignores the data until a segment carrying nothing but the ACK arrives.',
          zh: '重传 SYN+ACK，并忽略这些数据，直到收到一个只含 ACK 的报文段。',
        },
        misconception: 'data-cannot-complete-handshake',
      },
    ],
    because: {
      en: 'Every segment after the SYN carries the ACK flag. In SYN_RECV an acceptable ACK, on any segment, moves the server to ESTABLISHED, and the data is then processed (RFC 9293 §3.10.7.4).',
      zh: 'SYN 之后的每个报文段都带 ACK 标志。在 SYN_RECV 状态，任何报文段上可接受的 ACK 都会使服务器进入 ESTABLISHED，随后处理其中的数据（RFC 9293 §3.10.7.4）。',
    },
  },
  {
    id: 'header-window-scale',
    difficulty: 3,
    topics: ['header', 'flow-control'],
    lesson: 'tcp-header-and-sequence-numbers',
    stem: {
      en: "The TCP header's window field has 16 bits. How can a Linux receiver advertise a 1 MB receive window?",
      zh: 'TCP 首部的窗口字段只有 16 位。Linux 接收方如何通告 1 MB 的接收窗口？',
    },
    correct: {
      en: 'With the window scale option agreed in the SYN and SYN+ACK: later window values are shifted left by the scale.',
      zh: '通过在 SYN 和 SYN+ACK 中协商的窗口扩大选项：之后的窗口值都按扩大因子左移。',
    },
    wrong: [
      {
        text: {
          en: 'It cannot: 65,535 bytes is the most that any TCP receiver can advertise, whatever its buffer size.',
          zh: '做不到：无论接收缓存多大，TCP 接收方最多只能通告 65535 字节。',
        },
        misconception: 'window-limited-to-64k',
      },
      {
        text: {
          en: 'By sending several ACKs in a row whose window values add up to 1 MB between them.',
          zh: '连续发送多个 ACK，让它们的窗口值加起来达到 1 MB。',
        },
        misconception: 'window-limited-to-64k',
      },
      {
        text: {
          en: 'With the window scale option, which either side may switch on in any segment once the connection is open.',
          zh: '通过窗口扩大选项，连接建立后任何一方都可以在任意报文段中开启它。',
        },
        misconception: 'window-limited-to-64k',
      },
    ],
    because: {
      en: 'RFC 7323: each side offers a shift count (0 to 14) in its SYN; only if both offer it, every later window field is multiplied by 2^shift, up to about 1 GiB.',
      zh: 'RFC 7323：双方在各自的 SYN 中给出移位数（0～14）；只有双方都提供时，之后每个窗口字段的值才乘以 2^移位数，最大约 1 GiB。',
    },
  },
];

export const WHY_ITEMS: readonly WhyItem[] = [...D1, ...D2, ...D3];
