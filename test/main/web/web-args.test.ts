import { describe, expect, it } from 'vitest';
import { parseWebArgs, WEB_HELP } from '../../../src-main/web/web-args';

describe('web mode arguments', () => {
  it('takes --workspace DIR for the run history folder (absent: the default folder is used)', () => {
    expect(parseWebArgs(['--workspace', '/tmp/runs'])).toEqual({ port: 0, help: false, workspace: '/tmp/runs' });
    expect(parseWebArgs([])).toEqual({ port: 0, help: false });
    expect(() => parseWebArgs(['--workspace', ' '])).toThrow(/--workspace needs a folder/);
    expect(WEB_HELP).toContain('--workspace DIR');
  });

  it('still checks the port', () => {
    expect(parseWebArgs(['--port', '8080']).port).toBe(8080);
    expect(() => parseWebArgs(['--port', 'x'])).toThrow(/--port must be a whole number/);
  });
});
