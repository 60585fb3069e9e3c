/**
 * The JSON-editor page: takes the host's messages, keeps the page's state (pageState.ts), lays the page out and
 * renders its sections (render/), drives the editor (editorSetup.ts), and sends the user's edits (debounced),
 * submits and commands back. Talks to the host only through the typed, validated messages of ../../protocol.ts.
 */
import { redo, undo } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { EditorIssue } from '../../../jsonEditing/editorModel';
import type { HostMessage, InitMessage, SetTextMessage, WebviewMessage } from '../../protocol';
import { canRedo, canUndo, editorExtensions, setEditable } from './editorSetup';
import { setHostIssues } from './hostIssues';
import { rangeForPath } from './jsonPathRange';
import { acceptAnalysis, createPageState, initTouched, isDirty, markedIssues, uiText, type PageState } from './pageState';
import { formatJsonText } from './presentation';
import { fieldValues, renderFields, setFieldValues } from './render/fields';
import { layout } from './render/layout';
import { clearTransientNotices, renderBanner } from './render/notices';
import { createElements, type PageContext, type PageElements } from './render/pageContext';
import { renderPreview } from './render/preview';
import { renderProblems } from './render/problems';
import { renderResult } from './render/result';

/** What the page needs of the webview (acquireVsCodeApi) and its document. */
export interface PageHost {
  post(message: WebviewMessage): void;
  /** Kept by VS Code for the panel's serializer (revival, text, fields). */
  saveState(state: unknown): void;
  nonce: string;
  /** When the page's script started (ms since navigation). */
  scriptStarted: number;
}

/** Milliseconds of quiet typing before the draft goes to the host. */
const CHANGE_DELAY_MS = 150;

export class JsonEditorPage {
  private readonly state: PageState = createPageState();
  private readonly el: PageElements;
  private readonly ctx: PageContext;
  private view: EditorView | undefined;

  constructor(private readonly host: PageHost, app: HTMLElement) {
    this.el = createElements(app);
    this.ctx = {
      state: this.state,
      el: this.el,
      t: (key) => uiText(this.state, key),
      runAction: (id) => {
        if (!this.state.busy) {
          this.flushChange();
          this.host.post({ type: 'action', id });
        }
      },
      command: (type) => this.command(type),
      goTo: (issue) => this.goTo(issue),
      focusEditor: () => this.view?.focus(),
      setStatus: (text) => {
        this.el.statusLine.textContent = text;
      },
    };
  }

  onMessage(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.onInit(message);
        return;
      case 'setText':
        this.onSetText(message);
        return;
      case 'analysis':
        if (!acceptAnalysis(this.state, message)) {
          return;
        }
        this.showIssues();
        renderPreview(this.ctx, message.preview);
        this.el.buttons?.apply.setAttribute('aria-describedby', 'problems-heading');
        return;
      case 'busy':
        this.setBusy(message.busy, message.label);
        return;
      case 'submitResult':
        // A result ends the submit the page started, also one the host answered without sending anything.
        if (this.state.busy) {
          this.setBusy(false);
        }
        renderResult(this.ctx, message, () => this.showIssues());
        return;
    }
  }

  /** Sends a change still waiting for its debounce (the page is going away: hidden panel, reload). */
  flushPending(): void {
    if (this.state.changeTimer) {
      this.flushChange();
    }
  }

  private onInit(message: InitMessage): void {
    const started = performance.now();
    const { state, el } = this;
    state.init = message;
    state.strings = message.strings;
    state.pristineText = message.pristineText;
    layout(this.ctx, message, {
      submit: () => this.submit(),
      undo: () => this.withView((view) => undo(view)),
      redo: () => this.withView((view) => redo(view)),
      format: () => {
        if (!state.busy) {
          this.format();
        }
        this.view?.focus();
      },
    });
    initTouched(state, message.text, Object.fromEntries(message.fields.map((f) => [f.id, f.value])));
    renderFields(this.ctx, message, (id) => {
      state.touched.fields.add(id);
      clearTransientNotices(this.ctx);
      this.scheduleChange();
    }, (id) => {
      if (!state.touched.fields.has(id)) {
        state.touched.fields.add(id);
        this.showIssues();
      }
    });
    renderBanner(this.ctx, message.banner);
    el.baseLabel.textContent = `${this.ctx.t('basedOn')} ${message.baseLabel}`;
    this.view?.destroy();
    this.view = new EditorView({
      parent: el.editorHost,
      state: EditorState.create({
        doc: message.text,
        extensions: editorExtensions(message.schema, {
          nonce: this.host.nonce,
          label: this.ctx.t('editorLabel'),
          editable: !state.busy,
          format: (view) => this.format(view),
          submit: () => this.submit(),
          edited: () => {
            if (!state.applyingText) {
              state.serviceIssues = [];
              state.touched.draft = true;
              clearTransientNotices(this.ctx);
              this.scheduleChange();
            }
          },
          historyChanged: () => this.updateUndoRedo(),
        }),
      }),
    });
    this.updateDirty();
    this.updateUndoRedo();
    renderProblems(this.ctx);
    this.saveState();
    el.app.setAttribute('aria-busy', 'false');
    requestAnimationFrame(() => this.host.post({ type: 'editorReady', ms: performance.now() - started, scriptMs: this.host.scriptStarted, pageMs: performance.now() }));
  }

  private onSetText(message: SetTextMessage): void {
    if (message.pristineText !== undefined) {
      this.state.pristineText = message.pristineText;
    }
    if (message.baseLabel !== undefined) {
      this.el.baseLabel.textContent = `${this.ctx.t('basedOn')} ${message.baseLabel}`;
    }
    if (message.banner !== undefined) {
      renderBanner(this.ctx, message.banner);
    }
    if (message.fields) {
      setFieldValues(this.ctx, message.fields);
    }
    if (this.view && this.view.state.doc.toString() !== message.text) {
      this.replaceText(message.text);
    }
    this.state.serviceIssues = [];
    this.updateDirty();
    this.saveState();
  }

  /** The issues as the page shows them now (touched state, service issues): the editor's marks and the list. */
  private showIssues(): void {
    this.view?.dispatch({ effects: setHostIssues.of(markedIssues(this.state)) });
    renderProblems(this.ctx);
  }

  private withView(run: (view: EditorView) => void): void {
    if (this.view) {
      run(this.view);
      this.view.focus();
    }
  }

  /** Formats the draft (Shift+Alt+F); a draft that does not parse stays as it is, and the status says why. */
  private format(target: EditorView | undefined = this.view): boolean {
    if (!target) {
      return false;
    }
    const text = target.state.doc.toString();
    const formatted = formatJsonText(text);
    if (formatted === undefined) {
      this.ctx.setStatus(this.ctx.t('formatFailed'));
    } else if (formatted !== text) {
      target.dispatch({ changes: { from: 0, to: target.state.doc.length, insert: formatted }, userEvent: 'format' });
    }
    // Formatted lines are short: show them from their start (also after CodeMirror's own scroll to the cursor).
    target.scrollDOM.scrollLeft = 0;
    requestAnimationFrame(() => {
      target.scrollDOM.scrollLeft = 0;
    });
    return true;
  }

  private submit(): boolean {
    if (!this.view || this.state.busy) {
      return true;
    }
    this.flushChange();
    if (!this.state.touched.submitted) {
      // Create (or Apply) shows every problem, touched or not.
      this.state.touched.submitted = true;
      this.showIssues();
    }
    // Busy at once (not only when the host says so): no second submit, and no edits while this one is sent.
    this.setBusy(true);
    this.host.post({ type: 'submit', text: this.view.state.doc.toString(), fields: fieldValues(this.ctx) });
    return true;
  }

  /** Sends a command after the pending draft change, so the host acts on the text as it is now. */
  private command(type: 'discard' | 'reload' | 'rebase'): void {
    if (this.state.busy) {
      return;
    }
    this.flushChange();
    this.host.post({ type });
  }

  private setBusy(value: boolean, label?: string): void {
    this.state.busy = value;
    const { el } = this;
    if (el.buttons) {
      el.buttons.apply.disabled = value;
      el.buttons.discard.disabled = value;
      el.buttons.reload.disabled = value;
    }
    for (const b of el.app.querySelectorAll<HTMLButtonElement>('.banner-box button, .conflict button, .result button')) {
      b.disabled = value;
    }
    for (const f of el.fieldInputs.values()) {
      f.input.readOnly = value;
    }
    if (this.view) {
      setEditable(this.view, !value);
    }
    el.app.setAttribute('aria-busy', String(value));
    this.ctx.setStatus(value ? (label ?? this.ctx.t('working')) : '');
  }

  private goTo(issue: EditorIssue): void {
    if (issue.field) {
      this.el.fieldInputs.get(issue.field)?.input.focus();
      return;
    }
    if (!this.view) {
      return;
    }
    const { from, to } = rangeForPath(this.view.state, issue.path);
    this.view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    this.view.focus();
  }

  /** Puts the host's text into the editor (not an edit of the user: nothing is sent back). */
  private replaceText(text: string): void {
    const view = this.view!;
    this.state.applyingText = true;
    try {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    } finally {
      this.state.applyingText = false;
    }
  }

  /** The draft's text is not kept here (VS Code stores webview state in plain text): the host's draft store keeps it, with secrets apart. */
  private saveState(): void {
    this.host.saveState({ revival: this.state.init?.revival, fields: fieldValues(this.ctx) });
  }

  private scheduleChange(): void {
    this.saveState();
    this.updateDirty();
    if (this.state.changeTimer) {
      clearTimeout(this.state.changeTimer);
    }
    this.state.changeTimer = setTimeout(() => this.flushChange(), CHANGE_DELAY_MS);
  }

  private flushChange(): void {
    if (this.state.changeTimer) {
      clearTimeout(this.state.changeTimer);
      this.state.changeTimer = undefined;
    }
    if (this.view && !this.state.busy) {
      this.host.post({ type: 'draftChanged', seq: ++this.state.seq, text: this.view.state.doc.toString(), fields: fieldValues(this.ctx) });
    }
  }

  private updateDirty(): void {
    const dirty = isDirty(this.state, this.view?.state.doc.toString());
    this.el.dirtyLabel.textContent = dirty ? this.ctx.t('dirty') : this.ctx.t('clean');
    this.el.dirtyLabel.classList.toggle('dirty', dirty);
  }

  private updateUndoRedo(): void {
    if (!this.view || !this.el.buttons) {
      return;
    }
    this.el.buttons.undo.disabled = !canUndo(this.view);
    this.el.buttons.redo.disabled = !canRedo(this.view);
  }
}
