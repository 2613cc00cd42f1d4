// The error of a result file that is valid JSON (or CSV) but not a result of its own spec.

/**
 * A result file that is valid JSON but not a result of its own spec. `field` is where, as a path
 * into the file ('runCount', 'runs[3].eta', 'spec'); the message starts with it and says what is
 * wrong, with the value found and the value expected.
 */
export class ResultFileError extends RangeError {
  readonly field: string;
  constructor(field: string, message: string, options?: ErrorOptions) {
    super(`${field}: ${message}`, options);
    this.name = 'ResultFileError';
    this.field = field;
  }
}
