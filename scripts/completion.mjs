// Run by `npm run build` after the bundle: writes the shell completion scripts that
// `openstackoid complete` prints, from oclif.manifest.json, into dist/bundle/completion/:
// openstackoid.bash, openstackoid.zsh, openstackoid.fish. Built here, so that completing costs
// no node start per TAB and `complete` itself only prints a file; no command but `complete`
// loads anything of it.
//
// The bash script holds the logic: command words (multi-word topics: "image member list"), each
// command's flags (global ones included, from src/cli/flags.ts), the values of flags that list them (-f, --os-interface…),
// and for --os-cloud the cloud names of the clouds.yaml that openstackoid would read (found the
// way openstacksdk finds it, read by awk at completion time). zsh and fish run that same bash
// function (bash is there wherever these shells are), so the three behave alike.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const BIN = pkg.oclif.bin
const manifest = JSON.parse(readFileSync('oclif.manifest.json', 'utf8'))
// Every command's global flags (--os-cloud, --scope…) are declared once in src/cli/flags.ts and left
// out of the manifest's entries (scripts/manifest.mjs); tsc has built that file already.
const {globalFlags} = await import('../dist/src/cli/flags.js')
const globals = Object.entries(globalFlags).map(([name, flag]) => ({...flag, name}))
const OUT = join('dist', 'bundle', 'completion')

/** A word of bash inside single quotes. */
const quote = (text) => `'${text.replaceAll("'", "'\\''")}'`
const safe = (word) => {
  if (!/^[\w.:@%+,=/-]+$/.test(word)) throw new Error(`completion: unexpected character in ${JSON.stringify(word)}`)
  return word
}

const commands = []
for (const [id, command] of Object.entries(manifest.commands)) {
  if (command.hidden) continue
  const flags = [...globals, ...Object.values(command.flags)].filter((flag) => !flag.hidden)
  const words = []
  const valued = []
  const values = []
  for (const flag of flags) {
    const names = [`--${safe(flag.name)}`, ...(flag.char ? [`-${safe(flag.char)}`] : [])]
    words.push(...names)
    if (flag.type === 'boolean' && flag.allowNo) words.push(`--no-${flag.name}`)
    if (flag.type !== 'option') continue
    valued.push(...names)
    if (flag.options?.length) values.push({names, options: flag.options.map(safe)})
  }

  for (const extra of ['--help', '-h']) if (!words.includes(extra)) words.push(extra)
  for (const name of [id, ...(command.aliases ?? [])]) commands.push({words: name.split(':').map(safe).join(' '), flags: words, valued, values})
}

commands.sort((a, b) => a.words.localeCompare(b.words))
const allValued = [...new Set(commands.flatMap((command) => command.valued))].sort()

// Values per flag: one case pattern for all commands when they agree, else per command.
const byFlag = new Map()
for (const command of commands)
  for (const {names, options} of command.values) {
    const key = names.join('|')
    const entries = byFlag.get(key) ?? []
    entries.push({command: command.words, names, options: options.join(' ')})
    byFlag.set(key, entries)
  }

const valueCases = []
for (const entries of byFlag.values()) {
  const distinct = new Set(entries.map((entry) => entry.options))
  if (distinct.size === 1) {
    valueCases.push(`    ${entries[0].names.map((name) => `*' ${name}'`).join('|')}) echo ${quote(entries[0].options)} ;;`)
  } else {
    for (const entry of entries) valueCases.push(`    ${entry.names.map((name) => quote(`${entry.command} ${name}`)).join('|')}) echo ${quote(entry.options)} ;;`)
  }
}

// Top-level keys under `clouds:` (block YAML, or JSON as written by hand or by a tool: one key a
// line): the first key line sets the top level's indentation, the first deeper line under
// `clouds:` the clouds' one; any line back at the top level or above ends the section.
const AWK = String.raw`
function indent(line) { match(line, /^[ ]*/); return RLENGTH }
function key(line,   k) {
  sub(/^[ ]+/, "", line)
  if (line ~ /^"/) { if (!match(line, /^"[^"]*"[ ]*:/)) return ""; k = substr(line, 2, RLENGTH - 1); sub(/"[ ]*:$/, "", k); return k }
  if (line ~ /^'/) { if (!match(line, /^'[^']*'[ ]*:/)) return ""; k = substr(line, 2, RLENGTH - 1); sub(/'[ ]*:$/, "", k); return k }
  if (line ~ /^[-?{}\[\],#&*!|>%@]/) return ""
  if (!match(line, /:([ ]|$)/)) return ""
  k = substr(line, 1, RSTART - 1); sub(/[ ]+$/, "", k); return k
}
{ sub(/\r$/, "") }
/^[ ]*(#|$)/ { next }
{
  n = indent($0); k = key($0)
  if (top == "" && k != "") top = n
  if (state == 1 && n <= depth) state = 2
  if (state == 1) { if (child == "") child = n; if (n == child && k != "") print k; next }
  if (state == 0 && k == "clouds" && n == top) { state = 1; depth = n }
}`

const bash = `# bash completion for ${BIN}, generated from oclif.manifest.json by scripts/completion.mjs.
# Enable it in this shell: source <(${BIN} complete)
# or for good: ${BIN} complete > ~/.local/share/bash-completion/completions/${BIN}

_${BIN}_commands=${quote(commands.map((command) => command.words).join('\n'))}

# The flags of a command (its words, space-separated).
_${BIN}_flags() {
  case "$1" in
${commands.map((command) => `    ${quote(command.words)}) echo ${quote(command.flags.join(' '))} ;;`).join('\n')}
    '') echo '--help --version' ;;
    *) echo '--help' ;;
  esac
}

# The flags of a command that take a value (of every command while none is known yet).
_${BIN}_valued() {
  case "$1" in
${commands.map((command) => `    ${quote(command.words)}) echo ${quote(command.valued.join(' '))} ;;`).join('\n')}
    *) echo ${quote(allValued.join(' '))} ;;
  esac
}

# The values a flag takes ($1: "<command words> <flag>"), when it lists them.
_${BIN}_values() {
  case "$1" in
${valueCases.join('\n')}
  esac
}

# The cloud names of the clouds.yaml ${BIN} reads: OS_CLIENT_CONFIG_FILE, else the first of
# clouds.yaml, clouds.yml, clouds.json in ., ~/.config/openstack, $XDG_CONFIG_DIRS/openstack,
# /etc/openstack (openstacksdk's search path).
_${BIN}_clouds() {
  local home="\${HOME:-}" dir suffix file
  local -a dirs files
  dirs=("$PWD" "\${XDG_CONFIG_HOME:-$home/.config}/openstack" "\${SNAP_REAL_HOME:-$home}/.config/openstack")
  local IFS=':'
  for dir in \${XDG_CONFIG_DIRS:-/etc/xdg}; do [ -n "$dir" ] && dirs+=("$dir/openstack"); done
  IFS=$' \\t\\n'
  dirs+=(/etc/openstack)
  files=()
  [ -n "\${OS_CLIENT_CONFIG_FILE:-}" ] && files+=("$OS_CLIENT_CONFIG_FILE")
  for dir in "\${dirs[@]}"; do for suffix in yaml yml json; do files+=("$dir/clouds.$suffix"); done; done
  for file in "\${files[@]}"; do
    if [ -f "$file" ] && [ -r "$file" ]; then
      awk ${quote(AWK)} "$file" 2>/dev/null
      return
    fi
  done
}

# True when some command is, or starts with, the words $1.
_${BIN}_known() {
  local command
  while IFS= read -r command; do
    case "$command" in "$1" | "$1 "*) return 0 ;; esac
  done <<EOF
$_${BIN}_commands
EOF
  return 1
}

_${BIN}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="" word flag="" i next list="" command rest
  COMPREPLY=()
  _${BIN}_default=''
  [ "$COMP_CWORD" -gt 0 ] && prev="\${COMP_WORDS[COMP_CWORD-1]}"

  # The command words typed so far (flags and their values skipped; the first other word that
  # does not extend a command is a positional argument and ends them).
  local ended=''
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in
      -*)
        case " $(_${BIN}_valued "$path") " in
          *" $word "*) if [ "\${COMP_WORDS[i+1]:-}" = '=' ]; then ((i += 2)); else ((i += 1)); fi ;;
        esac
        ;;
      =) ;;
      *)
        if [ -z "$ended" ] && _${BIN}_known "\${path:+$path }$word"; then path="\${path:+$path }$word"; else ended=1; fi
        ;;
    esac
  done

  # A flag's value: "--flag value", "--flag=value" (bash splits at "="; zsh and fish do not).
  local given=''
  if [[ "$cur" == --*=* ]]; then flag="\${cur%%=*}"; given="$flag="; cur="\${cur#*=}"
  elif [ "$cur" = '=' ]; then flag="$prev"; cur=''
  elif [ "$prev" = '=' ] && [ "$COMP_CWORD" -gt 1 ]; then flag="\${COMP_WORDS[COMP_CWORD-2]}"
  elif [ -n "$prev" ]; then case " $(_${BIN}_valued "$path") " in *" $prev "*) flag="$prev" ;; esac
  fi
  case " $(_${BIN}_valued "$path") " in *" $flag "*) ;; *) flag='' ;; esac

  if [ -n "$flag" ]; then
    if [ "$flag" = --os-cloud ]; then
      local IFS=$'\\n'
      COMPREPLY=($(compgen -P "$given" -W "$(_${BIN}_clouds)" -- "$cur"))
      return 0
    fi
    list="$(_${BIN}_values "$path $flag")"
    if [ -n "$list" ]; then
      COMPREPLY=($(compgen -P "$given" -W "$list" -- "$cur"))
    else
      # A free value (a file, a name): the shell's own completion.
      _${BIN}_default=1
      type compopt >/dev/null 2>&1 && compopt -o default 2>/dev/null
    fi
    return 0
  fi

  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_${BIN}_flags "$path")" -- "$cur"))
    return 0
  fi

  [ -n "$ended" ] && return 0
  while IFS= read -r command; do
    if [ -z "$path" ]; then rest="$command"
    else case "$command" in "$path "*) rest="\${command#"$path "}" ;; *) continue ;; esac
    fi
    next="\${rest%% *}"
    case " $list " in *" $next "*) ;; *) list="$list $next" ;; esac
  done <<EOF
$_${BIN}_commands
EOF
  COMPREPLY=($(compgen -W "$list" -- "$cur"))
  return 0
}

complete -F _${BIN} ${BIN}
`

// zsh and fish: the words so far to bash, which runs the function above and prints the candidates
// (a line "__${BIN}_default__" when the shell's own file completion should be used).
const runner = `COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _${BIN}; [ -n "$_${BIN}_default" ] && echo __${BIN}_default__; [ \${#COMPREPLY[@]} -gt 0 ] && printf '%s\\n' "\${COMPREPLY[@]}"; true`

const zsh = `#compdef ${BIN}
# zsh completion for ${BIN}, generated from oclif.manifest.json by scripts/completion.mjs.
# Enable it in this shell: source <(${BIN} complete --shell zsh)
# It runs the bash completion function (bash must be installed).

_${BIN}_bash_script=${quote(bash)}

_${BIN}_zsh() {
  local -a candidates
  # The script goes in on stdin: as one argument it is longer than the kernel takes (128 KiB).
  candidates=("\${(@f)$(print -r -- "$_${BIN}_bash_script"$'\\n'${quote(runner)} | bash -s -- "\${(@)words[1,CURRENT]}" 2>/dev/null)}")
  if [[ "\${candidates[1]}" == __${BIN}_default__ ]]; then _files; return; fi
  candidates=(\${candidates:#})
  (( \${#candidates} )) && compadd -Q -- "\${candidates[@]}"
}

(( $+functions[compdef] )) || { autoload -Uz compinit && compinit }
compdef _${BIN}_zsh ${BIN}
`

const fishQuote = (text) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
const fish = `# fish completion for ${BIN}, generated from oclif.manifest.json by scripts/completion.mjs.
# Enable it: ${BIN} complete --shell fish > ~/.config/fish/completions/${BIN}.fish
# It runs the bash completion function (bash must be installed).

set -g __${BIN}_bash_script ${fishQuote(bash)}

function __${BIN}_complete
    set -l candidates (printf '%s\\n' "$__${BIN}_bash_script" ${fishQuote(runner)} | bash -s -- (commandline -opc) (commandline -ct) 2>/dev/null)
    if test "$candidates[1]" = __${BIN}_default__
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\\n' $candidates
end

complete -c ${BIN} -f -a '(__${BIN}_complete)'
`

mkdirSync(OUT, {recursive: true})
writeFileSync(join(OUT, `${BIN}.bash`), bash)
writeFileSync(join(OUT, `${BIN}.zsh`), zsh)
writeFileSync(join(OUT, `${BIN}.fish`), fish)
