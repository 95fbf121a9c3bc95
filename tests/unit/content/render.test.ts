// The Markdown pipeline: what authors write becomes safe HTML with anchors, highlighted
// code, GFM tables and trace placeholders; anything unsafe is removed.
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '@/lib/content/render';
import { parseTraceAttributes, TraceBlockError } from '@/lib/content/trace-blocks';

describe('renderMarkdown', () => {
  test('a trace fence becomes a placeholder carrying its validated attributes', () => {
    const { html, traces } = renderMarkdown(
      '```trace scenario=time-wait-duration seed=3 compare=true\nThe active closer waits.\n```\n',
    );
    expect(traces).toEqual([
      { scenario: 'time-wait-duration', seed: 3, profile: 'linux', compare: true, caption: 'The active closer waits.' },
    ]);
    expect(html).toContain('<div class="trace-embed" data-trace-index="0" data-scenario="time-wait-duration" data-seed="3" data-profile="linux" data-compare="true">');
    expect(html).toContain('<p>The active closer waits.</p>');
  });

  test('level-2 headings get ids, anchors and a table of contents, in Chinese too', () => {
    const { html, toc } = renderMarkdown('## 第一次握手：SYN\n\ntext\n\n## Why 2MSL?\n\n### not in toc\n');
    expect(toc).toEqual([
      { id: '第一次握手syn', text: '第一次握手：SYN' },
      { id: 'why-2msl', text: 'Why 2MSL?' },
    ]);
    expect(html).toContain('<h2 id="why-2msl">');
    expect(html).toContain('class="heading-anchor"');
  });

  test('GFM tables and highlighted code', () => {
    const { html } = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nss -tan state time-wait\n```\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>1</td>');
    expect(html).toMatch(/<code class="hljs language-sh">/);
    // A code block that scrolls sideways must be reachable by keyboard.
    expect(html).toContain('<pre tabindex="0">');
  });

  test.each([
    ['<script>alert(1)</script>', /<script/],
    ['<img src=x onerror=alert(1)>', /onerror/],
    ['[x](javascript:alert(1))', /javascript:/],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/],
    ['<div class="trace-embed" data-scenario="x" onclick="y">z</div>', /onclick/],
  ])('removes unsafe input %j', (markdown, forbidden) => {
    expect(renderMarkdown(markdown).html).not.toMatch(forbidden);
  });
});

describe('parseTraceAttributes', () => {
  test('defaults: linux profile, no comparison', () => {
    expect(parseTraceAttributes('scenario=refused seed=1')).toEqual({
      scenario: 'refused',
      seed: 1,
      profile: 'linux',
      compare: false,
      caption: '',
    });
  });

  test.each([
    ['seed=1', /scenario/],
    ['scenario=refused', /seed/],
    ['scenario=refused seed=-4', /seed/],
    ['scenario=refused seed=1 profile=bsd', /profile/],
    ['scenario=refused seed=1 colour=red', /colour|unrecognized/i],
    ['scenario=refused seed=1 seed=2', /given twice/],
    ['scenario=refused seed', /not key=value/],
    ['scenario=Not_Kebab seed=1', /kebab/],
  ])('%j is rejected with a message naming the problem', (meta, message) => {
    expect(() => parseTraceAttributes(meta)).toThrow(TraceBlockError);
    expect(() => parseTraceAttributes(meta)).toThrow(message);
  });
});
