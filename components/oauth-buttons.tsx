import { signInWithOAuth } from "@/lib/actions/auth-actions";
import { oauthProviders } from "@/lib/auth-providers";

/** One button per OAuth provider configured in this deployment; nothing when none is. */
export function OAuthButtons() {
  const providers = oauthProviders();
  if (providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {providers.map((provider) => (
        <form key={provider.id} action={signInWithOAuth}>
          <input type="hidden" name="provider" value={provider.id} />
          <button
            type="submit"
            className="w-full rounded-lg border border-slate-300 px-4 py-2.5 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900"
          >
            Continue with {provider.name}
          </button>
        </form>
      ))}
    </div>
  );
}
