import { describe, expect, it } from 'vitest';
import { campaignOutcome } from './campaignOutcome';

const none = { doNotContact: 0, noAllowedChannel: 0, gone: 0 };

describe('campaignOutcome', () => {
  it('says how many were created, in the singular for one', () => {
    expect(campaignOutcome({ created: 1, skipped: none })).toBe('Created 1 follow-up.');
    expect(campaignOutcome({ created: 4998, skipped: none })).toBe('Created 4998 follow-ups.');
  });

  it('names every reason someone ticked was left out', () => {
    expect(campaignOutcome({ created: 3, skipped: { doNotContact: 2, noAllowedChannel: 0, gone: 1 } }))
      .toBe('Created 3 follow-ups. Left out: 2 now do-not-contact, 1 no longer on this desk.');
    expect(campaignOutcome({ created: 0, skipped: { ...none, noAllowedChannel: 1 } }))
      .toBe('Created 0 follow-ups. Left out: 1 with no channel their flags allow.');
  });
});
