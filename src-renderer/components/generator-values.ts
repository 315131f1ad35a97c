/** Generator parameters as the form holds them; null means "the generator's default". */
export interface GeneratorValues {
  rows: number | null;
  noise: number | null;
  seed: number | null;
  /** Gaussian blobs only. */
  classes: number | null;
}
