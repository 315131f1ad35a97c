import type { ContractErrorDetails } from '../../src-core/contract/error-details';

/**
 * What an error's details tell a command-line user to do, in the command line's words (the app's
 * messages say "Reading options > Sheet", which a terminal does not have); '' when the details
 * add nothing. Names already quoted in the message are not listed again.
 */
export function errorDetailsText(message: string, details: ContractErrorDetails | undefined): string {
  if (details === undefined) return '';
  const others = details.sheets.filter((sheet) => sheet !== details.sheet);
  if (others.length === 0) return '';
  const listed = others.every((sheet) => message.includes(`"${sheet}"`));
  return listed ? ' Read another sheet with --sheet NAME.' : ` Read another sheet with --sheet NAME: ${others.map((sheet) => `"${sheet}"`).join(', ')}.`;
}
