// The paper component renders on the server with the quizPaper strings: questions first, each
// answer key after a page break, in both languages.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { describe, expect, test } from 'vitest';
import { PaperView, type PaperViewProps } from '@/app/_components/quiz-paper';
import { loadMessages } from '@/lib/i18n/messages';
import { toPaper } from '@/lib/quiz/export';
import { everyTemplate } from './fixtures';

describe.each(['en', 'zh'] as const)('PaperView (%s)', (locale) => {
  test('prints each student, then their key on a new page', async () => {
    const messages = await loadMessages(locale);
    const items = everyTemplate(locale, [1]).slice(0, 6);
    const paper = toPaper([
      { name: 'Ada', questions: items },
      { name: 'Grace', questions: items },
    ]);
    // toPaper's output is exactly what the view takes (checked by the compiler).
    const data: PaperViewProps['paper'] = paper;
    const view = createElement(PaperView, { paper: data, title: 'Quiz 1' });
    // Test files are .ts (no JSX), and the provider's props type requires `children`.
    // eslint-disable-next-line react/no-children-prop
    const tree = createElement(NextIntlClientProvider, { locale, messages, children: view });
    const html = renderToStaticMarkup(tree);
    expect(html.match(/data-testid="paper-questions"/g)).toHaveLength(2);
    expect(html.match(/data-testid="paper-key"[^>]*/g)).toHaveLength(2);
    expect(html).toMatch(/class="[^"]*break-before-page[^"]*"[^>]*data-testid="paper-key"/);
    // The first questions sheet needs no page break; the second student's does.
    expect(html).toMatch(/<section class="break-before-page" data-testid="paper-questions"/);
    expect(html.indexOf('Ada')).toBeLessThan(html.indexOf('Grace'));
    expect(html).toContain(locale === 'zh' ? '参考答案 — Ada' : 'Answer key — Ada');
    expect(html).not.toContain('quizPaper.');
  });
});
