import * as assert from 'node:assert/strict';
import { collapseOrder, fitRow, iconOnlyTitle } from '../../../src/webviews/ui/jsonEditor/buttonFit';

/**
 * A row as the browser lays it out, in a model: each button is `full` px wide with its text and `icon` px with its
 * icon only, `gap` px apart. `fit(width)` runs fitRow against it, as buttonRow.ts does against the real row.
 */
function modelRow(buttons: { primary: boolean; full: number; icon: number }[], gap = 8) {
  const iconOnly = buttons.map(() => false);
  const changes: string[] = [];
  const contentWidth = () => buttons.reduce((sum, b, i) => sum + (iconOnly[i] ? b.icon : b.full), 0) + gap * (buttons.length - 1);
  return {
    iconOnly,
    changes,
    contentWidth,
    fit(width: number): number[] {
      return fitRow(buttons, (i, value) => {
        if (iconOnly[i] !== value) {
          changes.push(`${i}:${value ? 'icon' : 'text'}`);
        }
        iconOnly[i] = value;
      }, () => contentWidth() > width);
    },
  };
}

// The footer: Apply (primary), Discard draft, Reload.
const footer = () => modelRow([{ primary: true, full: 74, icon: 30 }, { primary: false, full: 118, icon: 30 }, { primary: false, full: 84, icon: 30 }]);

describe('the editors’ button rows: which buttons show their icon only (issue 16, no DOM)', () => {
  it('drops the secondary buttons’ texts first, from the row’s end, and the primary button’s last', () => {
    assert.deepEqual(collapseOrder([{ primary: true }, { primary: false }, { primary: false }]), [2, 1, 0]);
    assert.deepEqual(collapseOrder([{ primary: false }, { primary: true }, { primary: false }]), [2, 0, 1]);
    assert.deepEqual(collapseOrder([{ primary: false }, { primary: false }, { primary: false }]), [2, 1, 0], 'the toolbar: Redo, Undo, Format');
    assert.deepEqual(collapseOrder([]), []);
  });

  it('keeps every text while the row fits, and drops as few as make it fit, one button at a time', () => {
    const row = footer();
    assert.equal(row.contentWidth(), 74 + 118 + 84 + 16);
    assert.deepEqual(row.fit(292), [], 'fits exactly: nothing dropped');
    assert.deepEqual(row.iconOnly, [false, false, false]);
    assert.deepEqual(row.fit(291), [2], 'one pixel short: Reload shows its icon only');
    assert.deepEqual(row.fit(238), [2], 'Reload’s icon is enough');
    assert.deepEqual(row.fit(237), [2, 1], 'then Discard draft');
    assert.deepEqual(row.iconOnly, [false, true, true]);
    assert.deepEqual(row.fit(150), [2, 1], 'Apply keeps its text while it fits beside two icons');
    assert.deepEqual(row.fit(149), [2, 1, 0], 'then Apply too');
    assert.ok(row.contentWidth() <= 149);
  });

  it('gives the texts back when there is room again, and settles: the same width gives the same row, with no change', () => {
    const row = footer();
    row.fit(200);
    assert.deepEqual(row.iconOnly, [false, true, true]);
    row.changes.length = 0;
    assert.deepEqual(row.fit(200), [2, 1]);
    assert.deepEqual(row.iconOnly, [false, true, true]);
    const net = row.changes.reduce<Record<string, string>>((acc, c) => ({ ...acc, [c.split(':')[0]!]: c.split(':')[1]! }), {});
    assert.deepEqual(net, { 1: 'icon', 2: 'icon' }, 'fitting again ends where it started (buttonRow.ts touches the DOM only on a change)');
    assert.deepEqual(row.fit(700), []);
    assert.deepEqual(row.iconOnly, [false, false, false], 'all texts back at 700 px');
  });

  it('shows icons only when even they do not fit (the row then scrolls as before: nothing is lost)', () => {
    const row = footer();
    assert.deepEqual(row.fit(60), [2, 1, 0]);
    assert.deepEqual(row.iconOnly, [true, true, true]);
  });

  it('titles an icon-only button with its text, then its key binding or description', () => {
    assert.equal(iconOnlyTitle('Apply', 'Apply (Ctrl+Enter)'), 'Apply (Ctrl+Enter)');
    assert.equal(iconOnlyTitle('Discard draft', 'Forget your edits and show the current version'), 'Discard draft\nForget your edits and show the current version');
    assert.equal(iconOnlyTitle('Redo', 'Redo'), 'Redo');
    assert.equal(iconOnlyTitle('Reload', undefined), 'Reload');
    assert.equal(iconOnlyTitle('Reload', '  '), 'Reload');
  });
});
