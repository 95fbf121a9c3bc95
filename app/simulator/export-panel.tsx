'use client';
// The trace as JSON, a packetdrill-style script or a Mermaid sequence diagram: shown, copied
// or downloaded.
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { Trace } from '@/lib/engine';
import { toMermaid, toPacketdrill } from '@/lib/trace-export';

type Format = 'json' | 'packetdrill' | 'mermaid';
const EXT: Record<Format, string> = { json: 'json', packetdrill: 'pkt', mermaid: 'mmd' };

export function ExportPanel({ trace }: { trace: Trace }) {
  const t = useTranslations('simulator');
  const [format, setFormat] = useState<Format>('json');
  const text = useMemo(() => {
    if (format === 'json') return `${JSON.stringify(trace, null, 2)}\n`;
    if (format === 'packetdrill') return toPacketdrill(trace);
    return toMermaid(trace);
  }, [trace, format]);
  const download = (): void => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${trace.scenario}-seed${trace.seed}-${trace.profile}.${EXT[format]}`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const button = 'rounded border border-slate-300 px-2.5 py-1 text-sm dark:border-slate-600';
  return (
    <details
      className="rounded-md border border-slate-200 dark:border-slate-800"
      data-testid="export"
    >
      <summary className="cursor-pointer px-3 py-2 font-semibold">{t('export')}</summary>
      <div className="space-y-2 p-3">
        <div role="radiogroup" aria-label={t('exportFormat')} className="flex flex-wrap gap-2">
          {(['json', 'packetdrill', 'mermaid'] as const).map((f) => (
            <label
              key={f}
              className={`${button} has-[:focus-visible]:outline-brand-500 cursor-pointer has-[:focus-visible]:outline-2 ${format === f ? 'bg-brand-600 text-white' : ''}`}
            >
              <input
                type="radio"
                className="sr-only"
                name={`export-${trace.profile}`}
                checked={format === f}
                onChange={() => setFormat(f)}
                data-testid={`export-${f}`}
              />
              {t(`format.${f}`)}
            </label>
          ))}
          <button type="button" className={button} onClick={download} data-testid="download">
            {t('download')}
          </button>
          <button
            type="button"
            className={button}
            onClick={() => void navigator.clipboard?.writeText(text)}
          >
            {t('copy')}
          </button>
        </div>
        <pre
          data-testid="export-text"
          tabIndex={0}
          className="max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900"
        >
          {text}
        </pre>
      </div>
    </details>
  );
}
