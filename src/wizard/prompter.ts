/**
 * What the wizard needs from a terminal: a few kinds of question, each with a
 * default and (where the answer is free text) a check that runs as the answer is
 * given. The real implementation is Inquirer (inquirer-prompter.ts); tests script
 * the answers (scripted-prompter.ts). Every question has a stable `id` (like
 * `regions[0].egress.cidr`) so a script can answer it by name, not by position.
 */

/** `true` when the answer is acceptable, or the message that says why not. */
export type Check<T> = (value: T) => true | string;

interface Question {
  /** Stable identifier of the question, for scripts and transcripts. */
  readonly id: string;
  readonly message: string;
}

export interface InputQuestion extends Question {
  readonly default: string;
  readonly validate?: Check<string>;
}

export interface NumberQuestion extends Question {
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly validate?: Check<number>;
}

export interface Choice<T> {
  readonly value: T;
  /** What the list shows; the value's text when absent. */
  readonly name?: string;
  /** Shown under the list while the choice is highlighted. */
  readonly description?: string;
  /** Shown as the answer once chosen; `name` when absent. */
  readonly short?: string;
}

export interface SelectQuestion<T> extends Question {
  readonly choices: readonly Choice<T>[];
  readonly default: T;
}

export interface ConfirmQuestion extends Question {
  readonly default: boolean;
}

export interface CheckboxQuestion<T> extends Question {
  readonly choices: readonly (Choice<T> & { readonly checked?: boolean })[];
  readonly validate?: Check<readonly T[]>;
}

export type NoteKind = 'heading' | 'help';

export interface Prompter {
  input(question: InputQuestion): Promise<string>;
  number(question: NumberQuestion): Promise<number>;
  select<T>(question: SelectQuestion<T>): Promise<T>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
  /** The checked values, in the order of `choices`. */
  checkbox<T>(question: CheckboxQuestion<T>): Promise<T[]>;
  /** A line between questions: a section heading, or a short help line (why AZ IDs, ...). */
  note(text: string, kind?: NoteKind): void;
}

/**
 * The user pressed Ctrl-C at a prompt. Inquirer throws its own `ExitPromptError`;
 * the scripted prompter throws one of the same name, so both are recognized here.
 */
export function isPromptExit(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}

export class PromptExit extends Error {
  constructor() {
    super('User force closed the prompt with SIGINT');
    this.name = 'ExitPromptError';
  }
}
