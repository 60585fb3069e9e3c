import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fill, formatDateTime, formatNumber, plural, pluralCategories } from '../../src/utils/format';
import { formatCounts, formatSizes } from '../../src/tree/poolSummary';

const root = path.resolve(__dirname, '..', '..', '..');
const bundle = (locale: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(root, 'l10n', `bundle.l10n.${locale}.json`), 'utf8'));
/** Non-breaking spaces (ru groups digits with U+00A0, dates with U+202F) as plain spaces, to compare. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('localization: numbers, plurals and dates for the display language', () => {
  it('knows each language’s plural categories in CLDR order', () => {
    assert.deepEqual(pluralCategories('en'), ['one', 'other']);
    assert.deepEqual(pluralCategories('ru'), ['one', 'few', 'many', 'other']);
    assert.deepEqual(pluralCategories('zh-cn'), ['other']);
  });

  it('picks Russian forms: 1 запись, 2 записи, 5 записей, 11 записей, 21 запись, 22 записи, 1,5 записи', () => {
    const forms = bundle('ru')['{0} entry loaded|{0} entries loaded'];
    const say = (n: number) => spaces(plural('ru', n, forms, n));
    assert.equal(say(1), 'Загружена 1 запись');
    assert.equal(say(2), 'Загружено 2 записи');
    assert.equal(say(4), 'Загружено 4 записи');
    assert.equal(say(5), 'Загружено 5 записей');
    assert.equal(say(11), 'Загружено 11 записей');
    assert.equal(say(21), 'Загружена 21 запись');
    assert.equal(say(22), 'Загружено 22 записи');
    assert.equal(say(1000), 'Загружено 1 000 записей');
    assert.equal(say(1.5), 'Загружено 1,5 записи');
  });

  it('uses the one Chinese form for every count, and English one/other', () => {
    const zh = bundle('zh-cn')['{0} entry loaded|{0} entries loaded'];
    assert.equal(plural('zh-cn', 1, zh, 1), '已加载 1 个条目');
    assert.equal(plural('zh-cn', 10000, zh, 10000), '已加载 10,000 个条目');
    const en = '{0} node loaded|{0} nodes loaded';
    assert.equal(plural('en', 1, en, 1), '1 node loaded');
    assert.equal(plural('en', 0, en, 0), '0 nodes loaded');
    assert.equal(plural('en', 1234, en, 1234), '1,234 nodes loaded');
  });

  it('falls back to the English forms in a language without a translation (the English text comes back)', () => {
    const en = '{0} node loaded|{0} nodes loaded';
    assert.equal(plural('ja', 1, en, 1), '1 node loaded');
    assert.equal(plural('ja', 3, en, 3), '3 nodes loaded');
    assert.equal(plural('fr', 1, en, 1), '1 node loaded'); // French has one|many|other: 3 forms, the text has 2
    assert.equal(plural('not a locale!', 2, en, 2), '2 nodes loaded');
  });

  it('fills placeholders after picking the form; numbers for the locale, text as it is; unknown indexes stay', () => {
    assert.equal(spaces(fill('{0} of {1}: {2} {3}', 'ru', [12345, 7, 'pool-1'])), '12 345 of 7: pool-1 {3}');
    assert.equal(plural('en', 2, 'Reimage {0} node of pool {1}?|Reimage {0} nodes of pool {1}?', 2, 'a|b'), 'Reimage 2 nodes of pool a|b?');
    assert.equal(spaces(formatNumber(1234567.891, 'ru')), '1 234 567,89');
    assert.equal(formatNumber(1234567, 'zh-cn'), '1,234,567');
  });

  it('formats dates and times for the language; text that is no date stays as it is', () => {
    const when = '2025-11-22T22:22:27.2236818Z';
    assert.equal(formatDateTime(when, 'en', 'UTC'), 'Nov 22, 2025, 10:22:27 PM');
    assert.equal(spaces(formatDateTime(when, 'ru', 'UTC')), '22 нояб. 2025 г., 22:22:27');
    assert.equal(formatDateTime(when, 'zh-cn', 'UTC'), '2025年11月22日 22:22:27');
    assert.equal(formatDateTime('soon', 'ru'), 'soon');
  });

  it('formats the pool row’s sizes and counts for the language (REST state names unchanged)', () => {
    assert.deepEqual(formatSizes({ currentDedicatedNodes: 7000, targetDedicatedNodes: 7000, currentLowPriorityNodes: 3000, targetLowPriorityNodes: 3000 }, 'en'), { dedicated: '7,000/7,000', spot: '3,000/3,000' });
    assert.equal(spaces(formatSizes({ currentDedicatedNodes: 7000, targetDedicatedNodes: 10000 }, 'ru').dedicated), '7 000/10 000');
    assert.equal(spaces(formatCounts({ idle: 9990, running: 10 }, 'ru')), '9 990 idle · 10 running');
  });
});
