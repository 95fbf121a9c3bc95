// Grade exports as CSV: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM for Excel, and cells a
// spreadsheet would evaluate defused with a leading apostrophe.
import { describe, expect, test } from 'vitest';
import { csvCell, toCsv } from '@/lib/quiz';

describe('csvCell', () => {
  test.each<[string, string | number | null, string]>([
    ['plain text as is', 'Alice', 'Alice'],
    ['Chinese as is', '张三', '张三'],
    ['null as empty', null, ''],
    ['a number as its digits', 87.5, '87.5'],
    ['a negative number stays a number', -3, '-3'],
    ['a comma is quoted', 'Smith, Jane', '"Smith, Jane"'],
    ['quotes are doubled and quoted', 'the "best"', '"the ""best"""'],
    ['a newline is quoted', 'two\nlines', '"two\nlines"'],
    ['a CR is quoted', 'two\r\nlines', '"two\r\nlines"'],
    ['=1+1 is defused', '=1+1', "'=1+1"],
    ['+ is defused', '+SUM(A1)', "'+SUM(A1)"],
    ['- is defused', '-2+3', "'-2+3"],
    ['@ is defused', '@cmd', "'@cmd"],
    ['a leading tab is defused', '\tx', "'\tx"],
    ['a leading CR is defused and quoted', '\rx', `"'\rx"`],
    [
      'a formula with a comma is defused, then quoted',
      '=HYPERLINK("x","y")',
      `"'=HYPERLINK(""x"",""y"")"`,
    ],
    ['an inner = is harmless', 'a=b', 'a=b'],
  ])('%s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  test('starts with a BOM, separates cells by commas and ends every row with CRLF', () => {
    expect(
      toCsv([
        ['name', 'email', 'Quiz 1'],
        ['Ann', 'ann@example.com', 90],
        ['李四', 'li@example.com', null],
      ]),
    ).toBe('\uFEFFname,email,Quiz 1\r\nAnn,ann@example.com,90\r\n李四,li@example.com,\r\n');
  });

  test('a header with a formula title is defused', () => {
    expect(toCsv([['=cmd|calc', 'b']])).toBe("\uFEFF'=cmd|calc,b\r\n");
  });

  test('an empty table is just the BOM and a line end', () => {
    expect(toCsv([])).toBe('\uFEFF\r\n');
  });
});
