import type { Locator } from 'playwright-core';

/**
 * Pixels the select lacks to show its longest option: a copy of it with `width: auto` (which a
 * browser sizes to the widest option) is measured against the select as laid out.
 */
export function missingSelectWidth(select: Locator): Promise<number> {
  return select.evaluate((element) => {
    const copy = element.cloneNode(true) as typeof element;
    Object.assign(copy.style, { position: 'absolute', visibility: 'hidden', width: 'auto', minWidth: '0', maxWidth: 'none' });
    element.parentElement!.appendChild(copy);
    const needed = copy.getBoundingClientRect().width;
    copy.remove();
    return Math.max(0, Math.ceil(needed - element.getBoundingClientRect().width));
  });
}
