// The ```trace fence: its `key=value` attributes parsed and validated, and a remark plugin
// that turns each fence into a placeholder element the web app hydrates into a live
// ladder diagram (the engine runs in the browser).
import type { Code, Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { issuePath } from './errors';
import { traceBlockSchema, type TraceBlock } from './schema';

export class TraceBlockError extends Error {
  override name = 'TraceBlockError';
}

/** Parses `scenario=time-wait-duration seed=3 compare=true`. */
export function parseTraceAttributes(meta: string | null | undefined, caption = ''): TraceBlock {
  const attributes: Record<string, string> = {};
  for (const token of (meta ?? '').trim().split(/\s+/).filter(Boolean)) {
    const match = /^([a-z]+)=(\S+)$/.exec(token);
    if (!match) throw new TraceBlockError(`trace block: "${token}" is not key=value`);
    const [, key = '', value = ''] = match;
    if (key in attributes) throw new TraceBlockError(`trace block: ${key} is given twice`);
    attributes[key] = value;
  }
  const parsed = traceBlockSchema.safeParse(attributes);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issuePath(issue.path) : '';
    throw new TraceBlockError(
      `trace block: ${where || 'attributes'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return { ...parsed.data, caption: caption.trim() };
}

/**
 * Replaces trace fences with `<div class="trace-embed" data-…>` and collects them in
 * `file.data.traces`, so one frozen processor can serve every document.
 */
export const remarkTraceBlocks: Plugin<[], Root> = () => {
  return (tree, file) => {
    const collect: TraceBlock[] = [];
    file.data.traces = collect;
    visit(tree, 'code', (node: Code) => {
      if (node.lang !== 'trace') return;
      const block = parseTraceAttributes(node.meta, node.value);
      const index = collect.length;
      collect.push(block);
      // mdast → hast conversion honours data.hName/hProperties; the fence becomes a div.
      const replacement = node as unknown as { type: string; data: unknown; children: unknown[] };
      replacement.type = 'traceEmbed';
      replacement.data = {
        hName: 'div',
        hProperties: {
          className: ['trace-embed'],
          dataTraceIndex: String(index),
          dataScenario: block.scenario,
          dataSeed: String(block.seed),
          dataProfile: block.profile,
          dataCompare: String(block.compare),
        },
      };
      replacement.children = block.caption
        ? [{ type: 'paragraph', children: [{ type: 'text', value: block.caption }] }]
        : [];
    });
  };
};
