import * as assert from 'node:assert/strict';
import { notificationText } from '../../../src/utils/notificationText';
import { contentSecurityPolicy } from '../../../src/webviews/csp';
import { messageTypeOf } from '../../../src/webviews/messageType';

/** VS Code's notification link pattern (src/vs/base/common/linkedText.ts). */
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('faults item 13: webview CSP, malformed messages, service text in notifications', () => {
  it('the CSP forbids <base> and form submissions', () => {
    const directives = contentSecurityPolicy('vscode-webview://x', 'abc').split('; ');
    assert.ok(directives.includes("base-uri 'none'"), directives.join('; '));
    assert.ok(directives.includes("form-action 'none'"));
    assert.ok(directives.includes("default-src 'none'"));
  });

  it('a malformed message is logged by its type only, never its content', () => {
    const draft = { type: 'draftChanged', seq: 'x', text: '{"startTask":{"environmentSettings":[{"name":"TOKEN","value":"s3cret"}]}}' };
    assert.equal(messageTypeOf(draft), '"draftChanged"');
    assert.doesNotMatch(messageTypeOf(draft), /s3cret/);
    assert.equal(messageTypeOf({ type: 'x'.repeat(100) }), JSON.stringify('x'.repeat(40)));
    assert.equal(messageTypeOf({ text: 'secret' }), 'no type (undefined)');
    assert.equal(messageTypeOf('secret text'), 'string');
    assert.equal(messageTypeOf(null), 'null');
    assert.equal(messageTypeOf([1]), 'array');
  });

  it('service text cannot plant a command link in a notification', () => {
    const service = 'Pool failed: BadRequest: see [Fix it](command:workbench.action.terminal.sendSequence?%7B%7D) or [docs] (https://x) or [a]\n(file:///etc/passwd)';
    const shown = notificationText(`Edit Pool Properties failed: ${service}`);
    assert.equal(shown.match(LINK), null, shown);
    assert.ok(service.match(LINK), 'the pattern does find the link before escaping');
    assert.match(shown, /\[Fix it\] \(command:/, 'the text stays readable');
    assert.equal(notificationText('Nothing special (HTTP 400) [x]'), 'Nothing special (HTTP 400) [x]');
  });
});
