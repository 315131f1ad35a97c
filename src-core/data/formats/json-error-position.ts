/**
 * The offset of the first JSON syntax error in `text`, or -1 when the text is valid JSON. Used
 * only after JSON.parse failed, to point the user at a line and column (the engine's messages do
 * not always carry a position). Iterative (an explicit stack), so deep nesting cannot overflow.
 */
export function jsonErrorOffset(text: string): number {
  const stack: ('array' | 'object')[] = [];
  let i = skipSpace(text, 0);
  // expecting: 'value' | 'key' (or } right after {) | 'after' (, or closer) | 'colon'
  let expecting: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after' | 'colon' = 'value';
  for (;;) {
    i = skipSpace(text, i);
    const ch = text[i];
    if (expecting === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? i : -1;
      if (ch === ',') {
        expecting = top === 'array' ? 'value' : 'key';
        i++;
      } else if ((ch === ']' && top === 'array') || (ch === '}' && top === 'object')) {
        stack.pop();
        i++;
      } else return i;
      continue;
    }
    if (expecting === 'colon') {
      if (ch !== ':') return i;
      i++;
      expecting = 'value';
      continue;
    }
    if (expecting === 'key' || expecting === 'key-or-close') {
      if (ch === '}' && expecting === 'key-or-close') {
        stack.pop();
        i++;
        expecting = 'after';
        continue;
      }
      if (ch !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return i;
      i = end;
      expecting = 'colon';
      continue;
    }
    // a value
    if (ch === ']' && expecting === 'value-or-close') {
      stack.pop();
      i++;
      expecting = 'after';
      continue;
    }
    if (ch === '[') {
      stack.push('array');
      i++;
      expecting = 'value-or-close';
      continue;
    }
    if (ch === '{') {
      stack.push('object');
      i++;
      expecting = 'key-or-close';
      continue;
    }
    let end = -1;
    if (ch === '"') end = stringEnd(text, i);
    else {
      const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (match) end = i + match[0].length;
    }
    if (end < 0) return i;
    i = end;
    expecting = 'after';
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** The offset after a string starting at `start` (a quote), or -1 when it is malformed. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code < 32) return -1;
    if (code === 92) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -1;
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return -1;
    }
  }
  return -1;
}
