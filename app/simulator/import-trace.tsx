'use client';
// Load a trace JSON file (an export, or `npm run sim -- … --json`), checked before it is shown.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Trace } from '@/lib/engine';
import { parseTraceJson, TRACE_IMPORT_MAX_CHARS, type TraceImportResult } from '@/lib/trace-export';

export function ImportTrace({ onImport }: { onImport: (trace: Trace) => void }) {
  const t = useTranslations('simulator');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const message = (result: Extract<TraceImportResult, { ok: false }>): string => {
    if (result.limit?.name === 'chars') return t('importTooLarge', { max: result.limit.max });
    if (result.limit?.name === 'traceEntries')
      return t('importTooManyEntries', { max: result.limit.max });
    return result.path ? `${result.path}: ${result.message}` : result.message;
  };
  const load = (value: string): void => {
    const result = parseTraceJson(value);
    if (result.ok) {
      setProblem(null);
      onImport(result.trace);
      window.scrollTo({ top: 0 });
    } else {
      setProblem(message(result));
    }
  };
  return (
    <details
      className="rounded-md border border-slate-200 dark:border-slate-800"
      data-testid="import"
    >
      <summary className="cursor-pointer px-3 py-2 font-semibold">{t('import')}</summary>
      <div className="space-y-2 p-3 text-sm">
        <label className="flex flex-col gap-1">
          {t('importFile')}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              // A file too large to be a trace is refused before it is read into memory: a
              // character of the text takes at most 3 bytes of UTF-8.
              if (file && file.size > TRACE_IMPORT_MAX_CHARS * 3)
                setProblem(t('importTooLarge', { max: TRACE_IMPORT_MAX_CHARS }));
              else if (file) void file.text().then(load);
            }}
          />
        </label>
        <label className="flex flex-col gap-1">
          {t('importPaste')}
          <textarea
            rows={4}
            value={text}
            data-testid="import-text"
            onChange={(e) => setText(e.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
          />
        </label>
        <button
          type="button"
          data-testid="import-show"
          className="rounded border border-slate-300 px-2.5 py-1 dark:border-slate-600"
          onClick={() => load(text)}
        >
          {t('importShow')}
        </button>
        {problem ? (
          <p
            role="alert"
            data-testid="import-problem"
            className="rounded bg-red-100 px-3 py-2 wrap-anywhere text-red-900 dark:bg-red-900/40 dark:text-red-100"
          >
            {problem}
          </p>
        ) : null}
      </div>
    </details>
  );
}
