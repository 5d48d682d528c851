import { format, parseISO } from 'date-fns';

/** The ready-to-use message for "the thing you asked for has arrived". */
export function arrivalMessage(resource: string, requestedOn: string, deskName: string): string {
  return `Good news: "${resource}", which you asked for on ${format(parseISO(requestedOn), 'd MMMM yyyy')}, has arrived. ` +
    `It is waiting for you at the ${deskName}.`;
}
