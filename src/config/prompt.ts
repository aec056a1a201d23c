/**
 * The `Password: ` prompt, as python-openstackclient does it (osc_lib's _prompt_for_password, which
 * openstacksdk calls for an auth option with a prompt when none is configured): only when stdin is a
 * terminal, without echo, and an empty answer (or Ctrl-D) is "No password entered". We also ask that
 * stderr be a terminal, since the prompt is written there (stdout may be piped to a file or jq).
 *
 * The password is returned to the caller for one token request and never kept: not in the
 * CloudConfig, not in the token cache (whose key is computed from the configuration without it, so
 * that the next run, with no password configured either, finds the token and does not prompt).
 */
import {StringDecoder} from 'node:string_decoder'

import {EXIT, OidError, UsageError} from '../errors.js'

export interface PromptStreams {
  input: NodeJS.ReadStream
  output: NodeJS.WriteStream
}

/** Whether we may prompt: stdin and stderr are terminals. */
export function canPrompt(streams: PromptStreams = {input: process.stdin, output: process.stderr}): boolean {
  return Boolean(streams.input.isTTY && streams.output.isTTY)
}

let queue: Promise<unknown> = Promise.resolve()
let prompts = 0

/**
 * Asks for a password on the terminal without echo. Prompts of several instances in one command run
 * one after the other; after the first, each names its instance ("Password for InstanceTwo: ").
 * Ctrl-C restores the terminal and fails with exit 130.
 */
export function promptPassword(instance: string, streams: PromptStreams = {input: process.stdin, output: process.stderr}): Promise<string> {
  const next = queue.then(() => readHidden(prompts++ === 0 ? 'Password: ' : `Password for ${instance}: `, streams))
  queue = next.catch(() => undefined)
  return next
}

/** Asks for a secret without echo under another prompt (`server set --root-password`: "New password: "); an empty answer is returned as is. */
export function promptSecret(prompt: string, streams: PromptStreams = {input: process.stdin, output: process.stderr}): Promise<string> {
  const next = queue.then(() => readHidden(prompt, streams, true))
  queue = next.catch(() => undefined)
  return next
}

function readHidden(prompt: string, {input, output}: PromptStreams, allowEmpty = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const wasRaw = input.isRaw
    let answer = ''
    const decoder = new StringDecoder('utf8')
    // Echo off before the prompt shows, so that nothing typed after it can be echoed.
    input.setRawMode(true)
    output.write(prompt)
    input.resume()

    const finish = (error?: Error) => {
      input.removeListener('data', onData)
      process.removeListener('SIGINT', onSignal)
      process.removeListener('SIGTERM', onSignal)
      input.setRawMode(wasRaw)
      input.pause()
      output.write('\n')
      if (error) reject(error)
      else if (answer === '' && !allowEmpty) reject(new UsageError('No password entered, or found via --os-password or OS_PASSWORD.', {hint: 'Type the password at the prompt, or configure it (auth.password in clouds.yaml or secure.yaml).'}))
      else resolve(answer)
    }

    // A signal from elsewhere (kill -INT) must not leave the terminal without echo either.
    function onSignal() {
      finish(new OidError('Interrupted: no password was entered.', {exitCode: EXIT.INTERRUPTED}))
    }

    function onData(chunk: Buffer | string) {
      for (const ch of typeof chunk === 'string' ? chunk : decoder.write(chunk)) {
        if (ch === '\r' || ch === '\n') return finish()
        if (ch === '\u0003') return finish(new OidError('Interrupted: no password was entered.', {exitCode: EXIT.INTERRUPTED}))
        if (ch === '\u0004') {
          if (answer === '') return finish()
          continue
        }

        if (ch === '\u007f' || ch === '\b') answer = [...answer].slice(0, -1).join('')
        else if (ch === '\u0015') answer = '' // Ctrl-U
        else if (ch >= ' ') answer += ch
      }
    }

    input.on('data', onData)
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  })
}
