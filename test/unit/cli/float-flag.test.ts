import {strict as assert} from 'node:assert'

import {parsePyFloat} from '../../../src/cli/float-flag.js'

/** argparse's type=float: what Python's float() accepts (checked with python3), and its error otherwise. */
describe('cli/float-flag: argparse type=float', () => {
  it('accepts what float() accepts', () => {
    const cases: [string, number][] = [['1.5', 1.5], ['.5', 0.5], ['5.', 5], ['1e3', 1000], ['-2', -2], [' 3 ', 3], ['inf', Infinity], ['-Infinity', -Infinity]]
    for (const [input, value] of cases) assert.equal(parsePyFloat('rxtx-factor', input), value, input)
    assert.ok(Number.isNaN(parsePyFloat('rxtx-factor', 'nan')))
  })

  it('refuses the rest with argparse\'s message, as a usage error (exit 2)', () => {
    for (const input of ['fast', '', '1.2.3', '0x1', 'e3', '1e']) {
      assert.throws(() => parsePyFloat('rxtx-factor', input), (error: Error & {exitCode?: number}) => {
        assert.equal(error.message, `argument --rxtx-factor: invalid float value: '${input}'`)
        assert.equal(error.exitCode, 2)
        return true
      })
    }
  })
})
