import "server-only";
import { getLocale } from "next-intl/server";
import { unstable_rethrow } from "next/navigation";
import { toAppError } from "../errors";
import { renderMsg, toLocale } from "../i18n";
import { requireUser } from "../auth/session";
import { authorize, type Action } from "../auth/policy";
import type { Viewer } from "../auth/viewer";

// Every server action is made by one of the two wrappers below: the signed-in viewer → the policy action → the lib/
// call → errors in the user's language. They are the server actions' half of the one operation layer; apiRoute
// (lib/api/respond.ts) is the API's. Each wrapped function carries its policy action for the route × role test.

/** What a server action hands back to its form: a message, field-level errors, and any result values. */
/** `code` is the AppError code of a failure (FORBIDDEN, VALIDATION, CONFLICT, …), for forms that react to it. */
export type FormState<T = Record<string, unknown>> = { ok?: boolean; error?: string; code?: string; fields?: Record<string, string>; details?: unknown } & Partial<T>;

export type PolicyTagged = { policyAction: Action | "public" };

async function errorState<T>(error: unknown): Promise<FormState<T>> {
  unstable_rethrow(error); // redirect() and notFound() are Next's control flow, not failures
  const locale = toLocale(await getLocale());
  const err = toAppError(error);
  if (err.code === "INTERNAL") console.error(error);
  return {
    error: renderMsg(locale, err.msg),
    code: err.code,
    fields: err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, renderMsg(locale, m)])) : undefined,
    details: err.details,
  } as FormState<T>;
}

/**
 * A form's server action: runs `run` for the signed-in viewer allowed `action`, and answers the form state (ok and
 * any values, or the message and field errors). redirect() may be called inside `run`.
 */
export function formAction<T extends Record<string, unknown> = Record<string, unknown>, A extends unknown[] = unknown[]>(
  action: Action,
  run: (viewer: Viewer, ...args: A) => Promise<Partial<T> | void>,
  /** Shapes the answer (success or failure) for the form, e.g. hands back what was typed or renames fields. */
  finish?: (state: FormState<T>, ...args: A) => FormState<T>,
): ((...args: A) => Promise<FormState<T>>) & PolicyTagged {
  const fn = async (...args: A): Promise<FormState<T>> => {
    let state: FormState<T>;
    try {
      const viewer = await requireUser();
      authorize(viewer, action);
      state = { ok: true, ...((await run(viewer, ...args)) ?? {}) } as FormState<T>;
    } catch (error) {
      state = await errorState<T>(error);
    }
    return finish ? finish(state, ...args) : state;
  };
  return Object.assign(fn, { policyAction: action });
}

/** A server action that returns data (a picker's search, a button): refused or failed calls throw the AppError. */
export function viewerAction<R, A extends unknown[]>(action: Action, run: (viewer: Viewer, ...args: A) => Promise<R>): ((...args: A) => Promise<R>) & PolicyTagged {
  const fn = async (...args: A): Promise<R> => {
    const viewer = await requireUser();
    authorize(viewer, action);
    try {
      return await run(viewer, ...args);
    } catch (error) {
      unstable_rethrow(error);
      throw toAppError(error);
    }
  };
  return Object.assign(fn, { policyAction: action });
}

/** A server action anyone may call, signed in or not (sign-in, sign-out, the language switch). */
export function publicAction<R, A extends unknown[]>(run: (...args: A) => Promise<R>): ((...args: A) => Promise<R>) & PolicyTagged {
  return Object.assign(async (...args: A) => run(...args), { policyAction: "public" as const });
}
