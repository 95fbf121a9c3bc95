// Authored why-questions: the key and each distractor's misconception are content, written
// to match the lessons (content/lessons), not computed from a trace.

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

export const WHY_ITEMS: readonly WhyItem[] = [
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
      en: 'So that the server learns its own ISN reached the client, and an old duplicate SYN cannot open a connection by itself.',
      zh: '让服务器确认自己的初始序号已被客户端收到，并防止已失效的旧 SYN 单独建立起连接。',
    },
    wrong: [
      {
        text: {
          en: 'Two would be enough; the third segment only speeds up the first data transfer.',
          zh: '两次就够了，第三次只是为了加快第一次数据传输。',
        },
        misconception: 'two-way-handshake-enough',
      },
      {
        text: {
          en: 'Because the server needs four messages, and one of them can be dropped.',
          zh: '因为服务器需要四个报文，其中一个可以省略不发。',
        },
        misconception: 'four-way-handshake-needed',
      },
      {
        text: {
          en: 'Because the first SYN already carries the client’s request data, which must be acknowledged.',
          zh: '因为第一个 SYN 已经携带了客户端的请求数据，需要被确认。',
        },
        misconception: 'syn-carries-data',
      },
    ],
    because: {
      en: 'Each side must announce its ISN and have it acknowledged; the third segment confirms the server’s ISN and lets the server ignore SYNs the client did not just send.',
      zh: '双方都要通告自己的初始序号并得到确认；第三个报文段确认了服务器的序号，也让服务器能识别并忽略客户端并未发出的旧 SYN。',
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
      en: 'Each direction is closed separately: the passive side ACKs the FIN at once but sends its own FIN only when its application closes.',
      zh: '两个方向分别关闭：被动方收到 FIN 后立即确认，但要等本地应用关闭后才发送自己的 FIN。',
    },
    wrong: [
      {
        text: {
          en: 'Because the FIN and its ACK can never be carried in one segment.',
          zh: '因为 FIN 和 ACK 永远不能放在同一个报文段里。',
        },
        misconception: 'close-always-four-segments',
      },
      {
        text: {
          en: 'It does not: the passive side always puts its FIN on that ACK, so three segments is the rule.',
          zh: '并非如此：被动方总是把 FIN 捎带在 ACK 上，三个报文段才是常态。',
        },
        misconception: 'fin-and-ack-always-merge',
      },
      {
        text: {
          en: 'Because the passive side must wait 2MSL before it may send its FIN.',
          zh: '因为被动方必须先等待 2MSL 才能发送自己的 FIN。',
        },
        misconception: 'time-wait-on-passive-closer',
      },
    ],
    because: {
      en: 'TCP is full duplex; a FIN only ends one direction. When the passive closer closes quickly, its FIN can carry the ACK and the close takes three segments.',
      zh: 'TCP 是全双工的，一个 FIN 只关闭一个方向。如果被动方很快关闭，它的 FIN 可以捎带 ACK，挥手就只需三个报文段。',
    },
  },
  {
    id: 'why-2msl',
    difficulty: 2,
    topics: ['time-wait', 'close'],
    lesson: 'time-wait-and-2msl',
    stem: {
      en: 'Why does the active closer wait 2MSL in TIME_WAIT?',
      zh: '主动关闭方为什么要在 TIME_WAIT 状态等待 2MSL？',
    },
    correct: {
      en: 'If its last ACK is lost the peer retransmits its FIN, which must still be answered; and old segments of this connection must die out before the 4-tuple is reused.',
      zh: '若最后的 ACK 丢失，对方会重传 FIN，本端必须还能应答；同时要让本连接的旧报文段在网络中消失，再复用同一个四元组。',
    },
    wrong: [
      {
        text: {
          en: 'One MSL is for the FIN and one for the ACK, so that both sides can time out together.',
          zh: '一个 MSL 给 FIN，一个给 ACK，让双方同时超时。',
        },
        misconception: 'time-wait-one-msl',
      },
      {
        text: {
          en: 'To make the next connection to the same server faster.',
          zh: '为了让下一次连接同一服务器更快。',
        },
        misconception: 'time-wait-for-speed',
      },
      {
        text: {
          en: 'It is a kernel leak that tuning should remove.',
          zh: '这是内核的资源泄漏，应当通过调参消除。',
        },
        misconception: 'time-wait-is-a-bug',
      },
    ],
    because: {
      en: 'A lost final ACK costs one MSL for it to die and one for the retransmitted FIN to arrive: 2MSL covers the round trip. Linux uses a fixed 60 s.',
      zh: '最后的 ACK 丢失后，它最多存活一个 MSL，对方重传的 FIN 最多再经过一个 MSL，2MSL 正好覆盖这一来一回。Linux 使用固定的 60 秒。',
    },
  },
  {
    id: 'close-wait-cause',
    difficulty: 2,
    topics: ['close-wait', 'close'],
    lesson: 'close-wait',
    stem: {
      en: 'A server has thousands of sockets in CLOSE_WAIT. What is the usual cause?',
      zh: '服务器上有成千上万个处于 CLOSE_WAIT 的连接，通常是什么原因？',
    },
    correct: {
      en: 'The application got EOF but never called close() on those sockets (often a missing close on an error path).',
      zh: '应用读到了 EOF，却没有对这些套接字调用 close()（常见于错误处理分支漏了关闭）。',
    },
    wrong: [
      {
        text: {
          en: 'The clients’ final ACKs are being lost in the network.',
          zh: '客户端最后的 ACK 在网络中丢失了。',
        },
        misconception: 'close-wait-network-fault',
      },
      {
        text: {
          en: 'The server is the active closer and is waiting 2MSL.',
          zh: '服务器是主动关闭方，正在等待 2MSL。',
        },
        misconception: 'close-wait-vs-fin-wait-2',
      },
      {
        text: {
          en: 'The kernel keeps them on purpose; they expire after tcp_fin_timeout.',
          zh: '内核有意保留它们，tcp_fin_timeout 之后会自动消失。',
        },
        misconception: 'fin-timeout-is-time-wait',
      },
    ],
    because: {
      en: 'CLOSE_WAIT is left only by the local close(); no timer ends it. The fix is in the application.',
      zh: '只有本地调用 close() 才能离开 CLOSE_WAIT，没有任何定时器会结束它，必须修改应用程序。',
    },
  },
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
        text: { en: 'Enable tcp_tw_recycle.', zh: '开启 tcp_tw_recycle。' },
        misconception: 'tw-recycle-remedy',
      },
      {
        text: {
          en: 'Set tcp_fin_timeout to 1 second to shorten TIME_WAIT.',
          zh: '把 tcp_fin_timeout 调成 1 秒以缩短 TIME_WAIT。',
        },
        misconception: 'fin-timeout-is-time-wait',
      },
      {
        text: {
          en: 'Let the server close first so the client has no TIME_WAIT at all, whatever the protocol.',
          zh: '无论协议如何，都让服务器先关闭，这样客户端就没有 TIME_WAIT。',
        },
        misconception: 'time-wait-on-passive-closer',
      },
    ],
    because: {
      en: 'TIME_WAIT belongs to the active closer and lasts a fixed 60 s on Linux; fewer closes or safe reuse are the real remedies. tcp_tw_recycle was removed in 4.12.',
      zh: 'TIME_WAIT 属于主动关闭方，在 Linux 上固定为 60 秒；减少关闭次数或安全地复用才是根本办法。tcp_tw_recycle 已在 4.12 中删除。',
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
      en: 'So segments from an earlier connection on the same 4-tuple do not fall into the new window, and so an off-path attacker cannot guess it.',
      zh: '为了让同一四元组上旧连接的报文段不会落入新连接的窗口，也让不在路径上的攻击者难以猜中。',
    },
    wrong: [
      {
        text: {
          en: 'It could be 0; a random start is only a convention.',
          zh: '完全可以取 0，随机起点只是习惯。',
        },
        misconception: 'isn-zero-is-fine',
      },
      {
        text: {
          en: 'Only to resist attackers; old segments are never a problem.',
          zh: '只是为了防攻击，旧报文段不会带来任何问题。',
        },
        misconception: 'isn-for-security-only',
      },
      {
        text: {
          en: 'Because the SYN consumes no sequence number, so 0 is reserved.',
          zh: '因为 SYN 不消耗序号，0 被保留了。',
        },
        misconception: 'syn-consumes-no-sequence-number',
      },
    ],
    because: {
      en: 'RFC 6528: ISN = clock + keyed hash of the 4-tuple. It differs between incarnations and is unpredictable from outside.',
      zh: 'RFC 6528 规定 ISN = 时钟 + 对四元组的带密钥哈希，不同的连接实例互不相同，外部也无法预测。',
    },
  },
  {
    id: 'syn-no-data',
    difficulty: 1,
    topics: ['handshake', 'sequence-numbers'],
    lesson: 'data-on-the-handshake',
    stem: {
      en: 'Why does an ordinary SYN carry no application data?',
      zh: '为什么普通的 SYN 报文段不携带应用数据？',
    },
    correct: {
      en: 'The server has not agreed to the connection yet; data on a SYN could be replayed or flood the server (only TCP Fast Open allows it, with a cookie).',
      zh: '此时服务器还没有同意建立连接；SYN 上的数据可能被重放或用来攻击服务器（只有 TCP Fast Open 凭 Cookie 才允许）。',
    },
    wrong: [
      {
        text: {
          en: 'It may: every SYN normally carries the first request.',
          zh: '可以携带：每个 SYN 通常都带着第一个请求。',
        },
        misconception: 'syn-carries-data',
      },
      {
        text: {
          en: 'Because a SYN consumes no sequence number, so data could not be numbered.',
          zh: '因为 SYN 不消耗序号，数据无法编号。',
        },
        misconception: 'syn-consumes-no-sequence-number',
      },
      {
        text: {
          en: 'Because the ACK flag is off, so nothing could be acknowledged.',
          zh: '因为 ACK 标志未置位，所以什么都无法确认。',
        },
        misconception: 'ack-equals-seq',
      },
    ],
    because: {
      en: 'A SYN consumes one sequence number and opens the sequence space; data is sent once the handshake proves the peer is there.',
      zh: 'SYN 消耗一个序号，用来开启序号空间；等握手证明对方确实存在后才发送数据。',
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
      en: 'TCP keepalive sends probes on an idle connection to detect a dead peer; HTTP keep-alive reuses one connection for several requests.',
      zh: 'TCP keepalive 在空闲连接上发送探测报文以发现对端失效；HTTP keep-alive 是在一个连接上发送多个请求。',
    },
    wrong: [
      {
        text: {
          en: 'They are the same mechanism, configured at two layers.',
          zh: '它们是同一种机制，只是在两层分别配置。',
        },
        misconception: 'tcp-keepalive-is-http',
      },
      {
        text: {
          en: 'HTTP keep-alive makes the kernel send probes every 75 s.',
          zh: 'HTTP keep-alive 会让内核每 75 秒发送一次探测。',
        },
        misconception: 'tcp-keepalive-is-http',
      },
      {
        text: {
          en: 'TCP keepalive keeps the connection out of TIME_WAIT.',
          zh: 'TCP keepalive 可以让连接不进入 TIME_WAIT。',
        },
        misconception: 'time-wait-is-a-bug',
      },
    ],
    because: {
      en: 'TCP keepalive is a socket option (SO_KEEPALIVE; 7200 s idle by default); HTTP keep-alive is an application-level reuse of the connection.',
      zh: 'TCP keepalive 是套接字选项（SO_KEEPALIVE，默认空闲 7200 秒后探测）；HTTP keep-alive 是应用层对连接的复用。',
    },
  },
  {
    id: 'close-vs-shutdown',
    difficulty: 3,
    topics: ['half-close', 'socket-api'],
    lesson: 'half-close-shutdown-vs-close',
    stem: {
      en: 'What does shutdown(fd, SHUT_WR) do that close(fd) does not?',
      zh: 'shutdown(fd, SHUT_WR) 与 close(fd) 相比有什么不同？',
    },
    correct: {
      en: 'It sends FIN for our direction only; we can still read the peer’s reply, and the descriptor stays open.',
      zh: '它只为本端方向发送 FIN，本端仍可读取对方的回复，描述符也仍然有效。',
    },
    wrong: [
      {
        text: {
          en: 'Nothing: both send FIN and release the socket.',
          zh: '没有区别：两者都发送 FIN 并释放套接字。',
        },
        misconception: 'close-equals-shutdown',
      },
      {
        text: { en: 'It sends RST instead of FIN.', zh: '它发送 RST 而不是 FIN。' },
        misconception: 'close-always-sends-fin',
      },
      {
        text: { en: 'It skips TIME_WAIT.', zh: '它会跳过 TIME_WAIT。' },
        misconception: 'time-wait-on-passive-closer',
      },
    ],
    because: {
      en: 'A half-close ends one direction; close() drops the descriptor (and with unread data Linux sends RST).',
      zh: '半关闭只结束一个方向；close() 释放描述符（若还有未读数据，Linux 会发送 RST）。',
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
          en: 'They are not: Linux always doubles, 1, 2, 4, 8 s.',
          zh: '并不是：Linux 总是加倍，1、2、4、8 秒。',
        },
        misconception: 'textbook-exponential-syn-backoff',
      },
      {
        text: {
          en: 'Because tcp_syn_retries counts the first SYN, so the RTO cannot grow.',
          zh: '因为 tcp_syn_retries 把第一个 SYN 也计算在内，RTO 无法增长。',
        },
        misconception: 'syn-retries-counts-all-syns',
      },
      {
        text: {
          en: 'Because the server retransmits the SYN for the client.',
          zh: '因为服务器替客户端重传了 SYN。',
        },
        misconception: 'server-retransmits-syn',
      },
    ],
    because: {
      en: 'Since Linux 6.5 a lost SYN is retried quickly a few times (linear), then backoff doubles; the textbook doubles from the start.',
      zh: 'Linux 6.5 起，SYN 丢失后先以 1 秒间隔快速重试几次（线性），再指数退避；教材模型则从一开始就加倍。',
    },
  },
];
