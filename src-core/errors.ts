/**
 * One error class for everything the core rejects. The code names the domain and the problem
 * (`data/...`, `settings/...`, `solver/...`, `model-file/...`); the message names the argument,
 * the value and what was expected, so it can be shown to a user as it is.
 */
export class ConvexNetError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ConvexNetError';
    this.code = code;
  }
}

export function isConvexNetError(value: unknown): value is ConvexNetError {
  return value instanceof ConvexNetError;
}
