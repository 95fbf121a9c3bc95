// Markdown → safe HTML for lessons and cards: GFM tables, highlighted code, heading
// anchors, trace placeholders. Sanitising runs before the plugins that add ids, classes
// and anchor links, so everything an author wrote passes the allow-list and only our own
// additions come after it.
import type { Element, Root as HastRoot } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { TraceBlock } from './schema';
import { remarkTraceBlocks } from './trace-blocks';

export type TocEntry = { id: string; text: string };
export type RenderedMarkdown = { html: string; toc: TocEntry[]; traces: TraceBlock[] };

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // Ids are added after sanitising (rehype-slug), so authors' ids need no prefix games.
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    div: [
      ...(defaultSchema.attributes?.div ?? []),
      ['className', 'trace-embed'],
      'dataTraceIndex',
      'dataScenario',
      'dataSeed',
      'dataProfile',
      'dataCompare',
    ],
    code: [...(defaultSchema.attributes?.code ?? []), ['className', /^language-[\w-]+$/]],
  },
};

declare module 'vfile' {
  interface DataMap {
    traces: TraceBlock[];
    toc: TocEntry[];
  }
}

function collectToc() {
  return (tree: HastRoot, file: VFile) => {
    const toc: TocEntry[] = [];
    file.data.toc = toc;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'h2' && typeof node.properties.id === 'string') {
        toc.push({ id: node.properties.id, text: toString(node).trim() });
      }
    });
  };
}

// Built once: constructing the pipeline (and highlight.js's grammars) costs more than
// rendering a short document.
const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkTraceBlocks)
    .use(remarkRehype)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeSlug)
    // Before the anchors are appended, so the entries hold only the heading text.
    .use(collectToc)
    .use(rehypeAutolinkHeadings, {
      behavior: 'append',
      properties: { className: ['heading-anchor'], ariaHidden: 'true', tabIndex: -1 },
      content: { type: 'text', value: '#' },
    })
    .use(rehypeHighlight, { detect: false })
    .use(focusableCodeBlocks)
    .use(rehypeStringify)
    .freeze();

/** Code blocks may scroll sideways; a scrollable region must be reachable by keyboard. */
function focusableCodeBlocks() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'pre') node.properties.tabIndex = 0;
    });
  };
}

/** Renders Markdown; throws a TraceBlockError for a malformed trace fence. */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const file = processor.processSync(markdown);
  return { html: String(file), toc: file.data.toc ?? [], traces: file.data.traces ?? [] };
}
