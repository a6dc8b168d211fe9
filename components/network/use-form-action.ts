"use client";

import { startTransition, useActionState, type FormEvent } from "react";

/**
 * useActionState for forms that must keep what the user typed when the server refuses it: submitting through
 * onSubmit (instead of <form action>) skips React's automatic form reset, so fields and client state survive an error.
 */
export function useFormAction<S>(action: (prev: Awaited<S>, formData: FormData) => Promise<S>, initial: Awaited<S>) {
  const [state, dispatch, pending] = useActionState<S, FormData>(action, initial);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  };
  return { state, onSubmit, pending };
}
