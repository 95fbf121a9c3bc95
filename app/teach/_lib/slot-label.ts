// A slot described in one line for results tables: "Template name" or "Topic (any template)".
import type { SlotSpec } from '@/lib/quiz';
import type { Labels } from './labels';

export function slotLabel(slot: SlotSpec | undefined, names: Labels, anyTemplate: string): string {
  if (!slot) return '—';
  if (slot.template) return names.templates[slot.template] ?? slot.template;
  const topic =
    slot.kind === 'random' && slot.topic ? (names.topics[slot.topic] ?? slot.topic) : '';
  return `${topic} ${anyTemplate}`;
}
