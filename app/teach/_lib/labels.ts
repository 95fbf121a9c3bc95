// Names instructors read for templates and topics: templates from the teach namespace,
// topics from practice (one list for the whole app); an id without a name shows as itself.
import 'server-only';
import { getTranslations } from 'next-intl/server';
import { listTemplates, TOPICS } from '@/lib/questions';

export type Labels = { templates: Record<string, string>; topics: Record<string, string> };

export async function labels(): Promise<Labels> {
  const [t, tp] = await Promise.all([
    getTranslations('teach.template'),
    getTranslations('practice.topic'),
  ]);
  const templates = Object.fromEntries(
    listTemplates().map((tpl) => [tpl.id, t.has(tpl.id) ? t(tpl.id) : tpl.id]),
  );
  const topics = Object.fromEntries(TOPICS.map((id) => [id, tp.has(id) ? tp(id) : id]));
  return { templates, topics };
}
