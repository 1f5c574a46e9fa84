// Values the e2e global setup hands to the specs with `provide()`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the real server under test listens, e.g. http://127.0.0.1:43123 */
    baseUrl: string;
    /** The demo accounts of the server under test, from DATA_DIR/demo-accounts.txt; label e.g. 区发改(统筹). */
    demoAccounts: { username: string; password: string; label: string }[];
  }
}

export {};
