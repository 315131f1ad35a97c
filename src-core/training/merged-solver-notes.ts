/** A head's solver notes and technical details as a run result carries them (absent when the solver had none). */
interface NotedHead {
  readonly notes?: readonly string[];
  readonly details?: readonly string[];
}

/**
 * One list of a run's solver notes: a note every head shares (one-vs-rest runs solve one program
 * per class, often with the same remark) once, then each head's own notes prefixed by
 * `nameOf(headIndex)`. A single head's notes come back unchanged. Tolerates results saved
 * before heads had notes, and non-array values, as "no notes".
 */
export function mergedSolverNotes(heads: readonly NotedHead[], nameOf: (headIndex: number) => string): string[] {
  return merged(heads.map((head) => head.notes), nameOf);
}

/** The heads' technical details (SolveInfo.details), merged as mergedSolverNotes merges the notes. */
export function mergedSolverDetails(heads: readonly NotedHead[], nameOf: (headIndex: number) => string): string[] {
  return merged(heads.map((head) => head.details), nameOf);
}

function merged(lists: readonly (readonly string[] | undefined)[], nameOf: (headIndex: number) => string): string[] {
  const perHead = lists.map((list) => (Array.isArray(list) ? list : []));
  const shared = (perHead[0] ?? []).filter((note, i, first) => first.indexOf(note) === i && perHead.every((notes) => notes.includes(note)));
  const own = perHead.flatMap((notes, h) => notes.filter((note) => !shared.includes(note)).map((note) => `${nameOf(h)}: ${note}`));
  return [...shared, ...own];
}
