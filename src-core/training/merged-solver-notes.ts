/** A head's solver notes as a run result carries them (absent when the solver had none). */
interface NotedHead {
  readonly notes?: readonly string[];
}

/**
 * One list of a run's solver notes: a note every head shares (one-vs-rest runs solve one program
 * per class, often with the same remark) once, then each head's own notes prefixed by
 * `nameOf(headIndex)`. A single head's notes come back unchanged. Tolerates results saved
 * before heads had notes, and non-array values, as "no notes".
 */
export function mergedSolverNotes(heads: readonly NotedHead[], nameOf: (headIndex: number) => string): string[] {
  const perHead = heads.map((head) => (Array.isArray(head.notes) ? head.notes : []));
  const shared = (perHead[0] ?? []).filter((note, i, first) => first.indexOf(note) === i && perHead.every((notes) => notes.includes(note)));
  const own = perHead.flatMap((notes, h) => notes.filter((note) => !shared.includes(note)).map((note) => `${nameOf(h)}: ${note}`));
  return [...shared, ...own];
}
