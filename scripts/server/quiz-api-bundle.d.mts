// Types of quiz-api-bundle.mjs (plain JavaScript, because the server starts under plain node).
export const QUIZ_API_BUNDLE: string;
export function buildQuizApi(root: string, outfile?: string): Promise<string[]>;
