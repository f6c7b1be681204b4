/**
 * The Prompter on a real terminal, through Inquirer.js. Ctrl-C makes Inquirer
 * throw its ExitPromptError, which `isPromptExit` recognizes.
 */
import type { CheckboxQuestion, ConfirmQuestion, InputQuestion, NoteKind, NumberQuestion, Prompter, SelectQuestion } from './prompter';

type Inquirer = typeof import('@inquirer/prompts');

export interface InquirerPrompterOptions {
  /** Where notes go; prompts use Inquirer's own (stdout). */
  readonly output?: NodeJS.WriteStream;
}

export class InquirerPrompter implements Prompter {
  private inquirer?: Inquirer;
  private readonly output: NodeJS.WriteStream;

  constructor(options: InquirerPrompterOptions = {}) {
    this.output = options.output ?? process.stdout;
  }

  private async prompts(): Promise<Inquirer> {
    // Loaded on the first question only: --yes and every other command never pay for it.
    this.inquirer ??= await import('@inquirer/prompts');
    return this.inquirer;
  }

  async input(q: InputQuestion): Promise<string> {
    const { input } = await this.prompts();
    const answer = await input({ message: q.message, default: q.default, validate: (value) => (q.validate ? q.validate(value.trim()) : true) });
    return answer.trim();
  }

  async number(q: NumberQuestion): Promise<number> {
    const { number } = await this.prompts();
    return number({
      message: q.message,
      default: q.default,
      required: true,
      step: 1,
      ...(q.min !== undefined ? { min: q.min } : {}),
      ...(q.max !== undefined ? { max: q.max } : {}),
      validate: (value: number) => (q.validate ? q.validate(value) : true),
    });
  }

  async select<T>(q: SelectQuestion<T>): Promise<T> {
    const { select } = await this.prompts();
    return select<T>({
      message: q.message,
      choices: q.choices.map((c) => ({
        value: c.value,
        name: c.name ?? String(c.value),
        ...(c.short ? { short: c.short } : {}),
        ...(c.description ? { description: c.description } : {}),
      })),
      default: q.default,
      pageSize: 12,
    });
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    const { confirm } = await this.prompts();
    return confirm({ message: q.message, default: q.default });
  }

  async checkbox<T>(q: CheckboxQuestion<T>): Promise<T[]> {
    const { checkbox } = await this.prompts();
    return checkbox<T>({
      message: q.message,
      choices: q.choices.map((c) => ({
        value: c.value,
        name: c.name ?? String(c.value),
        checked: c.checked ?? false,
        ...(c.description ? { description: c.description } : {}),
      })),
      pageSize: 12,
      validate: (chosen) => (q.validate ? q.validate(chosen.map((c) => c.value)) : true),
    });
  }

  note(text: string, kind: NoteKind = 'help'): void {
    const color = this.output.isTTY && !process.env.NO_COLOR;
    if (kind === 'heading') this.output.write(`\n${color ? `\x1b[1m${text}\x1b[22m` : text}\n`);
    else this.output.write(`${color ? `\x1b[2m  ${text}\x1b[22m` : `  ${text}`}\n`);
  }
}
