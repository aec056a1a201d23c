// Expected strings were produced by the real cliff 4.0 / prettytable 3.6 / PyYAML 6.0 (fixtures/cliff_render.py).
import assert from 'node:assert/strict'

import {render} from '../../../src/output/index.js'
import {F, options} from './helpers.js'

describe('render -f table', () => {
  it('draws a list, numbers right-aligned from the first row', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({})),
      [
        '+--------------------------------------+-------+--------+------+--------+',
        '| ID                                   | Name  | Status | Size | Public |',
        '+--------------------------------------+-------+--------+------+--------+',
        '| 8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e | web-1 | ACTIVE |   10 | True   |',
        '| 1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e | db    | ERROR  |    2 | False  |',
        '| 2b                                   | None  |        |  1.5 | None   |',
        '+--------------------------------------+-------+--------+------+--------+',
        '',
      ].join('\n'),
    )
  })

  it('draws one object as Field and Value', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({})),
      [
        '+-------------+--------------------------------------+',
        '| Field       | Value                                |',
        '+-------------+--------------------------------------+',
        '| id          | 8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e |',
        '| name        | say "hi"                             |',
        '| created_at  | 2026-01-01T12:00:00Z                 |',
        '| updated     | 2026-01-01T12:00:00+0000             |',
        '| is-public   | False                                |',
        '| os:flavor   | yes                                  |',
        '| Size        | 3                                    |',
        '| description | None                                 |',
        '| properties  | a=\'x y\', b=\'2\', n=                   |',
        '| tags        | web, prod                            |',
        '+-------------+--------------------------------------+',
        '',
      ].join('\n'),
    )
  })

  it('prints a blank line for an empty list', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name'], rows: []}, options({})),
      '\n',
    )
  })

  it('prints the header for an empty list with --print-empty', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name'], rows: []}, options({printEmpty: true})),
      [
        '+----+------+',
        '| ID | Name |',
        '+----+------+',
        '+----+------+',
        '',
      ].join('\n'),
    )
  })

  it('spans multi-line cells over several lines', () => {
    assert.equal(
      render({kind: 'list', columns: ['A', 'B'], rows: [['one\ntwo\r\nthree', 'x\ry'], [F(['m'], 'h1\nh2'), 'z']]}, options({})),
      [
        '+-------+-----+',
        '| A     | B   |',
        '+-------+-----+',
        '| one   | x y |',
        '| two   |     |',
        '| three |     |',
        '| h1    | z   |',
        '| h2    |     |',
        '+-------+-----+',
        '',
      ].join('\n'),
    )
  })

  it('aligns a column from its first row only', () => {
    assert.equal(
      render({kind: 'list', columns: ['A', 'B'], rows: [['x', 1], [22, 'long text']]}, options({})),
      [
        '+----+-----------+',
        '| A  |         B |',
        '+----+-----------+',
        '| x  |         1 |',
        '| 22 | long text |',
        '+----+-----------+',
        '',
      ].join('\n'),
    )
  })

  it('measures East Asian wide characters as two columns', () => {
    assert.equal(
      render({kind: 'list', columns: ['Name', 'N'], rows: [['日本語', 1], ['café', 22]]}, options({})),
      [
        '+--------+----+',
        '| Name   |  N |',
        '+--------+----+',
        '| 日本語 |  1 |',
        '| café   | 22 |',
        '+--------+----+',
        '',
      ].join('\n'),
    )
  })

  it('wraps a list to --max-width', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Description', 'N'], rows: [['0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.', 12345], ['x', 'well-known-hyphenated-compound-word-list', 7]]}, options({maxWidth: 60})),
      [
        '+------------------------+-------------------------+-------+',
        '| ID                     | Description             |     N |',
        '+------------------------+-------------------------+-------+',
        '| 0b1e3c1a-8f4e-4d6b-    | Lorem ipsum dolor sit   | 12345 |',
        '| 9a55-0c1a2b3c4d5e      | amet, consectetur       |       |',
        '|                        | adipiscing elit, sed do |       |',
        '|                        | eiusmod tempor          |       |',
        '|                        | incididunt ut labore et |       |',
        '|                        | dolore magna aliqua.    |       |',
        '| x                      | well-known-hyphenated-  |     7 |',
        '|                        | compound-word-list      |       |',
        '+------------------------+-------------------------+-------+',
        '',
      ].join('\n'),
    )
  })

  it('wraps a list to a narrow --max-width, keeping 8 columns at least', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Description', 'N'], rows: [['0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.', 12345], ['x', 'well-known-hyphenated-compound-word-list', 7]]}, options({maxWidth: 20})),
      [
        '+----------+-------------+-------+',
        '| ID       | Description |     N |',
        '+----------+-------------+-------+',
        '| 0b1e3c1a | Lorem ipsum | 12345 |',
        '| -8f4e-   | dolor sit   |       |',
        '| 4d6b-    | amet,       |       |',
        '| 9a55-    | consectetur |       |',
        '| 0c1a2b3c | adipiscing  |       |',
        '| 4d5e     | elit, sed   |       |',
        '|          | do eiusmod  |       |',
        '|          | tempor      |       |',
        '|          | incididunt  |       |',
        '|          | ut labore   |       |',
        '|          | et dolore   |       |',
        '|          | magna       |       |',
        '|          | aliqua.     |       |',
        '| x        | well-known- |     7 |',
        '|          | hyphenated- |       |',
        '|          | compound-   |       |',
        '|          | word-list   |       |',
        '+----------+-------------+-------+',
        '',
      ].join('\n'),
    )
  })

  it('wraps one object to --max-width, keeping 16 columns at least', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'description'], values: ['0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.']}, options({maxWidth: 50})),
      [
        '+-------------+----------------------------------+',
        '| Field       | Value                            |',
        '+-------------+----------------------------------+',
        '| id          | 0b1e3c1a-8f4e-4d6b-9a55-         |',
        '|             | 0c1a2b3c4d5e                     |',
        '| description | Lorem ipsum dolor sit amet,      |',
        '|             | consectetur adipiscing elit, sed |',
        '|             | do eiusmod tempor incididunt ut  |',
        '|             | labore et dolore magna aliqua.   |',
        '+-------------+----------------------------------+',
        '',
      ].join('\n'),
    )
  })

  it('wraps to the terminal with --fit-width', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Description', 'N'], rows: [['0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.', 12345], ['x', 'well-known-hyphenated-compound-word-list', 7]]}, options({fitWidth: true, terminalWidth: 70})),
      [
        '+-----------------------------+------------------------------+-------+',
        '| ID                          | Description                  |     N |',
        '+-----------------------------+------------------------------+-------+',
        '| 0b1e3c1a-8f4e-4d6b-9a55-    | Lorem ipsum dolor sit amet,  | 12345 |',
        '| 0c1a2b3c4d5e                | consectetur adipiscing elit, |       |',
        '|                             | sed do eiusmod tempor        |       |',
        '|                             | incididunt ut labore et      |       |',
        '|                             | dolore magna aliqua.         |       |',
        '| x                           | well-known-hyphenated-       |     7 |',
        '|                             | compound-word-list           |       |',
        '+-----------------------------+------------------------------+-------+',
        '',
      ].join('\n'),
    )
  })

  it('does not wrap with --fit-width when stdout is not a terminal', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Description', 'N'], rows: [['0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.', 12345], ['x', 'well-known-hyphenated-compound-word-list', 7]]}, options({fitWidth: true})),
      [
        '+--------------------------------------+-----------------------------------------------------------------------------------------------------------------------------+-------+',
        '| ID                                   | Description                                                                                                                 |     N |',
        '+--------------------------------------+-----------------------------------------------------------------------------------------------------------------------------+-------+',
        '| 0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e | Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. | 12345 |',
        '| x                                    | well-known-hyphenated-compound-word-list                                                                                    |     7 |',
        '+--------------------------------------+-----------------------------------------------------------------------------------------------------------------------------+-------+',
        '',
      ].join('\n'),
    )
  })

  it('does not wrap to the terminal without --fit-width', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Description', 'N'], rows: [['0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.', 12345], ['x', 'well-known-hyphenated-compound-word-list', 7]]}, options({terminalWidth: 40})),
      [
        '+--------------------------------------+-----------------------------------------------------------------------------------------------------------------------------+-------+',
        '| ID                                   | Description                                                                                                                 |     N |',
        '+--------------------------------------+-----------------------------------------------------------------------------------------------------------------------------+-------+',
        '| 0b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e | Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. | 12345 |',
        '| x                                    | well-known-hyphenated-compound-word-list                                                                                    |     7 |',
        '+--------------------------------------+-----------------------------------------------------------------------------------------------------------------------------+-------+',
        '',
      ].join('\n'),
    )
  })

  it('leaves a table that fits alone', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({maxWidth: 200})),
      [
        '+--------------------------------------+-------+--------+------+--------+',
        '| ID                                   | Name  | Status | Size | Public |',
        '+--------------------------------------+-------+--------+------+--------+',
        '| 8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e | web-1 | ACTIVE |   10 | True   |',
        '| 1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e | db    | ERROR  |    2 | False  |',
        '| 2b                                   | None  |        |  1.5 | None   |',
        '+--------------------------------------+-------+--------+------+--------+',
        '',
      ].join('\n'),
    )
  })
})
