/**
 * Display width of text in a terminal, as prettytable measures it (wcwidth.wcswidth after removing
 * colour escapes): 2 for East Asian wide characters, 0 for combining marks, -1 when the text holds
 * a control character.
 */

/** East Asian Wide and Fullwidth ranges (Unicode 15, as the wcwidth package tabulates them), hex. */
const WIDE = `1100-115f 231a-231b 2329-232a 23e9-23ec 23f0 23f3 25fd-25fe 2614-2615 2648-2653 267f 2693 26a1 26aa-26ab
26bd-26be 26c4-26c5 26ce 26d4 26ea 26f2-26f3 26f5 26fa 26fd 2705 270a-270b 2728 274c 274e 2753-2755 2757
2795-2797 27b0 27bf 2b1b-2b1c 2b50 2b55 2e80-2e99 2e9b-2ef3 2f00-2fd5 2ff0-2ffb 3000-303e 3041-3096 3099-30ff
3105-312f 3131-318e 3190-31e3 31f0-321e 3220-3247 3250-4dbf 4e00-a48c a490-a4c6 a960-a97c ac00-d7a3 f900-faff
fe10-fe19 fe30-fe52 fe54-fe66 fe68-fe6b ff01-ff60 ffe0-ffe6 16fe0-16fe4 16ff0-16ff1 17000-187f7 18800-18cd5
18d00-18d08 1aff0-1aff3 1aff5-1affb 1affd-1affe 1b000-1b122 1b132 1b150-1b152 1b155 1b164-1b167 1b170-1b2fb
1f004 1f0cf 1f18e 1f191-1f19a 1f200-1f202 1f210-1f23b 1f240-1f248 1f250-1f251 1f260-1f265 1f300-1f320
1f32d-1f335 1f337-1f37c 1f37e-1f393 1f3a0-1f3ca 1f3cf-1f3d3 1f3e0-1f3f0 1f3f4 1f3f8-1f43e 1f440 1f442-1f4fc
1f4ff-1f53d 1f54b-1f54e 1f550-1f567 1f57a 1f595-1f596 1f5a4 1f5fb-1f64f 1f680-1f6c5 1f6cc 1f6d0-1f6d2
1f6d5-1f6d7 1f6dc-1f6df 1f6eb-1f6ec 1f6f4-1f6fc 1f7e0-1f7eb 1f7f0 1f90c-1f93a 1f93c-1f945 1f947-1f9ff
1fa70-1fa7c 1fa80-1fa88 1fa90-1fabd 1fabf-1fac5 1face-1fadb 1fae0-1fae8 1faf0-1faf8 20000-2fffd 30000-3fffd`
  .split(/\s+/)
  .map((range) => range.split('-').map((hex) => parseInt(hex, 16)))
  .map(([first, last = first]) => [first, last] as const)

/** Zero width although not combining marks: NUL, ZERO WIDTH SPACE/JOINERS, directional marks, word joiners. */
const ZERO_WIDTH_FORMAT = /[\0\u034f\u200b-\u200f\u2028-\u202e\u2060-\u2063]/u
const COMBINING = /[\p{Mn}\p{Me}]/u
const COLOUR_ESCAPE = /\x1b\[[0-9;]*m|\x1b\(B/g

function isWide(cp: number): boolean {
  let lo = 0
  let hi = WIDE.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (cp < WIDE[mid][0]) hi = mid - 1
    else if (cp > WIDE[mid][1]) lo = mid + 1
    else return true
  }
  return false
}

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!
  if (ZERO_WIDTH_FORMAT.test(ch)) return 0
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return -1
  if (COMBINING.test(ch)) return 0
  return isWide(cp) ? 2 : 1
}

/** prettytable's _str_block_width: the width of one line of text, or -1 if it holds a control character. */
export function textWidth(text: string): number {
  let width = 0
  for (const ch of text.replace(COLOUR_ESCAPE, '')) {
    const w = charWidth(ch)
    if (w < 0) return -1
    width += w
  }
  return width
}
