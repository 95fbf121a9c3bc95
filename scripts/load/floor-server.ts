// The load test's floor: a minimal Node HTTP server that performs the autosave's database
// write (lib/db saveAnswer: the same transaction, rate-limit count included, with the same
// Prisma client and driver as the app) with nothing around it: no Next.js, no session, no
// validation of the response.
// Run: DATABASE_URL=… PORT=… tsx --conditions=react-server scripts/load/floor-server.ts
import { createServer } from 'node:http';
import { saveAnswer } from '@/lib/db';
import { rateLimitCounter } from '@/lib/security';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          attemptId: string;
          userId: string;
          position: number;
          response: unknown;
          clientRev: number;
        };
        const result = await saveAnswer({
          ...body,
          now: new Date(),
          limit: rateLimitCounter('answer-account', body.userId),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      } catch (error) {
        res.writeHead(500);
        res.end(String(error));
      }
    })();
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor: listening'));
