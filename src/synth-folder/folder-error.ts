import { formatPath, formatValue, type JsonPath } from '../blueprint/problems';
import { UserError } from '../util/errors';

/**
 * A synthesized folder that cannot be read as the network it claims to be: bad
 * input, never a defect. The message names the file, the JSON path and the value,
 * as blueprint problems do.
 */
export class FolderError extends UserError {
  constructor(
    readonly file: string,
    readonly jsonPath: JsonPath,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${file}: ${formatPath(jsonPath)}${value === undefined ? '' : ` = ${formatValue(value)}`}: ${reason}`);
    this.name = 'FolderError';
  }
}
