'use client';
// The playground island: pick or edit a scenario, set seed, profile, sysctls and faults, run
// it in a Web Worker, and read the ladder diagram, state timeline and event log; compare the
// two profiles, share the exact run as a link, export or import a trace. The server renders
// only a placeholder: the query (which may carry a whole scenario file) is read in the browser.
import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useMemo, useState, useSyncExternalStore } from 'react';
import {
  getScenario,
  listScenarios,
  parseScenario,
  type Profile,
  type ScenarioFile,
  type Trace,
} from '@/lib/engine';
import { RoundsView } from '@/app/_components/congestion';
import { LadderPlayer } from '@/app/_components/ladder';
import { toProblem, type Problem } from './execute';
import { ExportPanel } from './export-panel';
import { FaultForm, OverridesForm } from './forms';
import { ImportTrace } from './import-trace';
import { locatePath, syntaxErrorPosition, type TextPosition } from './json-position';
import { ProbePanel } from './probe-panel';
import { decodeRunConfig, encodeRunConfig, type RunConfig } from './run-config';
import { StateTimeline } from './state-timeline';
import { useSimulation } from './use-simulation';

export type { Problem } from './execute';

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function catalogText(name: string): string {
  try {
    return pretty(getScenario(name));
  } catch {
    return '';
  }
}

type Translate = ReturnType<typeof useTranslations<'simulator'>>;

/** A problem's message; the engine's and the worker's bounds in the reader's language. */
export function problemMessage(t: Translate, problem: Problem): string {
  const limit = problem.limit;
  if (limit === undefined) return problem.message;
  switch (limit.kind) {
    case 'scenario':
      return t('limitScenario', { max: limit.max });
    case 'run':
      return limit.name === 'events'
        ? t('limitEvents', { max: limit.max })
        : limit.name === 'time'
          ? t('limitTime', { max: limit.max })
          : t('limitTraceEntries', { max: limit.max });
    case 'worker':
      return limit.name === 'timeout'
        ? t('limitTimeout', { seconds: limit.max })
        : t('workerCrashed');
  }
}

/** Validate the editor's text as the user types. */
function checkText(text: string): {
  value: unknown;
  problem: Problem | null;
  at: TextPosition | null;
} {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return {
      value: null,
      problem: { where: 'file', path: '', message },
      at: syntaxErrorPosition(text, message),
    };
  }
  try {
    parseScenario(value);
    return { value, problem: null, at: null };
  } catch (error) {
    const problem = toProblem(error);
    return { value, problem, at: locatePath(text, problem.path) };
  }
}

function seedOf(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(n) ? n : text.trim() || 1;
}

const subscribeToNothing = (): (() => void) => () => {};

export function SimulatorClient() {
  const t = useTranslations('simulator');
  const searchParams = useSearchParams();
  // False on the server and while hydrating: a share link's scenario is never decoded,
  // validated or simulated in a server render, whatever it asks for.
  const inBrowser = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  if (!inBrowser) return <p data-testid="simulator-loading">{t('loading')}</p>;
  return <Playground query={searchParams.toString()} />;
}

function Playground({ query: initialQuery }: { query: string }) {
  const t = useTranslations('simulator');
  const catalog = useMemo(() => listScenarios(), []);
  const [initial] = useState(() => decodeRunConfig(initialQuery));
  const [scenario, setScenario] = useState(initial.scenario);
  const [text, setText] = useState(() =>
    initial.file ? pretty(initial.file) : catalogText(initial.scenario),
  );
  const [seed, setSeed] = useState(String(initial.seed));
  const [profile, setProfile] = useState<Profile | ''>(initial.profile ?? '');
  const [set, setSet] = useState<string[]>(initial.set);
  const [compare, setCompare] = useState(initial.compare);
  const [run, setRun] = useState<RunConfig>(initial);
  const [imported, setImported] = useState<Trace | null>(null);
  const [copied, setCopied] = useState(false);
  // How far each diagram is stepped, so the state table does not give away what comes next.
  const [cutoff0, setCutoff0] = useState(Infinity);
  const [cutoff1, setCutoff1] = useState(Infinity);

  const checked = useMemo(() => checkText(text), [text]);
  const simulation = useSimulation(run);
  const outcome = simulation.status === 'done' ? simulation.outcome : null;
  const endpoints = useMemo(() => {
    const v = checked.value;
    if (
      v &&
      typeof v === 'object' &&
      'endpoints' in v &&
      v.endpoints &&
      typeof v.endpoints === 'object'
    )
      return Object.keys(v.endpoints);
    return [];
  }, [checked.value]);
  const query = encodeRunConfig(run);
  const [origin] = useState(() => (typeof window === 'undefined' ? '' : window.location.origin));
  const shareUrl = `${origin}/simulator?${query}`;

  const start = (): void => {
    if (checked.problem) return;
    const same = pretty(checked.value) === catalogText(scenario);
    const config: RunConfig = {
      scenario,
      file: same ? null : checked.value,
      seed: seedOf(seed),
      profile: profile === '' ? null : profile,
      set,
      compare,
    };
    setImported(null);
    setCopied(false);
    setRun(config);
    window.history.replaceState(null, '', `/simulator?${encodeRunConfig(config)}`);
  };

  /** Show a generated scenario in the editor and run it (the probe panel). */
  const runFile = (file: ScenarioFile): void => {
    const config: RunConfig = {
      scenario,
      file,
      seed: seedOf(seed),
      profile: profile === '' ? null : profile,
      set: [],
      compare,
    };
    setText(pretty(file));
    setSet([]);
    setImported(null);
    setCopied(false);
    setRun(config);
    window.history.replaceState(null, '', `/simulator?${encodeRunConfig(config)}`);
  };

  const jumpTo = (at: TextPosition | null): void => {
    const area = document.getElementById('scenario-text');
    if (!(area instanceof HTMLTextAreaElement) || !at) return;
    area.focus();
    const end = text.indexOf('\n', at.offset);
    area.setSelectionRange(at.offset, end === -1 ? text.length : end);
  };

  const fileProblem = checked.problem;
  const setProblem = outcome?.problem?.where === 'set' ? outcome.problem : null;
  const runProblem = outcome?.problem && outcome.problem.where !== 'set' ? outcome.problem : null;
  const field =
    'rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950';
  const traces = imported ? [imported] : (outcome?.traces ?? []);

  return (
    <div className="space-y-6">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
      >
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm">
            {t('scenario')}
            <select
              data-testid="scenario-select"
              value={scenario}
              onChange={(e) => {
                setScenario(e.target.value);
                setText(catalogText(e.target.value));
              }}
              className={field}
            >
              {catalog.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t('seed')}
            <input
              data-testid="seed"
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              className={`${field} w-24`}
              inputMode="numeric"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t('profile')}
            <select
              data-testid="profile"
              value={profile}
              onChange={(e) =>
                setProfile(
                  e.target.value === 'linux' || e.target.value === 'rfc' ? e.target.value : '',
                )
              }
              className={field}
            >
              <option value="">{t('profileDefault')}</option>
              <option value="linux">linux</option>
              <option value="rfc">rfc</option>
            </select>
          </label>
          <label className="flex items-center gap-2 pb-1 text-sm">
            <input
              type="checkbox"
              data-testid="compare"
              checked={compare}
              onChange={(e) => setCompare(e.target.checked)}
            />
            {t('compare')}
          </label>
          <button
            type="submit"
            data-testid="run"
            disabled={fileProblem !== null}
            className="bg-brand-700 rounded px-4 py-1.5 font-medium text-white disabled:opacity-50"
          >
            {t('run')}
          </button>
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {catalog.find((s) => s.name === scenario)?.description}
        </p>

        {/* Sysctls belong to endpoints; a round-model-only scenario has none. */}
        {endpoints.length > 0 || set.length > 0 || setProblem ? (
          <OverridesForm endpoints={endpoints} set={set} onChange={setSet} problem={setProblem} />
        ) : null}

        <details
          className="rounded-md border border-slate-200 dark:border-slate-800"
          open={fileProblem !== null || undefined}
        >
          <summary className="cursor-pointer px-3 py-2 font-semibold">{t('editor')}</summary>
          <div className="space-y-3 p-3">
            <FaultForm
              endpoints={endpoints}
              onAdd={(fault) => {
                const v = checked.value;
                if (!v || typeof v !== 'object' || Array.isArray(v)) return;
                const faults = 'faults' in v && Array.isArray(v.faults) ? v.faults : [];
                setText(pretty({ ...v, faults: [...faults, fault] }));
              }}
            />
            <label htmlFor="scenario-text" className="block text-sm font-medium">
              {t('scenarioFile')}
            </label>
            <textarea
              id="scenario-text"
              data-testid="scenario-text"
              value={text}
              onChange={(e) => setText(e.target.value)}
              spellCheck={false}
              rows={16}
              aria-invalid={fileProblem !== null}
              aria-describedby={fileProblem ? 'scenario-problem' : undefined}
              className={`${field} w-full font-mono text-xs ${fileProblem ? 'border-red-500 dark:border-red-400' : ''}`}
            />
            {fileProblem ? (
              <p
                id="scenario-problem"
                role="alert"
                data-testid="scenario-problem"
                className="rounded bg-red-100 px-3 py-2 text-sm wrap-anywhere text-red-900 dark:bg-red-900/40 dark:text-red-100"
              >
                {fileProblem.path ? (
                  <code className="font-semibold">{fileProblem.path}</code>
                ) : null}
                {fileProblem.path ? ': ' : ''}
                {problemMessage(t, fileProblem)}
                {checked.at ? (
                  <>
                    {' '}
                    <button type="button" className="underline" onClick={() => jumpTo(checked.at)}>
                      {t('atLine', { line: checked.at.line })}
                    </button>
                  </>
                ) : null}
              </p>
            ) : null}
          </div>
        </details>
      </form>

      <ProbePanel onBuild={runFile} />

      <section aria-labelledby="share" className="space-y-1">
        <h2 id="share" className="text-sm font-semibold">
          {t('share')}
        </h2>
        <div className="flex flex-wrap gap-2">
          <input
            readOnly
            aria-labelledby="share"
            data-testid="share-link"
            value={shareUrl}
            className={`${field} min-w-0 flex-1 font-mono text-xs`}
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="rounded border border-slate-300 px-2.5 py-1 text-sm dark:border-slate-600"
            onClick={() => {
              void navigator.clipboard?.writeText(shareUrl).then(() => setCopied(true));
            }}
          >
            {copied ? t('copied') : t('copyLink')}
          </button>
        </div>
      </section>

      {runProblem ? (
        <p
          role="alert"
          data-testid="run-problem"
          className="rounded bg-red-100 px-3 py-2 text-sm wrap-anywhere text-red-900 dark:bg-red-900/40 dark:text-red-100"
        >
          {runProblem.path && runProblem.limit?.kind !== 'run' ? `${runProblem.path}: ` : ''}
          {problemMessage(t, runProblem)}
        </p>
      ) : null}

      {simulation.status === 'running' && !imported ? (
        <p
          role="status"
          data-testid="run-status"
          className="text-sm text-slate-600 dark:text-slate-300"
        >
          {t('running')}
        </p>
      ) : null}

      {imported ? (
        <p
          className="rounded bg-sky-100 px-3 py-2 text-sm text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
          data-testid="imported-note"
        >
          {t('importedNote', {
            scenario: imported.scenario,
            seed: String(imported.seed),
            profile: imported.profile,
          })}{' '}
          <button type="button" className="underline" onClick={() => setImported(null)}>
            {t('backToRun')}
          </button>
        </p>
      ) : null}

      <div
        className={traces.length > 1 ? 'grid gap-6 lg:grid-cols-2' : 'space-y-6'}
        data-testid="results"
      >
        {traces.map((trace, i) => (
          <section
            key={`${query}-${i}-${imported ? 'imported' : 'run'}`}
            className="min-w-0 space-y-4"
            aria-label={trace.profile}
          >
            {traces.length > 1 ? <h2 className="text-lg font-semibold">{trace.profile}</h2> : null}
            {trace.rounds ? (
              <RoundsView
                trace={{ ...trace, rounds: trace.rounds }}
                testIdSuffix={i === 0 ? '' : '-compare'}
              />
            ) : null}
            {/* A round-model-only scenario (congestion-rounds-*) has no segments to draw. */}
            {trace.rounds === undefined || trace.segments.length > 0 ? (
              <>
                <LadderPlayer
                  trace={trace}
                  testId={i === 0 ? 'ladder-player' : 'ladder-player-compare'}
                  onCutoffChange={i === 0 ? setCutoff0 : setCutoff1}
                />
                <StateTimeline trace={trace} until={i === 0 ? cutoff0 : cutoff1} />
              </>
            ) : null}
            <ExportPanel trace={trace} />
          </section>
        ))}
      </div>

      <ImportTrace onImport={setImported} />
    </div>
  );
}
