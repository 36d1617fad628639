// Runs first in <body>: tells GOV.UK Frontend's styles that its scripts will run, as the
// design system's page template does with an inline script (inline scripts are refused by
// the register's content security policy).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
