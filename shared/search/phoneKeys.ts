import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * The digit strings a phone number is found by. Staff type numbers the way they say
 * them: "+44 20 7946 0958" is stored as given, but a colleague types "020 7946…". For an
 * international number we therefore also index its national form (with the trunk
 * prefix the country uses), taken from libphonenumber's metadata rather than guessed.
 */
export function phoneSearchKeys(number: string): string[] {
  const keys = new Set<string>();
  const typed = number.replace(/\D/g, '');
  if (typed !== '') keys.add(typed);
  const international = number.trim().replace(/^00/, '+');
  if (international.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(international);
    if (parsed?.isPossible()) {
      keys.add(parsed.number.replace(/\D/g, ''));
      keys.add(parsed.formatNational().replace(/\D/g, ''));
    }
  }
  return [...keys];
}
