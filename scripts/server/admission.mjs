// Admission control for the server: at most `limit` requests are being served at once, the
// rest wait in FIFO lines, one per priority. When a class starts a quiz together, a thousand
// page renders in flight at once would hold a thousand renders' memory and answer nobody
// quickly; waiting in line, a request costs only its socket. The lines favour whoever is
// furthest along: a quiz under way (saving an answer, submitting, loading the questions)
// first, then starting one and its page, then everything else. A student who has started
// does not wait behind the pages of those still arriving, and each step of the start does
// not queue behind everyone's previous step. The lines together hold at most `maxWaiting`
// requests: past that a request is refused at once (the server answers 503 with Retry-After)
// rather than the line growing without end.

/**
 * @typedef {0 | 1 | 2} Priority 0 goes first.
 * @typedef {{ priority: Priority, run: () => Promise<void>, abandoned: () => boolean }} Job
 * @typedef {{ active: number, waiting: number, admitted: number, dropped: number }} AdmissionStats
 */

/**
 * @param {{ limit: number, maxWaiting?: number }} options
 */
export function createAdmission({ limit, maxWaiting = Number.POSITIVE_INFINITY }) {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`admission limit must be ≥ 1, got ${limit}`);
  if (!(maxWaiting >= 0)) throw new Error(`admission maxWaiting must be ≥ 0, got ${maxWaiting}`);
  /** @type {Job[][]} */
  const lines = [[], [], []];
  let active = 0;
  let admitted = 0;
  let dropped = 0;

  const pump = () => {
    while (active < limit) {
      const job = lines[0].shift() ?? lines[1].shift() ?? lines[2].shift();
      if (!job) return;
      // The client gave up while waiting: nothing to answer.
      if (job.abandoned()) {
        dropped += 1;
        continue;
      }
      active += 1;
      admitted += 1;
      job
        .run()
        .catch(() => {})
        .finally(() => {
          active -= 1;
          pump();
        });
    }
  };

  const waiting = () => lines[0].length + lines[1].length + lines[2].length;
  // Clients that gave up leave the lines (counted as dropped) before a newcomer is refused.
  const purge = () => {
    for (let i = 0; i < lines.length; i++) {
      const kept = lines[i].filter((job) => !job.abandoned());
      dropped += lines[i].length - kept.length;
      lines[i] = kept;
    }
  };

  return {
    /**
     * Runs the job now or when a slot frees; false (and the job never runs) when the lines
     * are full.
     * @param {Job} job
     * @returns {boolean}
     */
    admit(job) {
      if (active >= limit && waiting() >= maxWaiting) {
        purge();
        if (waiting() >= maxWaiting) return false;
      }
      lines[job.priority].push(job);
      pump();
      return true;
    },
    /** @returns {AdmissionStats} */
    stats() {
      return {
        active,
        waiting: waiting(),
        admitted,
        dropped,
      };
    },
  };
}

const UNDER_WAY = /^\/api\/attempts\/[^/?]+(\/(answers|submit))?(\?|$)/;
const STARTING = /^(\/api\/quizzes\/[^/?]+\/attempts|\/quizzes\/attempts\/[^/?]+)(\?|$)/;

/**
 * A request's line: 0 for the JSON routes of an attempt being taken, 1 for starting an
 * attempt (the JSON route, or the Start button's server action posted to the quiz page) and
 * the attempt page, 2 for everything else.
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @param {(name: string) => string | undefined} header
 * @returns {Priority}
 */
export function priorityOf(method, url, header) {
  const path = url ?? '';
  if ((method === 'POST' || method === 'GET') && UNDER_WAY.test(path)) return 0;
  if (STARTING.test(path)) return 1;
  if (method === 'POST' && path.startsWith('/quizzes/') && header('next-action')) return 1;
  return 2;
}

/**
 * Static files need no admission: they are read from disk without rendering anything.
 * @param {string | undefined} url
 */
export function bypassesAdmission(url) {
  return (url ?? '').startsWith('/_next/static/');
}
