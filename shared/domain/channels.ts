import { z } from 'zod';

/** The ways staff can reach a patron, in the order the product lists them. */
export const CHANNELS = ['phone', 'email', 'sms', 'letter', 'in-person'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = z.enum(CHANNELS, { error: 'Choose phone, email, SMS, letter or in person' });

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  sms: 'SMS',
  letter: 'Letter',
  'in-person': 'In person',
};
