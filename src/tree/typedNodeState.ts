/**
 * Which node state a person typed into a node picker: its words in the display language ("start task failed",
 * "Running") or its REST value ("starttaskfailed"), in any case, with any spacing around and between the words.
 * Pure (no `vscode`): the words come from `readableNodeState` (through `l10n.t`).
 */
import { NODE_STATES } from './nodeState';
import { readableNodeState, type NodeStateValue } from './rowText';

function normalize(text: string, locale: string): string {
  const spaced = text.trim().replace(/\s+/g, ' ');
  try {
    return spaced.toLocaleLowerCase(locale);
  } catch {
    return spaced.toLowerCase();
  }
}

/**
 * The REST value of the state `text` names, or undefined when it names none (ids, IPs, part of a word). `among`
 * limits the answer to these states (e.g. a picker that lists idle and running nodes only); empty = any state.
 */
export function typedNodeState(text: string, locale = 'en', among: readonly string[] = []): NodeStateValue | undefined {
  const typed = normalize(text, locale);
  if (typed === '') {
    return undefined;
  }
  const state = NODE_STATES.find((s) => s === typed || normalize(readableNodeState(s), locale) === typed);
  return state && (among.length === 0 || among.includes(state)) ? state : undefined;
}
