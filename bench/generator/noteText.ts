import type { Rng } from './prng';

/** Note bodies assembled from the kind of things desk staff write (20–400 characters). */
const OPENERS = [
  'Asked about', 'Came in looking for', 'Phoned about', 'Returned', 'Wants to be told when we get', 'Interested in',
  'Needs help with', 'Booked onto', 'Left a message about', 'Complained (politely) about',
];
const TOPICS = [
  'the local history archive', 'large-print crime novels', 'the Tuesday job club', 'printing boarding passes',
  'renewing a bus pass online', 'the ESOL conversation group', 'a missing inter-library loan', 'rhyme time for twins',
  'the 1921 census', 'a laptop loan', 'the chess club', 'audiobooks on the app', 'the reading group’s next title',
  'parish records from 1840–1870', 'a blue badge form', 'noise on the first floor',
];
const FOLLOW_UPS = [
  'Call back on Thursday.', 'Prefers a phone call, not email.', 'Said she would come back next week.',
  'Follow up once the order arrives.', 'Ask Gareth, he knows the archive.', 'No action needed.',
  'Reserved two copies; check the holds shelf.', 'Gave the leaflet in Polish and English.',
  'Hard of hearing: speak clearly, face them.', 'Very happy with the service — passed thanks to the team.',
];

export function noteBody(rng: Rng, name: string): string {
  const parts = [`${rng.pick(OPENERS)} ${rng.pick(TOPICS)}.`];
  const extra = rng.int(0, 3);
  for (let k = 0; k < extra; k++) parts.push(rng.pick(FOLLOW_UPS));
  if (rng.chance(0.3)) parts.push(`${name} mentioned ${rng.pick(TOPICS)} too.`);
  return parts.join(' ');
}
