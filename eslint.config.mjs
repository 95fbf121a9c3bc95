// Lint rules, including the import boundaries of DESIGN.md: the engine and the pure
// libraries never read the clock or Math.random, and the engine imports nothing else.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import tseslint from 'typescript-eslint';

const impureGlobals = [
  { object: 'Math', property: 'random', message: 'Inject a seeded PRNG (lib/engine/rng).' },
  { object: 'Date', property: 'now', message: 'Time is a parameter: pass `now` in.' },
  { object: 'performance', property: 'now', message: 'Time is a parameter: pass `now` in.' },
  { object: 'crypto', property: 'randomUUID', message: 'Inject a seeded PRNG.' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'data/**',
      'lib/db/generated/**',
      'next-env.d.ts',
      'tests/fixtures/**',
      '.cache/**',
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['lib/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/*', '@/lib/*', '../../*'],
              message: 'The engine imports nothing from the rest of the project.',
            },
            {
              group: ['next', 'next/*', 'react', 'react/*', 'node:*', '@prisma/*'],
              message: 'The engine is pure TypeScript that runs in the browser.',
            },
          ],
        },
      ],
      'no-restricted-properties': ['error', ...impureGlobals],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is a parameter.',
        },
        { selector: "CallExpression[callee.name='setTimeout']", message: 'Use the virtual clock.' },
      ],
    },
  },
  {
    // Sockets never reach back into the world that drives them (issue 21: no import cycle).
    // The engine-wide patterns are repeated: a later block replaces the rule, it does not merge.
    files: [
      'lib/engine/connection.ts',
      'lib/engine/listener.ts',
      'lib/engine/programs.ts',
      'lib/engine/effects.ts',
      'lib/engine/host.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./world', './simulate'],
              message: 'A socket or program never imports the world; the world imports it.',
            },
            {
              group: ['@/app/*', '@/lib/*', '../../*'],
              message: 'The engine imports nothing from the rest of the project.',
            },
            {
              group: ['next', 'next/*', 'react', 'react/*', 'node:*', '@prisma/*'],
              message: 'The engine is pure TypeScript that runs in the browser.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'lib/questions/**/*.ts',
      'lib/srs/**/*.ts',
      'lib/mastery/**/*.ts',
      'lib/quiz/**/*.ts',
      'lib/progress/**/*.ts',
    ],
    rules: {
      'no-restricted-properties': ['error', ...impureGlobals],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is a parameter.',
        },
      ],
    },
  },
  {
    files: ['lib/questions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/engine/*'],
              message: 'Import the engine through its index: @/lib/engine.',
            },
            {
              group: ['@/lib/db*', '@/lib/auth*', '@/app/*', 'node:*'],
              message: 'Questions are pure.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // lib/questions/vocabulary is a second, constants-only entry: a client component
              // that needs the template ids must not pull every generator into the browser.
              group: ['@/lib/*/*', '!@/lib/db/generated', '!@/lib/questions/vocabulary'],
              message: 'Import from the module index (@/lib/<module>).',
            },
            {
              group: ['@prisma/*', '**/generated/*'],
              message: 'Pages never import Prisma: go through lib/db.',
            },
          ],
          paths: [
            {
              name: 'next/link',
              message: 'Use @/app/_components/link: it does not prefetch (see why there).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/_components/link.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
