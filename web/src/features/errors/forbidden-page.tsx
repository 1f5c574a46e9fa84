import { ForbiddenResult } from '../../components/forbidden-result';

/** Shown when the user's role or data scope does not cover the page. */
export function ForbiddenPage() {
  return <ForbiddenResult />;
}
