'use client';
// The /me charts, drawn with recharts. Only /me imports this file, so recharts stays out of
// every other page's bundle. Each chart has a table of its numbers beside it for screen
// readers and for anyone who prefers figures.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const COLORS = { answers: '#2563eb', correct: '#16a34a', reviews: '#9333ea', due: '#d97706' };
const tick = { fill: 'currentColor', fontSize: 12 };
/** Axis labels show MM-DD: the year adds nothing within four weeks. */
const shortDay = (day: string) => day.slice(5);

type Series<Row> = { key: keyof Row & string; label: string; color: string };

function NumbersTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{caption}</summary>
      <table className="mt-1 text-left">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="pr-4 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, i) => (
                <td key={i} className="pr-4 font-mono">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Bars per day (answers, right answers, reviews; or cards due). */
export function DailyChart<Row extends { day: string }>({
  title,
  data,
  series,
  dayLabel,
  tableLabel,
  testId,
}: {
  title: string;
  data: Row[];
  series: Series<Row>[];
  dayLabel: string;
  tableLabel: string;
  testId: string;
}) {
  return (
    <figure className="space-y-1" data-testid={testId}>
      <figcaption className="font-semibold">{title}</figcaption>
      <div className="h-60 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <BarChart
            data={data}
            // The chart is hidden from assistive technology (the table carries the numbers), so
            // it must not take keyboard focus either.
            accessibilityLayer={false}
            margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          >
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis dataKey="day" tickFormatter={shortDay} tick={tick} />
            <YAxis allowDecimals={false} tick={tick} />
            <Tooltip labelFormatter={(day) => String(day)} />
            {series.length > 1 ? <Legend /> : null}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={(row: Row) => Number(row[s.key])}
                name={s.label}
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <NumbersTable
        caption={tableLabel}
        head={[dayLabel, ...series.map((s) => s.label)]}
        rows={data.map((d) => [d.day, ...series.map((s) => Number(d[s.key]))])}
      />
    </figure>
  );
}

/** Mastery (0–100 %) per topic, one horizontal bar each. */
export function MasteryChart({
  title,
  data,
  labels,
}: {
  title: string;
  data: { topic: string; name: string; percent: number; attempts: number }[];
  labels: { topic: string; mastery: string; attempts: string; table: string };
}) {
  return (
    <figure className="space-y-1" data-testid="me-mastery-chart">
      <figcaption className="font-semibold">{title}</figcaption>
      <div className="w-full" style={{ height: 40 + data.length * 32 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <BarChart
            data={data}
            accessibilityLayer={false}
            layout="vertical"
            margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={tick} />
            <YAxis type="category" dataKey="name" width={170} tick={tick} />
            <Tooltip formatter={(value) => `${String(value)}%`} />
            <Bar
              dataKey="percent"
              name={labels.mastery}
              fill={COLORS.correct}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <NumbersTable
        caption={labels.table}
        head={[labels.topic, labels.mastery, labels.attempts]}
        rows={data.map((d) => [d.name, `${d.percent}%`, d.attempts])}
      />
    </figure>
  );
}

export { COLORS };
