import { cn } from "./cn";

const FIELD = "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600 disabled:bg-slate-100";

export function Input({ className, invalid, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return <input aria-invalid={invalid || undefined} className={cn(FIELD, invalid ? "border-red-500" : "border-slate-300", className)} {...props} />;
}

export function Select({ className, invalid, ...props }: React.SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={cn(FIELD, invalid ? "border-red-500" : "border-slate-300", className)} {...props} />;
}

export function Textarea({ className, invalid, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} className={cn(FIELD, invalid ? "border-red-500" : "border-slate-300", className)} {...props} />;
}

/**
 * A labelled form field with its error message underneath. `required` shows a red * after the label (the control
 * itself carries aria-required, so screen readers say it too).
 */
export function Field({ label, htmlFor, error, children, className, required }: { label: string; htmlFor: string; error?: string; children: React.ReactNode; className?: string; required?: boolean }) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
        {required ? <span aria-hidden="true" className="ml-0.5 text-red-600">*</span> : null}
      </label>
      {children}
      {error ? (
        <p id={`${htmlFor}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The note above a form that has required fields: "* 为必填项". */
export function RequiredNote({ text }: { text: string }) {
  return (
    <p className="text-xs text-slate-500">
      <span aria-hidden="true" className="text-red-600">*</span> {text}
    </p>
  );
}

/**
 * Field errors that no control of the form shows (a key the form has no field for): listed under the form's message,
 * so no error is ever silently dropped. `shown` are the keys (or "prefix." beginnings) the form's fields display.
 */
export function OtherFieldErrors({ fields, shown }: { fields: Record<string, string> | undefined; shown: string[] }) {
  const other = Object.entries(fields ?? {}).filter(([k]) => !shown.some((s) => (s.endsWith(".") ? k.startsWith(s) : k === s)));
  if (other.length === 0) return null;
  return (
    <ul className="list-disc pl-5 text-sm text-red-700" role="alert" data-testid="other-field-errors">
      {other.map(([k, m]) => <li key={k}>{m}</li>)}
    </ul>
  );
}
