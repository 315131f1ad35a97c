/** Separator of the parts of a job label: "Two moons (200 rows, noise 0.1, seed 1) · ADMM · beta 0.01". */
const SEPARATOR = ' · ';

export interface SharedLabelPart {
  /** The labels' common first part (the dataset's description), or null when they do not all share one. */
  readonly shared: string | null;
  /** Each label without the shared part (the label itself when there is none). */
  readonly rests: string[];
}

/**
 * Job labels start with the dataset's description. When two or more labels all start with the
 * same one, a list shows it once (caption, header) and each row only the rest; with a single
 * label, different datasets or a label that is only the description, nothing is taken off.
 */
export function sharedLabelPart(labels: readonly string[]): SharedLabelPart {
  const first = labels[0];
  const cut = first === undefined ? -1 : first.indexOf(SEPARATOR);
  if (labels.length < 2 || first === undefined || cut <= 0) return { shared: null, rests: [...labels] };
  const head = first.slice(0, cut + SEPARATOR.length);
  const sharesHead = labels.every((label) => label.startsWith(head) && label.length > head.length);
  if (!sharesHead) return { shared: null, rests: [...labels] };
  return { shared: first.slice(0, cut), rests: labels.map((label) => label.slice(head.length)) };
}

/** The label without the shared part when it starts with it (a row that joined the list later), else whole. */
export function withoutSharedPart(label: string, shared: string | null): string {
  const head = shared === null ? null : shared + SEPARATOR;
  return head !== null && label.startsWith(head) && label.length > head.length ? label.slice(head.length) : label;
}
