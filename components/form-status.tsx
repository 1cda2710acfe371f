/** A form's outcome under it: an error (announced at once) or a confirmation (announced politely). */
export function FormStatus({ error, message, id }: { error?: string; message?: string; id?: string }) {
  if (error) {
    return (
      <p id={id} role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    );
  }
  if (message) {
    return (
      <p id={id} role="status" className="text-sm text-green-800 dark:text-green-300">
        {message}
      </p>
    );
  }
  return null;
}
