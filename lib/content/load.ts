// Reads lessons and decks from content/ and validates them. Every problem is reported
// with the file and the field, and loading stops at the first bad file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { ContentError, issuePath } from './errors';
import { deckSchema, lessonFrontmatterSchema, type DeckFile, type LessonFrontmatter } from './schema';
import { CONTENT_LOCALES, type ContentLocale } from './vocabulary';

export type LessonSource = LessonFrontmatter & {
  locale: ContentLocale;
  /** Path relative to the content root, for error messages. */
  file: string;
  /** The Markdown body, without frontmatter. */
  body: string;
};

export type DeckSource = DeckFile & { locale: ContentLocale; file: string };

export const DEFAULT_CONTENT_ROOT = path.join(process.cwd(), 'content');

const LESSON_FILE = /^(\d{2,3})-([a-z0-9-]+)\.md$/;

function listFiles(dir: string, extension: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(extension))
      .sort();
  } catch {
    return [];
  }
}

export function loadLessonFile(root: string, locale: ContentLocale, name: string): LessonSource {
  const file = path.join('lessons', locale, name);
  const match = LESSON_FILE.exec(name);
  if (!match) throw new ContentError(file, 'file name must be <nn>-<slug>.md');
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(readFileSync(path.join(root, file), 'utf8'));
  } catch (error) {
    throw new ContentError(file, `frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  const frontmatter = lessonFrontmatterSchema.safeParse(parsed.data);
  if (!frontmatter.success) {
    const issue = frontmatter.error.issues[0];
    throw new ContentError(file, `${issue ? issuePath(issue.path) || 'frontmatter' : 'frontmatter'}: ${issue?.message ?? 'invalid'}`);
  }
  const [, order = '', slug = ''] = match;
  if (frontmatter.data.slug !== slug) {
    throw new ContentError(file, `slug: "${frontmatter.data.slug}" differs from the file name's "${slug}"`);
  }
  if (frontmatter.data.order !== Number(order)) {
    throw new ContentError(file, `order: ${frontmatter.data.order} differs from the file name's ${order}`);
  }
  return { ...frontmatter.data, locale, file, body: parsed.content };
}

export function loadDeckFile(root: string, locale: ContentLocale, name: string): DeckSource {
  const file = path.join('decks', locale, name);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path.join(root, file), 'utf8'));
  } catch (error) {
    throw new ContentError(file, `not valid YAML: ${(error as Error).message}`);
  }
  const deck = deckSchema.safeParse(raw);
  if (!deck.success) {
    const issue = deck.error.issues[0];
    throw new ContentError(file, `${issue ? issuePath(issue.path) || 'deck' : 'deck'}: ${issue?.message ?? 'invalid'}`);
  }
  const expected = name.replace(/\.ya?ml$/, '');
  if (deck.data.deck !== expected) {
    throw new ContentError(file, `deck: "${deck.data.deck}" differs from the file name's "${expected}"`);
  }
  const seen = new Set<string>();
  deck.data.cards.forEach((card, index) => {
    if (seen.has(card.id)) throw new ContentError(file, `cards[${index}].id: "${card.id}" is used twice`);
    seen.add(card.id);
  });
  return { ...deck.data, locale, file };
}

export function loadLessons(root = DEFAULT_CONTENT_ROOT): LessonSource[] {
  return CONTENT_LOCALES.flatMap((locale) =>
    listFiles(path.join(root, 'lessons', locale), '.md').map((name) => loadLessonFile(root, locale, name)),
  );
}

export function loadDecks(root = DEFAULT_CONTENT_ROOT): DeckSource[] {
  return CONTENT_LOCALES.flatMap((locale) =>
    listFiles(path.join(root, 'decks', locale), '.yaml').map((name) => loadDeckFile(root, locale, name)),
  );
}
