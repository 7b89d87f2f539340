// The longest main-thread tasks of a Chromium trace in thread time (CPU), not wall time: on a shared, loaded machine a
// task's wall time is stretched by the other processes' time slices, while its thread time is what an idle core would
// take. Used by mediacentre.bench.ts beside the Long Tasks API's wall-time figures.

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The categories to trace for `longestTasks` (tasks are `ThreadControllerImpl::RunTask`, in `toplevel`). */
export const TASK_CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing'];

/**
 * The longest task (ms of thread time) of the page's main thread between the marks `start` and `middle`, and after
 * `middle`, from a trace recorded with TASK_CATEGORIES. The page's main thread is the thread that made the marks.
 */
export function longestTasks(trace: string, start: string, middle: string): { before: number; after: number } {
  const events = (JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents;
  const at = (name: string) => events.find((e) => e.name === name && e.ph !== 'M');
  const from = at(start);
  const mid = at(middle);
  if (!from || !mid) throw new Error(`trace: no ${from ? middle : start} mark`);
  const tasks = events.filter(
    (e) => e.name.endsWith('RunTask') && e.ph === 'X' && e.pid === from.pid && e.tid === from.tid,
  );
  const longest = (keep: (e: TraceEvent) => boolean) =>
    Math.max(0, ...tasks.filter(keep).map((e) => (e.tdur ?? e.dur ?? 0) / 1000));
  // A task that holds the start mark counts (the mount's first render runs in the task that marks it).
  return {
    before: longest((e) => e.ts + (e.dur ?? 0) >= from.ts && e.ts < mid.ts),
    after: longest((e) => e.ts >= mid.ts),
  };
}
