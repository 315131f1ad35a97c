import { describe, expect, it } from 'vitest';
import { externalBrowserUrl } from '../../../src-main/electron/navigation-policy';

describe('external links', () => {
  it.each([
    ['https://github.com/pilancilab/scnn', 'https://github.com/pilancilab/scnn'],
    ['http://example.com/a?b=c#d', 'http://example.com/a?b=c#d'],
    ['HTTPS://EXAMPLE.COM', 'https://example.com/'],
  ])('opens %s in the system browser', (url, expected) => {
    expect(externalBrowserUrl(url)).toBe(expected);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/x',
    'https://user:secret@example.com/',
    'not a url',
    '',
  ])('drops %j', (url) => {
    expect(externalBrowserUrl(url)).toBeNull();
  });
});
