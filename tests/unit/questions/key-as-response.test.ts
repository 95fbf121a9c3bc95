// keyAsResponse turns a question's key into the response a learner would send; grading that
// response must give full marks for every template and difficulty.
import { describe, expect, it } from 'vitest';
import { generateQuestion, grade, keyAsResponse, listTemplates } from '@/lib/questions';

describe('keyAsResponse', () => {
  for (const template of listTemplates()) {
    for (const difficulty of template.difficulties) {
      it(`${template.id} at difficulty ${difficulty}: the key, answered, scores 1`, () => {
        for (const seed of [1, 2, 3]) {
          const question = generateQuestion(template.id, { seed, difficulty, locale: 'en' });
          const result = grade(question, keyAsResponse(question));
          expect(result.valid && result.score, `seed ${seed}`).toBe(1);
        }
      });
    }
  }
});
