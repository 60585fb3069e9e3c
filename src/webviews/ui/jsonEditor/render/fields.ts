import type { InitMessage } from '../../../protocol';
import { h } from '../dom';
import type { PageContext } from './pageContext';

/** The extra single-line fields above the editor (e.g. the name of a new definition), each with its message. */
/** `onInput` on every change of a field, `onLeave` when the focus leaves it (both make it touched). */
export function renderFields(ctx: PageContext, message: InitMessage, onInput: (id: string) => void, onLeave: (id: string) => void): void {
  const { fieldsBox, fieldInputs } = ctx.el;
  fieldsBox.replaceChildren();
  fieldInputs.clear();
  for (const field of message.fields) {
    const id = `field-${field.id}`;
    const input = h('input', { id, type: 'text', value: field.value, placeholder: field.placeholder, 'aria-describedby': `${id}-message ${id}-description`, spellcheck: 'false' });
    input.value = field.value;
    const messageEl = h('span', { id: `${id}-message`, class: 'field-message', 'aria-live': 'polite' });
    input.addEventListener('input', () => onInput(field.id));
    input.addEventListener('blur', () => onLeave(field.id));
    fieldsBox.append(h('div', { class: 'field' },
      h('label', { for: id }, field.label),
      input,
      field.description ? h('span', { id: `${id}-description`, class: 'field-description' }, field.description) : undefined,
      messageEl,
    ));
    fieldInputs.set(field.id, { input, message: messageEl });
  }
  fieldsBox.hidden = message.fields.length === 0;
}

/** The fields' values as the user typed them. */
export function fieldValues(ctx: PageContext): Record<string, string> {
  return Object.fromEntries([...ctx.el.fieldInputs].map(([id, f]) => [id, f.input.value]));
}

/** Puts the host's values into the fields. */
export function setFieldValues(ctx: PageContext, values: Record<string, string>): void {
  for (const [id, value] of Object.entries(values)) {
    const f = ctx.el.fieldInputs.get(id);
    if (f) {
      f.input.value = value;
    }
  }
}
