// The content lint: every lesson and deck is valid, zh and en match, every link resolves,
// every embedded trace runs in the engine, every referenced template exists.
import { describe, expect, test } from 'vitest';
import { simulateNamed, listScenarios } from '@/lib/engine';
import { loadDecks, loadLessons, type LessonSource } from '@/lib/content/load';
import { renderMarkdown as renderUncached, type RenderedMarkdown } from '@/lib/content/render';
import { transitionCards } from '@/lib/content/transition-cards';
import { TOPICS } from '@/lib/content/vocabulary';
import { isTemplateId } from '@/lib/questions';

const lessons = loadLessons();
const decks = loadDecks();
const scenarios = new Set(listScenarios().map((s) => s.name));
const rendered = new Map<string, RenderedMarkdown>();
const renderMarkdown = (markdown: string) => {
  let result = rendered.get(markdown);
  if (!result) {
    result = renderUncached(markdown);
    rendered.set(markdown, result);
  }
  return result;
};
const byLocale = (locale: 'zh' | 'en') => lessons.filter((l) => l.locale === locale);

const REQUIRED_SLUGS = [
  'tcp-header-and-sequence-numbers', 'three-way-handshake', 'why-three-handshakes', 'isn-randomness',
  'handshake-loss-and-retransmission', 'syn-and-accept-queues', 'syn-flood-and-syncookies',
  'data-on-the-handshake', 'four-way-close', 'why-four-waves', 'three-segment-close',
  'time-wait-and-2msl', 'too-many-time-wait', 'close-wait', 'fin-wait-2-and-orphans',
  'half-close-shutdown-vs-close', 'rst-and-abort', 'keepalive', 'simultaneous-open-and-close',
  'mss-and-mtu', 'tcp-vs-udp', 'socket-api-and-the-handshake',
];

function internalLinks(markdown: string): string[] {
  // Markdown inline links whose target is a site path; code spans are left out first.
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1] ?? '');
}

function linkProblem(href: string, lesson: LessonSource): string | null {
  const url = new URL(href, 'https://ackademy.invalid');
  const segments = url.pathname.split('/').filter(Boolean);
  switch (segments[0]) {
    case 'lessons': {
      if (segments.length === 1) return null;
      const target = lessons.find((l) => l.locale === lesson.locale && l.slug === segments[1]);
      if (!target || segments.length > 2) return `no lesson "${segments[1]}"`;
      if (url.hash) {
        const ids = renderMarkdown(target.body).toc.map((entry) => entry.id);
        if (!ids.includes(decodeURIComponent(url.hash.slice(1)))) return `no section ${url.hash} in ${target.slug}`;
      }
      return null;
    }
    case 'practice': {
      const topics = url.searchParams.get('topics');
      const unknown = (topics ?? '').split(',').filter((t) => t && !(TOPICS as readonly string[]).includes(t));
      return unknown.length ? `unknown topics ${unknown.join(', ')}` : null;
    }
    case 'flashcards': {
      const deck = url.searchParams.get('deck');
      return deck && !decks.some((d) => d.deck === deck) ? `no deck "${deck}"` : null;
    }
    case 'simulator': {
      const scenario = url.searchParams.get('scenario');
      const seed = url.searchParams.get('seed');
      if (scenario && !scenarios.has(scenario)) return `no scenario "${scenario}"`;
      if (seed !== null && !/^\d+$/.test(seed)) return `seed "${seed}" is not a whole number`;
      return null;
    }
    case 'quizzes':
    case 'me':
      return null;
    default:
      return `unknown page ${url.pathname}`;
  }
}

describe('lessons', () => {
  test('every required lesson exists in both languages', () => {
    for (const locale of ['zh', 'en'] as const) {
      expect(byLocale(locale).map((l) => l.slug)).toEqual(expect.arrayContaining(REQUIRED_SLUGS));
    }
  });

  test('zh and en have the same lessons, files, order, topics, templates and decks', () => {
    const shape = (l: LessonSource) => ({
      file: l.file.replace(/^lessons\/(zh|en)\//, ''),
      topics: l.topics,
      prerequisites: l.prerequisites,
      templates: l.templates,
      decks: l.decks,
    });
    expect(byLocale('zh').map(shape)).toEqual(byLocale('en').map(shape));
  });

  test('orders are unique and prerequisites are earlier lessons', () => {
    const en = byLocale('en');
    expect(new Set(en.map((l) => l.order)).size).toBe(en.length);
    for (const lesson of lessons) {
      for (const slug of lesson.prerequisites) {
        const before = lessons.find((l) => l.locale === lesson.locale && l.slug === slug);
        expect(before, `${lesson.file}: prerequisite ${slug}`).toBeDefined();
        expect(before!.order, `${lesson.file}: prerequisite ${slug} comes later`).toBeLessThan(lesson.order);
      }
    }
  });

  test('every referenced question template and deck exists', () => {
    for (const lesson of lessons) {
      expect(lesson.templates.length, `${lesson.file}: no templates`).toBeGreaterThan(0);
      for (const id of lesson.templates) {
        expect(isTemplateId(id), `${lesson.file}: template ${id} has no generator`).toBe(true);
      }
      for (const deck of lesson.decks) {
        expect(decks.some((d) => d.locale === lesson.locale && d.deck === deck), `${lesson.file}: deck ${deck}`).toBe(true);
      }
    }
  });

  test.each(lessons.map((l) => [l.file, l] as const))('%s has every part a lesson needs', (_file, lesson) => {
    const { toc, traces } = renderMarkdown(lesson.body);
    const headings = toc.map((entry) => entry.text).join('\n');
    expect(traces.length, 'an embedded trace').toBeGreaterThan(0);
    expect(headings).toMatch(lesson.locale === 'zh' ? /误区/ : /misconception/i);
    expect(headings).toMatch(lesson.locale === 'zh' ? /自己的机器/ : /your own machine/i);
    expect(headings).toMatch(lesson.locale === 'zh' ? /小结/ : /summary/i);
    expect(internalLinks(lesson.body).some((href) => href.startsWith('/practice')), 'a link to practise').toBe(true);
  });

  test.each(lessons.map((l) => [l.file, l] as const))('%s: every internal link resolves', (_file, lesson) => {
    const problems = internalLinks(lesson.body)
      .map((href) => [href, linkProblem(href, lesson)] as const)
      .filter(([, problem]) => problem !== null);
    expect(problems).toEqual([]);
  });

  test('zh and en embed the same traces', () => {
    for (const zh of byLocale('zh')) {
      const en = byLocale('en').find((l) => l.slug === zh.slug);
      const strip = (l: LessonSource) => renderMarkdown(l.body).traces.map(({ caption: _c, ...rest }) => rest);
      expect(strip(zh), zh.slug).toEqual(strip(en!));
    }
  });

  test('every embedded trace runs in the engine (both profiles where compared)', () => {
    const blocks = new Map<string, { scenario: string; seed: number; profile: 'linux' | 'rfc' }>();
    for (const lesson of lessons) {
      for (const trace of renderMarkdown(lesson.body).traces) {
        expect(scenarios.has(trace.scenario), `${lesson.file}: scenario ${trace.scenario}`).toBe(true);
        const profiles = trace.compare ? (['linux', 'rfc'] as const) : [trace.profile];
        for (const profile of profiles) {
          blocks.set(`${trace.scenario}/${trace.seed}/${profile}`, { scenario: trace.scenario, seed: trace.seed, profile });
        }
      }
    }
    expect(blocks.size).toBeGreaterThan(20);
    for (const [key, block] of blocks) {
      const trace = simulateNamed(block.scenario, { seed: block.seed, profile: block.profile });
      expect(trace.segments.length, key).toBeGreaterThan(0);
      expect(trace.profile, key).toBe(block.profile);
    }
  });
});

describe('flashcard decks', () => {
  test('zh and en have the same decks with the same card ids and topics', () => {
    const shape = (locale: 'zh' | 'en') =>
      decks
        .filter((d) => d.locale === locale)
        .map((d) => ({ deck: d.deck, lesson: d.lesson, cards: d.cards.map((c) => [c.id, c.topics]) }));
    expect(shape('zh')).toEqual(shape('en'));
  });

  test('card ids are unique across all decks, and each deck belongs to a lesson that lists it', () => {
    const en = decks.filter((d) => d.locale === 'en');
    const ids = en.flatMap((d) => d.cards.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const deck of decks) {
      const lesson = lessons.find((l) => l.locale === deck.locale && l.slug === deck.lesson);
      expect(lesson?.decks, deck.file).toContain(deck.deck);
    }
  });

  test('at least 150 authored cards in each language', () => {
    for (const locale of ['zh', 'en'] as const) {
      const count = decks.filter((d) => d.locale === locale).reduce((n, d) => n + d.cards.length, 0);
      expect(count, locale).toBeGreaterThanOrEqual(150);
    }
  });

  test('card text renders to safe HTML', () => {
    for (const deck of decks) {
      for (const card of deck.cards) {
        for (const side of [card.front, card.back]) {
          const { html, traces } = renderMarkdown(side);
          expect(traces, `${deck.file}: ${card.id}`).toEqual([]);
          expect(html).not.toMatch(/<script|javascript:/);
        }
      }
    }
  });
});

describe('cards generated from the engine transition table', () => {
  test('one per transition, in both languages with the same ids, naming the next state', () => {
    const zh = transitionCards('zh');
    const en = transitionCards('en');
    expect(zh.length).toBeGreaterThan(20);
    expect(zh.map((c) => c.id)).toEqual(en.map((c) => c.id));
    const authored = new Set(decks.flatMap((d) => d.cards.map((c) => c.id)));
    for (const card of en) {
      expect(authored.has(card.id)).toBe(false);
      expect(card.back).toMatch(/\*\*(CLOSED|LISTEN|SYN_SENT|SYN_RECV|ESTABLISHED|FIN_WAIT1|FIN_WAIT2|CLOSE_WAIT|CLOSING|LAST_ACK|TIME_WAIT)\*\*/);
    }
    const timeWait = en.find((c) => c.id === 'tt-fin-wait2-rcv-fin');
    expect(timeWait?.back).toContain('**TIME_WAIT**');
  });
});
