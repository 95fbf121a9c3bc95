// Practice tickets: a sealed question opens only with the server's key, for the learner it
// was issued to, within its day; tampering, forging, another holder or the clock refuse it.
import { describe, expect, test } from 'vitest';
import {
  openTicket,
  sealTicket,
  TICKET_LIFETIME_SEC,
  type TicketHolder,
} from '@/app/practice/ticket';
import { serverKey } from '@/lib/security';

const KEY = serverKey('practice-ticket', 'unit-test-secret-0123456789abcdef');
const OTHER_KEY = serverKey('practice-ticket', 'another-secret-0123456789abcdef');
const ISSUED = new Date('2026-12-07T10:00:00Z');
const later = (sec: number) => new Date(ISSUED.getTime() + sec * 1000);
const QUESTION = {
  template: 'seq-ack-numbers',
  seed: 123456,
  difficulty: 2,
  locale: 'en',
} as const;
const ALICE: TicketHolder = { user: 'user-alice' };

describe('a ticket opens for its holder within its life', () => {
  test.each([
    ['an account', ALICE],
    ['a visitor', { visitor: 'v-0123456789abcdef' }],
  ] as const)('issued to %s', async (_name, holder) => {
    const ticket = await sealTicket(QUESTION, holder, KEY, ISSUED);
    const opened = await openTicket(ticket, holder, KEY, later(TICKET_LIFETIME_SEC - 1));
    expect(opened).toEqual({
      ok: true,
      question: QUESTION,
      issuedAt: ISSUED,
      expiresAt: later(TICKET_LIFETIME_SEC),
    });
  });

  test('the sealed text shows neither the seed nor the template', async () => {
    const ticket = await sealTicket(QUESTION, ALICE, KEY, ISSUED);
    const readable = ticket
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
      .join('.');
    expect(readable).not.toContain('123456');
    expect(readable).not.toContain('seq-ack');
    expect(readable).not.toContain('user-alice');
  });
});

describe('refused', () => {
  test('a day after it was issued, or before it was issued', async () => {
    const ticket = await sealTicket(QUESTION, ALICE, KEY, ISSUED);
    expect(await openTicket(ticket, ALICE, KEY, later(TICKET_LIFETIME_SEC + 1))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await openTicket(ticket, ALICE, KEY, later(-3600))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  test.each<[string, TicketHolder]>([
    ['another account', { user: 'user-bob' }],
    ['a visitor', { visitor: 'user-alice' }],
    ['a visitor with the same text', { visitor: 'v-0123456789abcdef' }],
  ])('for %s', async (_name, holder) => {
    const ticket = await sealTicket(QUESTION, ALICE, KEY, ISSUED);
    expect(await openTicket(ticket, holder, KEY, later(60))).toEqual({
      ok: false,
      reason: 'foreign',
    });
  });

  test('sealed with another key (another server secret)', async () => {
    const ticket = await sealTicket(QUESTION, ALICE, OTHER_KEY, ISSUED);
    expect(await openTicket(ticket, ALICE, KEY, later(60))).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  test('any byte of any part changed', async () => {
    const ticket = await sealTicket(QUESTION, ALICE, KEY, ISSUED);
    const parts = ticket.split('.');
    for (const [i, part] of parts.entries()) {
      if (part === '') continue; // "dir" has an empty encrypted key
      for (const at of [0, Math.floor(part.length / 2), part.length - 2]) {
        const flipped = part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
        const tampered = parts.map((p, j) => (j === i ? flipped : p)).join('.');
        expect(await openTicket(tampered, ALICE, KEY, later(60))).toEqual({
          ok: false,
          reason: 'forged',
        });
      }
    }
  });

  test.each([
    ['made up', 'not.a.ticket.at.all'],
    ['empty', ''],
    ['a readable question', JSON.stringify(QUESTION)],
  ])('%s', async (_name, text) => {
    expect(await openTicket(text, ALICE, KEY, later(60))).toEqual({
      ok: false,
      reason: 'forged',
    });
  });
});
