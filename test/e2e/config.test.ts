/**
 * The `Password: ` prompt, for real: bin/run.js on a pseudo-terminal (python3's pty module plays the
 * user), against the simulator. No password in clouds.yaml: the first run prompts without echo and
 * gets a token; the next run uses the cached token and prompts nothing.
 */
import {strict as assert} from 'node:assert'
import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {BIN, world, type World} from './harness.js'

/** Runs argv on a pty; when `Password: ` (or `Password for`) appears, types `answer` ('\x03' is Ctrl-C). Prints JSON {output, code}. */
const DRIVER = String.raw`
import json, os, pty, select, sys, time
argv, answer = json.loads(sys.argv[1]), sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out, sent, deadline = b'', False, time.time() + 30
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if not ready:
        continue
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if not sent and b'Password' in out and out.rstrip().endswith(b':'):
        time.sleep(0.1)
        os.write(fd, answer.encode())
        sent = True
else:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
print(json.dumps({'output': out.decode('utf8', 'replace'), 'code': os.waitstatus_to_exitcode(status)}))
`

interface PtyRun {
  output: string
  code: number
}

describe('e2e: the Password: prompt on a terminal', function () {
  this.timeout(60_000)
  let w: World
  let password: string

  before(async () => {
    w = await world({instances: [{name: 'InstanceOne'}]}, (sim) => {
      const text = sim.cloudsYaml()
      password = JSON.parse(/^ +password: (.*)$/m.exec(text)![1]) as string
      return text.replace(/^ +password: .*\n/m, '')
    })
  })
  after(async () => w.stop())

  /** bin/run.js on a pty, inside `sh -c` so that `stty -a` can show the terminal's state afterwards. */
  function onPty(args: string[], answer: string, env: Record<string, string> = {}): Promise<PtyRun> {
    const command = ['sh', '-c', '"$0" "$@"; echo "[exit $?]"; stty -a', process.execPath, BIN, ...args]
    return new Promise((resolve, reject) => {
      const child = spawn('python3', ['-c', DRIVER, JSON.stringify(command), answer], {env: {...w.env, ...env}, cwd: w.dir, stdio: ['ignore', 'pipe', 'pipe']})
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      child.on('error', reject)
      child.on('close', (code) => {
        if (code !== 0) reject(new Error(`pty driver failed (${code}): ${stderr}`))
        else resolve(JSON.parse(stdout) as PtyRun)
      })
    })
  }

  const exitOf = (run: PtyRun) => Number(/\[exit (\d+)\]/.exec(run.output)?.[1])
  const authPosts = () => w.sim.requests.filter((r) => r.method === 'POST' && r.path.includes('/auth/tokens')).length
  const tokenIssue = ['token', 'issue', '--os-cloud', 'InstanceOne', '-f', 'value', '-c', 'user_id']

  it('prompts without echo, issues the token, and the next run prompts nothing', async () => {
    const before = authPosts()
    const first = await onPty(tokenIssue, `${password}\r`)
    assert.equal(exitOf(first), 0, first.output)
    assert.match(first.output, /^Password: \r?\n/)
    assert.ok(!first.output.includes(password), `the password was echoed: ${JSON.stringify(first.output)}`)
    const userId = /^Password: \r?\n([0-9a-f]{32})\r\n/.exec(first.output)?.[1]
    assert.ok(userId, `the user id follows the prompt: ${JSON.stringify(first.output)}`)
    assert.match(first.output, /[\s]echo[\s]/, 'echo is on again after the prompt')
    assert.equal(authPosts(), before + 1)

    // The cache holds the token, not the password.
    const cacheDir = join(w.env.XDG_CACHE_HOME, 'openstackoid')
    const files = readdirSync(cacheDir, {recursive: true}).map(String).filter((name) => statSync(join(cacheDir, name)).isFile())
    assert.ok(files.length > 0, 'a token was cached')
    for (const name of files) assert.ok(!readFileSync(join(cacheDir, name), 'latin1').includes(password), `${name} holds the password`)

    const second = await onPty(tokenIssue, 'never typed\r')
    assert.equal(exitOf(second), 0, second.output)
    assert.ok(!second.output.includes('Password'), second.output)
    assert.ok(second.output.startsWith(`${userId}\r\n`), second.output)
    assert.equal(authPosts(), before + 1, 'the cached token was used')
  })

  it('without a terminal, keeps the clear missing-password error', async () => {
    const r = await w.run(tokenIssue, {XDG_CACHE_HOME: mkdtempSync(join(w.dir, 'cache-'))})
    assert.equal(r.code, 2)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /Missing parameter\(s\) for cloud "InstanceOne" \(auth type password\):\nSet a password with --os-password, OS_PASSWORD or auth.password/)
  })

  it('Ctrl-C at the prompt exits 130 with the terminal restored, and asks Keystone nothing', async () => {
    const before = authPosts()
    const r = await onPty(tokenIssue, '\u0003', {XDG_CACHE_HOME: mkdtempSync(join(w.dir, 'cache-'))})
    assert.equal(exitOf(r), 130, r.output)
    assert.match(r.output, /^Password: /)
    assert.match(r.output, /Interrupted: no password was entered\./)
    assert.match(r.output, /[\s]echo[\s]/, 'echo is on again')
    assert.match(r.output, /[\s]icanon[\s]/, 'the terminal is back in line mode')
    assert.equal(authPosts(), before)
  })

  it('an empty answer is "No password entered" (exit 2); a wrong one is refused by Keystone, not shown', async () => {
    const empty = await onPty(tokenIssue, '\r', {XDG_CACHE_HOME: mkdtempSync(join(w.dir, 'cache-'))})
    assert.equal(exitOf(empty), 2, empty.output)
    assert.match(empty.output, /No password entered, or found via --os-password or OS_PASSWORD\./)

    const wrong = await onPty(tokenIssue, 'not-the-password\r', {XDG_CACHE_HOME: mkdtempSync(join(w.dir, 'cache-'))})
    assert.equal(exitOf(wrong), 1, wrong.output)
    assert.ok(!wrong.output.includes('not-the-password'), wrong.output)
  })
})
