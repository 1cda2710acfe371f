import type { Metadata, Viewport } from "next";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import "./globals.css";

// The favicon (app/favicon.ico, app/icon.svg), the iOS icon (app/apple-icon.png) and the manifest
// (app/manifest.ts) are Next metadata files: Next links them from every page itself.
export const metadata: Metadata = {
  title: { default: "Podbrief: your personalized podcast brief", template: "%s · Podbrief" },
  description: "We scan new podcasts and send you the top 5 insights daily, on the topics you follow.",
  applicationName: "Podbrief",
  appleWebApp: { capable: true, title: "Podbrief", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  // Native controls (checkboxes, selects, date pickers, scroll bars) follow the reader's scheme, as the `dark:` styles do.
  colorScheme: "light dark",
  // Lets the page run under a phone's notch and home indicator; the header and tab bar pad themselves with the safe-area insets.
  viewportFit: "cover",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {children}
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
