import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { Logo } from "@/components/logo";
import { canReadOutbox, listOutbox } from "@/lib/mail/send-mail";

export const metadata: Metadata = { title: "Local outbox", robots: { index: false } };

/**
 * Where mail lands when no SMTP server is configured. Its sign-in links open any account, so it is a
 * 404 for every request that did not come from this computer (unless MAIL_OUTBOX=on), and once
 * SMTP_URL is set.
 */
export default async function OutboxPage() {
  if (!canReadOutbox(await headers())) notFound();
  const messages = await listOutbox();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <Logo />
      <h1 className="mt-6 text-2xl font-bold">Local outbox</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        No mail server is configured (SMTP_URL), so Podbrief keeps its mail here instead of sending it. Newest first.
      </p>
      {messages.length === 0 ? (
        <p className="mt-8 text-slate-600 dark:text-slate-400">No mail yet.</p>
      ) : (
        <ul className="mt-6 flex flex-col gap-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-testid="outbox-message" data-kind={message.kind}>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                To <span className="font-medium text-slate-900 dark:text-slate-100">{message.to}</span> ·{" "}
                <time dateTime={message.createdAt.toISOString()}>{message.createdAt.toUTCString()}</time>
              </p>
              <h2 className="mt-1 font-semibold">{message.subject}</h2>
              <pre className="mt-3 overflow-x-auto font-sans text-sm whitespace-pre-wrap">
                <Linkified text={message.text} />
              </pre>
              {message.html ? (
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-medium">HTML version</summary>
                  {/* Sandboxed: the mail's HTML runs no script and cannot touch this page. */}
                  <iframe title={`HTML version of “${message.subject}”`} sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={message.html} className="mt-2 h-[36rem] w-full rounded-lg border border-slate-200 bg-white dark:border-slate-800" />
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function Linkified({ text }: { text: string }) {
  return text.split(/(https?:\/\/\S+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      <a key={index} href={part} className="break-all text-brand-700 underline dark:text-brand-100">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
