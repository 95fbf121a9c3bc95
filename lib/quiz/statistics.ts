// Per-slot item analysis over submitted attempts, as Moodle's quiz statistics define it:
// facility (mean score), discrimination (correlation with the rest of the attempt), and the
// wrong answers grouped by the misconception the grader named.

/** One question of one submitted attempt. */
export type StatItem = {
  slot: number;
  fraction: number | null;
  points: number;
  misconception: string | null;
  answered: boolean;
};

export type StatAttempt = { items: readonly StatItem[] };

export type SlotStatistics = {
  slot: number;
  /** Attempts that included this slot. */
  attempts: number;
  /** Mean fraction, 0..1 (Moodle shows it as a percentage). */
  facility: number | null;
  /**
   * Pearson correlation between the slot's score and the rest of the attempt's score,
   * −1..1; null when either does not vary (fewer than two attempts, or all equal).
   */
  discrimination: number | null;
  /** Wrong or partly wrong answers by misconception id; `other` has none named. */
  wrong: { misconception: string | null; count: number }[];
  unanswered: number;
};

export function slotStatistics(attempts: readonly StatAttempt[]): SlotStatistics[] {
  const slots = [...new Set(attempts.flatMap((a) => a.items.map((i) => i.slot)))].sort(
    (a, b) => a - b,
  );
  return slots.map((slot) => {
    const own: number[] = [];
    const rest: number[] = [];
    const wrong = new Map<string | null, number>();
    let unanswered = 0;
    for (const attempt of attempts) {
      const mine = attempt.items.filter((i) => i.slot === slot);
      if (mine.length === 0) continue;
      const points = (items: readonly StatItem[]) =>
        items.reduce((s, i) => s + (i.fraction ?? 0) * i.points, 0);
      const max = mine.reduce((s, i) => s + i.points, 0);
      own.push(max > 0 ? points(mine) / max : 0);
      rest.push(points(attempt.items.filter((i) => i.slot !== slot)));
      for (const item of mine) {
        if (!item.answered) unanswered++;
        else if ((item.fraction ?? 0) < 1)
          wrong.set(item.misconception, (wrong.get(item.misconception) ?? 0) + 1);
      }
    }
    return {
      slot,
      attempts: own.length,
      facility: own.length === 0 ? null : own.reduce((s, x) => s + x, 0) / own.length,
      discrimination: correlation(own, rest),
      wrong: [...wrong.entries()]
        .map(([misconception, count]) => ({ misconception, count }))
        .sort(
          (a, b) =>
            b.count - a.count || String(a.misconception).localeCompare(String(b.misconception)),
        ),
      unanswered,
    };
  });
}

/** Pearson's r, or null when undefined. */
export function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
