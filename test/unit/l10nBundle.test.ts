import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { translationProblems, type Messages } from './l10nChecks';

const root = path.resolve(__dirname, '..', '..', '..');

const readJson = (file: string): Messages => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
/** A plural message holds its forms separated by "|" (src/utils/format.ts); no other English message has one. */
/** A plural key: forms separated by "|", each with its count placeholder (a literal "|" in a sentence is no plural). */
const isPlural = (_key: string, english: string) => english.includes('|') && english.split('|').every((form) => /\{\d+\}/.test(form));

describe('localization bundle', function () {
  this.timeout(60_000);

  it('l10n/bundle.l10n.json holds every string the code passes to l10n.t (run `npm run l10n` after adding one)', function () {
    // The export takes ~12 s of CPU (@vscode/l10n-dev's parser); on a loaded 2-core machine it took over 60 s of wall time.
    this.timeout(240_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'azb-l10n-'));
    execFileSync(process.execPath, [path.join(root, '.ci', 'l10n-export.mjs'), out], { stdio: 'pipe' });
    const fresh = Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'))).sort();
    const committed = Object.keys(readJson('l10n/bundle.l10n.json')).sort();
    fs.rmSync(out, { recursive: true, force: true });
    assert.ok(fresh.length > 300, `the export finds the strings (${fresh.length})`);
    // The vscode-free modules' strings (src/utils/l10n.ts) are exported too, not only vscode.l10n.t's.
    assert.ok(fresh.includes('Must match the schema.') && fresh.includes('Terminate running tasks; they complete with a failureInfo and never run again.'));
    assert.deepEqual(committed, fresh);
  });

  const manifestTranslated = (locale: string) => {
    const english = readJson('package.nls.json');
    assert.ok(Object.keys(english).length >= 56);
    assert.deepEqual(translationProblems(english, readJson(`package.nls.${locale}.json`), { locale }), []);
  };
  const bundleTranslated = (locale: string) => {
    const english = readJson('l10n/bundle.l10n.json');
    assert.deepEqual(translationProblems(english, readJson(`l10n/bundle.l10n.${locale}.json`), { locale, pluralKeys: isPlural }), []);
  };
  // One literal title per locale (the harness counts tests in the sources before running them).
  it('package.nls.zh-cn.json translates every manifest string and keeps placeholders, Markdown, links and REST names', () => manifestTranslated('zh-cn'));
  it('l10n/bundle.l10n.zh-cn.json translates every l10n.t string, with the plural forms of zh-cn', () => bundleTranslated('zh-cn'));
  it('package.nls.ru.json translates every manifest string and keeps placeholders, Markdown, links and REST names', () => manifestTranslated('ru'));
  it('l10n/bundle.l10n.ru.json translates every l10n.t string, with the plural forms of ru', () => bundleTranslated('ru'));

  it('the manifest names every contributed title through package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const english = readJson('package.nls.json');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((key) => !(key in english)), [], 'keys the manifest uses but package.nls.json lacks');
    assert.deepEqual(Object.keys(english).filter((key) => !used.includes(key)), [], 'package.nls.json keys nothing uses');
    const pkg = JSON.parse(manifest) as { contributes: { commands: { title: string }[]; viewsContainers: { activitybar: { title: string }[] } } };
    assert.deepEqual(pkg.contributes.commands.filter((c) => !/^%.+%$/.test(c.title)), [], 'command titles are all %keys%');
    assert.ok(pkg.contributes.viewsContainers.activitybar.every((v) => /^%.+%$/.test(v.title)));
  });

  it('the checks fail on a broken translation: missing or extra key, lost placeholder, codicon, link, REST name, plural form', () => {
    const english: Messages = {
      'Reimage node {0} of pool {1}?': 'Reimage node {0} of pool {1}?',
      '$(check) Use {0}': '$(check) Use {0}',
      welcome: 'Sign in.\n[Sign in…](command:azureBatch.signIn)',
      requeue: 'Terminate running tasks; they complete with a failureInfo.',
      'Set `az login` first.': 'Set `az login` first.',
      '{0} node|{0} nodes': '{0} node|{0} nodes',
      Apply: 'Apply',
    };
    const broken: Messages = {
      'Reimage node {0} of pool {1}?': 'Переустановить образ узла {0}?',
      '$(check) Use {0}': '$(check-all) Использовать {0}',
      welcome: 'Войдите.\n[Войти…](command:azureBatch.signOut)',
      requeue: 'Завершить выполняемые задачи; они завершаются с информацией о сбое.',
      'Set `az login` first.': 'Сначала выполните `az логин`.',
      '{0} node|{0} nodes': '{0} узел|{0} узла|{0} узлов',
      Extra: 'Лишний',
    };
    const problems = translationProblems(english, broken, { locale: 'ru', pluralKeys: isPlural });
    const expect = (pattern: RegExp) => assert.ok(problems.some((p) => pattern.test(p)), `${pattern} in ${problems.join('\n')}`);
    expect(/"Apply": missing/);
    expect(/"Extra": extra key/);
    expect(/"Reimage node \{0\} of pool \{1\}\?": placeholders \{0\} instead of \{0\} \{1\}/);
    expect(/"\$\(check\) Use \{0\}": codicons/);
    expect(/"welcome": link targets/);
    expect(/"requeue": REST names dropped or changed: failureInfo/);
    expect(/code spans/);
    expect(/has 3 plural forms; ru needs 4/);
    assert.deepEqual(translationProblems({ Apply: 'Apply' }, { Apply: 'Apply' }, { locale: 'zh-cn' }), ['zh-cn "Apply": not translated (no zh-cn text)']);
    assert.deepEqual(translationProblems(english, { ...english, '{0} node|{0} nodes': '{0} 个节点', Apply: '应用', welcome: '登录。\n[登录…](command:azureBatch.signIn)', requeue: '终止正在运行的任务；它们以 failureInfo 完成。', 'Reimage node {0} of pool {1}?': '是否重新映像池 {1} 的节点 {0}？', '$(check) Use {0}': '$(check) 使用 {0}', 'Set `az login` first.': '请先运行 `az login`。' }, { locale: 'zh-cn', pluralKeys: isPlural }), []);
  });
});
