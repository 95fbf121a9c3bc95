// What the builder's selects offer: every template, and the topics some template covers
// (a topic slot with no template could never be filled), named in the reader's language.
import 'server-only';
import { listTemplates, TOPICS } from '@/lib/questions';
import { labels } from '../_lib/labels';
import type { BuilderOptions } from './slot-editor';

export async function builderOptions(): Promise<BuilderOptions> {
  const names = await labels();
  const templates = listTemplates();
  const covered = new Set<string>(templates.flatMap((t) => t.topics));
  return {
    templates: templates.map((t) => ({
      id: t.id,
      label: names.templates[t.id] ?? t.id,
      difficulties: t.difficulties,
    })),
    topics: TOPICS.filter((id) => covered.has(id)).map((id) => ({
      id,
      label: names.topics[id] ?? id,
    })),
  };
}
