import type { LoginResponse, MeResponse } from '@shared/api/auth';
import type { BranchResponse, CreateBranchRequest, ListBranchesResponse, UpdateBranchRequest } from '@shared/api/branches';
import type { ApiErrorBody, ApiFieldError } from '@shared/api/errors';
import type { CreateStaffRequest, ListStaffResponse, StaffResponse, UpdateStaffRequest } from '@shared/api/staff';

/** A refused or unreachable request to the server (docs/http-api.md), in words for the screen. */
export class ServerApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string,
    readonly fields: ApiFieldError[] = [],
  ) {
    super(message);
    this.name = 'ServerApiError';
  }

  /** True when the server could not be reached at all (offline, wrong address). */
  get offline(): boolean {
    return this.status === undefined;
  }
}

export interface ServerApiOptions {
  /** The server's origin ("" = the page's own origin, as in the browser build). */
  baseUrl: string;
  token?: string | undefined;
  fetch?: typeof fetch;
}

/** One JSON request to the server; refusals and network failures become ServerApiError. */
export async function callServer<T>(options: ServerApiOptions, method: string, path: string, body?: unknown): Promise<T> {
  const response = await sendToServer(options, method, path, body);
  if (response.status === 204) return undefined as T;
  const parsed = (await response.json().catch(() => undefined)) as unknown;
  return parsed as T;
}

/**
 * Sends a request and returns the response once it is known to be a success (2xx), with its
 * body unread, so a caller can stream it (an export); refusals become ServerApiError.
 */
export async function sendToServer(options: ServerApiOptions, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  let response: Response;
  try {
    response = await doFetch(`${options.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ServerApiError('The server cannot be reached: check the network and the server address', undefined, 'network');
  }
  if (!response.ok) {
    const parsed = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
    const error = parsed?.error;
    throw new ServerApiError(error?.message ?? `The server answered ${response.status}`, response.status, error?.code ?? 'http', error?.fields ?? []);
  }
  return response;
}

/** The account endpoints of the sync server, typed with shared/api. */
export function serverApi(options: ServerApiOptions) {
  return {
    login: (username: string, password: string) => callServer<LoginResponse>(options, 'POST', '/api/auth/login', { username, password }),
    logout: () => callServer<void>(options, 'POST', '/api/auth/logout', {}),
    me: () => callServer<MeResponse>(options, 'GET', '/api/auth/me'),
    listStaff: () => callServer<ListStaffResponse>(options, 'GET', '/api/staff'),
    createStaff: (request: CreateStaffRequest) => callServer<StaffResponse>(options, 'POST', '/api/staff', request),
    updateStaff: (id: string, patch: UpdateStaffRequest) => callServer<StaffResponse>(options, 'PATCH', `/api/staff/${encodeURIComponent(id)}`, patch),
    listBranches: () => callServer<ListBranchesResponse>(options, 'GET', '/api/branches'),
    createBranch: (request: CreateBranchRequest) => callServer<BranchResponse>(options, 'POST', '/api/branches', request),
    updateBranch: (id: string, patch: UpdateBranchRequest) => callServer<BranchResponse>(options, 'PATCH', `/api/branches/${encodeURIComponent(id)}`, patch),
  };
}

export type ServerApi = ReturnType<typeof serverApi>;
