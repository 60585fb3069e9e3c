import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * A static check over src/: text that reaches the user (notifications, quick picks, input boxes, tree rows, progress,
 * errors shown with actions) must come from `l10n.t` (vscode.l10n.t, or src/utils/l10n.ts in vscode-free modules).
 * It finds string literals and template literals with English words in those places. What must stay literal (REST
 * values, identifiers) is allowed below, one entry per file and text, with the reason.
 */
const root = path.resolve(__dirname, '..', '..', '..');

/** Calls whose string arguments reach the user. */
const SHOWN_CALLS = /^(showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage|createOutputChannel)$/;
/** Properties of quick-pick items, input boxes, tree items, progress and commands that the user reads. */
const SHOWN_PROPERTIES = /^(label|description|detail|title|placeHolder|placeholder|prompt|tooltip|message|validationMessage|ariaLabel|accessibilityInformation)$/;
/** Constructors whose first argument is shown: tree rows, and errors the command wrapper shows as they are. */
const SHOWN_CONSTRUCTORS = /^(TreeItem|ActionableError|MarkdownString|ActionItem|ErrorItem|EmptyItem|GroupItem)$/;

/** Literals that stay as they are, with why: `relative path: exact text`. */
const ALLOWED = new Map<string, string>([
  // The invisible root of the tree view: never drawn.
  ['src/tree/rootItems.ts: root', 'the invisible root row'],
  // The translator that vscode-free modules use: vscode.l10n.t itself, plugged in at activation.
  ['src/extension.ts: vscode.l10n.t(message, ...args)', 'the translator of src/utils/l10n.ts'],
  // REST option values are labels exactly as the service spells them (the issue names them as the quick-pick labels).
  ['src/nodeActions/nodeActionOptions.ts: requeue', 'REST option value'],
  ['src/nodeActions/nodeActionOptions.ts: terminate', 'REST option value'],
  ['src/nodeActions/nodeActionOptions.ts: taskcompletion', 'REST option value'],
  ['src/nodeActions/nodeActionOptions.ts: retaineddata', 'REST option value'],
  // An example URL: the same in every language.
  ['src/commands/accountCommands.ts: https://myaccount.westeurope.batch.azure.com', 'example URL'],
  // The HTTP layer's own errors take the place of a service error (code + message, both English like Azure's own
  // messages); what the user reads around them ("Could not …: {0}") is localized.
  ['src/azure/errors/specificErrors.ts: The request was cancelled', 'client-side error message next to its code'],
  ['src/azure/errors/specificErrors.ts: Credentials are only sent over https (plain http is allowed for loopback hosts only); use an https:// endpoint', 'client-side error message next to its code'],
  ['src/azure/errors/specificErrors.ts: The service returned a link to another origin than ${}; it was not followed', 'client-side error message next to its code'],
  ['src/azure/http/azureHttpClient.ts: Unsupported URL scheme ${}', 'client-side error message next to its code'],
  ['src/azure/http/azureHttpClient.ts: The response body is not valid JSON', 'client-side error message next to its code'],
  ['src/azure/http/longRunningOperation.ts: The operation did not finish in time', 'client-side error message next to its code'],
  ['src/azure/http/longRunningOperation.ts: The operation ended ${}', 'client-side error message next to its code'],
]);

/** Text with a word in it (two letters or more): a literal without words (" · ", "?", "") is punctuation. */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // The webview pages run in the browser and get every text from their host (protocol.ts `strings`).
      return entry.name === 'ui' && dir.endsWith('webviews') ? [] : sourceFiles(full);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The literal texts an expression shows (template holes as "${}"): a string or template literal, either side of
 * `+`, `??`, `||` and `? :`, and the elements of an array that is joined. A call (l10n.t, a helper) hides its literals.
 */
function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return [node.text];
  }
  if (ts.isTemplateExpression(node)) {
    const text = [node.head.text, ...node.templateSpans.map((span) => `\${}${span.literal.text}`)].join('');
    return [text, ...node.templateSpans.flatMap((span) => literalTexts(span.expression))];
  }
  if (ts.isParenthesizedExpression(node)) {
    return literalTexts(node.expression);
  }
  if (ts.isConditionalExpression(node)) {
    return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  }
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    return [...literalTexts(node.left), ...literalTexts(node.right)];
  }
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.flatMap(literalTexts);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^(join|filter)$/.test(node.expression.name.text)) {
    return literalTexts(node.expression.expression);
  }
  return [];
}

function calleeName(expression: ts.Expression): string {
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : ts.isIdentifier(expression) ? expression.text : '';
}

/** `l10n.t` or `vscode.l10n.t`. */
function isL10nT(expression: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expression) && expression.name.text === 't' &&
    ((ts.isIdentifier(expression.expression) && expression.expression.text === 'l10n') ||
      (ts.isPropertyAccessExpression(expression.expression) && expression.expression.name.text === 'l10n'));
}

export interface Finding {
  file: string;
  line: number;
  text: string;
  where: string;
}

/** Every literal with words that reaches the user without `l10n.t`, in one TypeScript source. */
export function findUnlocalized(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const report = (node: ts.Node, where: string) => {
    for (const text of literalTexts(node).filter((t) => hasWords(t.replace(/\$\{\}/g, '')))) {
      findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text, where });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && SHOWN_CALLS.test(calleeName(node.expression))) {
      node.arguments.forEach((arg) => (ts.isObjectLiteralExpression(arg) ? undefined : report(arg, calleeName(node.expression))));
    }
    if (ts.isCallExpression(node) && isL10nT(node.expression)) {
      const [key] = node.arguments;
      const literal = key && (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) || (ts.isObjectLiteralExpression(key) &&
        key.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'message' && ts.isStringLiteral(p.initializer))));
      if (!literal) {
        findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: node.getText(sf), where: 'l10n.t with a computed key (the exporter cannot see it)' });
      }
    }
    if (ts.isNewExpression(node) && SHOWN_CONSTRUCTORS.test(calleeName(node.expression)) && node.arguments?.length) {
      const shown = calleeName(node.expression) === 'ActionItem' || calleeName(node.expression) === 'GroupItem' ? node.arguments[2] : node.arguments[0];
      if (shown) {
        report(shown, `new ${calleeName(node.expression)}`);
      }
    }
    if (ts.isPropertyAssignment(node) && SHOWN_PROPERTIES.test(node.name.getText(sf))) {
      report(node.initializer, node.name.getText(sf));
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) && SHOWN_PROPERTIES.test(node.left.name.text)) {
      report(node.right, `.${node.left.name.text} =`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

describe('localization: no user-facing text bypasses l10n', () => {
  it('finds a literal shown without l10n.t (the check can fail)', () => {
    const sample = [
      "vscode.window.showErrorMessage('Could not reimage the node.');",
      'vscode.window.showWarningMessage(`Pool ${id} is busy`, showLog);',
      "quickPick.title = 'Reimage: what happens?';",
      "const item = new vscode.TreeItem('Batch Accounts');",
      "items.push({ label: 'requeue', description: 'Terminate running tasks' });",
      "vscode.window.showInformationMessage(vscode.l10n.t('Done: {0}', n));",
      "const row = { label: node.id ?? '?', description: [a, b].join(' · ') };",
      "const kind = { detail: [size, dedicated ? 'dedicated' : 'spot'].filter(Boolean).join(' · ') };",
      'const effect = vscode.l10n.t(EFFECTS[option]);',
    ].join('\n');
    const found = findUnlocalized('sample.ts', sample).map((f) => f.text);
    assert.deepEqual(found, ['Could not reimage the node.', 'Pool ${} is busy', 'Reimage: what happens?', 'Batch Accounts', 'requeue', 'Terminate running tasks',
      'dedicated', 'spot', 'vscode.l10n.t(EFFECTS[option])']);
  });

  it('every text under src/ that reaches the user goes through l10n.t (allowed literals listed with a reason)', () => {
    const findings = sourceFiles(path.join(root, 'src')).flatMap((file) =>
      findUnlocalized(path.relative(root, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')));
    const unexplained = findings.filter((f) => !ALLOWED.has(`${f.file}: ${f.text}`));
    assert.deepEqual(unexplained.map((f) => `${f.file}:${f.line} ${f.where}: ${JSON.stringify(f.text)}`), []);
    const used = new Set(findings.map((f) => `${f.file}: ${f.text}`));
    assert.deepEqual([...ALLOWED.keys()].filter((k) => !used.has(k)), [], 'allow-list entries that no longer match anything');
  });
});
