// How far a learner is with a lesson: the mean mastery over the lesson's topics, counting a
// topic never practised as 0, so a lesson is only "mastered" when all of it is.
export type TopicKnowledge = { topic: string; known: number; attempts: number };
export type LessonProgress = { known: number; practisedTopics: number; topics: number };

export function lessonProgress(
  topics: readonly string[],
  mastery: readonly TopicKnowledge[],
): LessonProgress | null {
  const unique = [...new Set(topics)];
  if (unique.length === 0) return null;
  const byTopic = new Map(mastery.filter((m) => m.attempts > 0).map((m) => [m.topic, m.known]));
  const practised = unique.filter((topic) => byTopic.has(topic));
  if (practised.length === 0) return null;
  const sum = unique.reduce(
    (total, topic) => total + Math.min(1, Math.max(0, byTopic.get(topic) ?? 0)),
    0,
  );
  return { known: sum / unique.length, practisedTopics: practised.length, topics: unique.length };
}
