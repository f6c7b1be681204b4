/** The `init` wizard: questions, prompters and the project scaffold. */
export { askBlueprint, NONE } from './flow';
export { runWizard, type WizardResult } from './wizard';
export { isPromptExit, PromptExit, type Prompter } from './prompter';
export { InquirerPrompter } from './inquirer-prompter';
export { ScriptedPrompter, attempts, DEFAULT, CTRL_C, type Script } from './scripted-prompter';
export { renderProject, writeProject, checkTarget, scaffoldFiles } from './scaffold';
export { pinAzSlots } from './pin-layout';
