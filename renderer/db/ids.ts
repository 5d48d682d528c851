import { v7 as uuidv7 } from 'uuid';

/** Client-generated, time-ordered ids (UUIDv7): unique across desks without asking a server. */
export function newId(): string {
  return uuidv7();
}
