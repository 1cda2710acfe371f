import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-700 dark:text-slate-300">There is nothing at this address.</p>
      <Link href="/" className="font-medium text-brand-700 underline dark:text-brand-100">
        Back to Podbrief
      </Link>
    </main>
  );
}
