import * as rruleModule from 'rrule';

/*
 * rrule ships a CommonJS main plus a non-standard "module" field and no "exports" map.
 * Bundlers (Vite) see real named exports; Node's ESM loader sees one CommonJS default
 * export (upstream issue jkbrzt/rrule#548). Resolve RRule from whichever shape we got.
 */
type RRuleModule = typeof rruleModule;
const loaded: RRuleModule =
  'RRule' in rruleModule && rruleModule.RRule ? rruleModule : (rruleModule as unknown as { default: RRuleModule }).default;

export const RRule = loaded.RRule;
export type RRule = InstanceType<RRuleModule['RRule']>;
