/**
 * A Prompter that answers from a script, for tests and for driving the wizard
 * from code. Answers are keyed by question id; a question without an answer gets
 * its default (as pressing Enter does). An answer refused by the question's check
 * is recorded and the next scripted attempt is tried, as a person would retype.
 */
import { PromptExit, type CheckboxQuestion, type ConfirmQuestion, type InputQuestion, type NoteKind, type NumberQuestion, type Prompter, type SelectQuestion } from './prompter';

/** Press Enter: take the default. */
export const DEFAULT: unique symbol = Symbol('default');
/** Press Ctrl-C. */
export const CTRL_C: unique symbol = Symbol('ctrl-c');

export type ScriptedAnswer = string | number | boolean | readonly unknown[] | typeof DEFAULT | typeof CTRL_C;

/** Several answers to one question id, used in turn: a refused one and its correction, or answers for each time it is asked. */
export class Attempts {
  constructor(readonly answers: readonly ScriptedAnswer[]) {}
}

export function attempts(...answers: ScriptedAnswer[]): Attempts {
  return new Attempts(answers);
}

export type Script = Readonly<Record<string, ScriptedAnswer | Attempts>>;

export interface AskedQuestion {
  readonly id: string;
  readonly kind: 'input' | 'number' | 'select' | 'confirm' | 'checkbox';
  readonly message: string;
  readonly default: unknown;
  /** Answers the check refused, with its message. */
  readonly refused: { readonly value: unknown; readonly message: string }[];
  answer?: unknown;
}

export interface ScriptedPrompterOptions {
  /** Throw when a question has no scripted answer (instead of taking its default). */
  readonly strict?: boolean;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: AskedQuestion[] = [];
  readonly notes: { readonly text: string; readonly kind: NoteKind }[] = [];
  private readonly queues = new Map<string, ScriptedAnswer[]>();

  constructor(
    script: Script = {},
    private readonly options: ScriptedPrompterOptions = {},
  ) {
    for (const [id, answer] of Object.entries(script)) this.queues.set(id, answer instanceof Attempts ? [...answer.answers] : [answer]);
  }

  /** Every refusal, across all questions. */
  get refusals(): { id: string; value: unknown; message: string }[] {
    return this.asked.flatMap((q) => q.refused.map((r) => ({ id: q.id, ...r })));
  }

  /** Question ids that were scripted but never asked (a script typo, or a flow change). */
  get unused(): string[] {
    return [...this.queues.entries()].filter(([, queue]) => queue.length > 0).map(([id]) => id);
  }

  async input(q: InputQuestion): Promise<string> {
    return this.ask(q, 'input', q.default, (raw) => {
      if (typeof raw !== 'string') throw new Error(`scripted answer to ${q.id} must be a string, got ${JSON.stringify(raw)}`);
      return raw.trim() === '' ? q.default : raw.trim();
    }, q.validate);
  }

  async number(q: NumberQuestion): Promise<number> {
    return this.ask(q, 'number', q.default, (raw) => {
      if (typeof raw !== 'number') throw new Error(`scripted answer to ${q.id} must be a number, got ${JSON.stringify(raw)}`);
      return raw;
    }, (value) => {
      if (!Number.isInteger(value)) return 'enter a whole number';
      if (q.min !== undefined && value < q.min) return `must be at least ${q.min}`;
      if (q.max !== undefined && value > q.max) return `must be at most ${q.max}`;
      return q.validate ? q.validate(value) : true;
    });
  }

  async select<T>(q: SelectQuestion<T>): Promise<T> {
    return this.ask(q, 'select', q.default, (raw) => {
      const choice = q.choices.find((c) => c.value === raw);
      if (!choice) throw new Error(`scripted answer to ${q.id} is not a choice: ${JSON.stringify(raw)} (choices: ${q.choices.map((c) => JSON.stringify(c.value)).join(', ')})`);
      return choice.value;
    });
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    return this.ask(q, 'confirm', q.default, (raw) => {
      if (typeof raw !== 'boolean') throw new Error(`scripted answer to ${q.id} must be a boolean, got ${JSON.stringify(raw)}`);
      return raw;
    });
  }

  async checkbox<T>(q: CheckboxQuestion<T>): Promise<T[]> {
    const checked = q.choices.filter((c) => c.checked).map((c) => c.value);
    return this.ask(q, 'checkbox', checked, (raw) => {
      if (!Array.isArray(raw)) throw new Error(`scripted answer to ${q.id} must be an array, got ${JSON.stringify(raw)}`);
      for (const value of raw) {
        if (!q.choices.some((c) => c.value === value)) throw new Error(`scripted answer to ${q.id} has ${JSON.stringify(value)}, not a choice`);
      }
      // As Inquirer returns them: in the order of the choices.
      return q.choices.filter((c) => raw.includes(c.value)).map((c) => c.value);
    }, q.validate);
  }

  note(text: string, kind: NoteKind = 'help'): void {
    this.notes.push({ text, kind });
  }

  private async ask<T>(
    q: { id: string; message: string },
    kind: AskedQuestion['kind'],
    defaultValue: T,
    parse: (raw: unknown) => T,
    validate?: (value: T) => true | string,
  ): Promise<T> {
    const asked: AskedQuestion = { id: q.id, kind, message: q.message, default: defaultValue, refused: [] };
    this.asked.push(asked);
    const queue = this.queues.get(q.id);
    if (!queue && this.options.strict) throw new Error(`no scripted answer for ${q.id} (${q.message})`);
    for (;;) {
      const raw = queue && queue.length > 0 ? queue.shift()! : DEFAULT;
      if (raw === CTRL_C) throw new PromptExit();
      const value = raw === DEFAULT ? defaultValue : parse(raw);
      const verdict = validate ? validate(value) : true;
      if (verdict === true) {
        asked.answer = value;
        return value;
      }
      asked.refused.push({ value, message: verdict });
      if (raw === DEFAULT && !(queue && queue.length > 0)) {
        throw new Error(`the default of ${q.id} (${JSON.stringify(defaultValue)}) is refused and the script has no other answer: ${verdict}`);
      }
    }
  }
}
