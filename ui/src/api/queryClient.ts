// The query cache's policy for command results, in one place for the app and the tests.
import { QueryClient } from "@tanstack/react-query";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The backend is local: a failure is a typed answer, not a flaky network, and retrying
        // only delays the banner that explains it.
        retry: false,
        // A desktop window regains focus constantly; freshness comes from backend events.
        refetchOnWindowFocus: false,
      },
    },
  });
}
