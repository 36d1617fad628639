// The design system's behaviour: the error summary takes the focus after a failed submit,
// the service navigation folds into a menu on a phone, and so on.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
