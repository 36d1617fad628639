// The idle warning (WCAG 2.2.1) and keeping what was typed (nothing lost at a sign-out).
//
// Signed-in pages carry data-session-url and data-keep-alive-url on <body>. Before the
// session would end, the page asks the server how long is left (another tab may have kept
// it alive) and, inside the warning's lead, opens a dialog with "Stay signed in". Whatever
// is typed into a form is kept in this tab's sessionStorage until the form is sent, so a
// sign-out in between loses nothing: the same page, opened again after signing in, puts it
// back. Signing out on purpose clears it.

const body = document.body;
const statusUrl = body.dataset.sessionUrl;
const keepAliveUrl = body.dataset.keepAliveUrl;
const DRAFT = "draft:";
const DRAFT_LIFETIME_MS = 8 * 60 * 60 * 1000;

function csrfToken() {
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

const SIGNED_OUT = { seconds_left: 0 };

async function ask(url, options) {
  try {
    const response = await fetch(url, { credentials: "same-origin", ...options });
    const type = response.headers.get("content-type") || "";
    // Asked just after the limit, the server signs out and sends the sign-in page instead.
    if (response.redirected || !type.includes("json")) return SIGNED_OUT;
    return response.ok ? await response.json() : null;
  } catch {
    return null; // offline: try again at the next tick
  }
}

function toSignIn() {
  // Open this address afresh (a GET, never a re-sent form): the server, finding the session
  // over, signs out and offers signing in again, back to here.
  window.location.assign(window.location.href);
}

// --- The idle warning -------------------------------------------------------------------

const dialog = document.getElementById("idle-warning");
let timer = null;

function schedule(seconds) {
  clearTimeout(timer);
  timer = setTimeout(check, Math.max(1, seconds) * 1000);
}

async function check() {
  const status = await ask(statusUrl);
  if (!status) return schedule(30);
  if (status.seconds_left <= 0) return toSignIn();
  if (status.seconds_left > status.warn_before) {
    if (dialog.open) dialog.close();
    return schedule(status.seconds_left - status.warn_before);
  }
  const minutes = Math.ceil(status.seconds_left / 60);
  document.getElementById("idle-warning-time").textContent =
    minutes > 1 ? `${minutes} minutes` : "1 minute";
  if (!dialog.open) dialog.showModal();
  schedule(Math.min(status.seconds_left, 30));
}

async function stay() {
  const status = await ask(keepAliveUrl, {
    method: "POST",
    headers: { "X-CSRFToken": csrfToken() },
  });
  dialog.close();
  schedule(status ? status.seconds_left - status.warn_before : 30);
}

if (statusUrl && dialog) {
  document.getElementById("idle-stay").addEventListener("click", stay);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault(); // Escape means "stay", not "ignore and be signed out"
    stay();
  });
  check();
}

// --- Keeping what was typed -------------------------------------------------------------

function draftKey(form, index) {
  return `${DRAFT}${window.location.pathname}:${index}`;
}

function keptFields(form) {
  return [...form.elements].filter(
    (el) =>
      el.name &&
      !["hidden", "password", "file", "submit", "button"].includes(el.type) &&
      !el.disabled,
  );
}

function save(form, index) {
  const values = {};
  for (const el of keptFields(form)) {
    if (el.type === "checkbox" || el.type === "radio") {
      if (el.checked) (values[el.name] ||= []).push(el.value);
    } else {
      values[el.name] = [el.value];
    }
  }
  sessionStorage.setItem(draftKey(form, index), JSON.stringify({ at: Date.now(), values }));
}

function restore(form, index) {
  const raw = sessionStorage.getItem(draftKey(form, index));
  if (!raw) return false;
  const { at, values } = JSON.parse(raw);
  if (Date.now() - at > DRAFT_LIFETIME_MS) {
    sessionStorage.removeItem(draftKey(form, index));
    return false;
  }
  for (const el of keptFields(form)) {
    const kept = values[el.name];
    if (!kept) {
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
      continue;
    }
    if (el.type === "checkbox" || el.type === "radio") el.checked = kept.includes(el.value);
    else el.value = kept[0];
  }
  return true;
}

function clearDrafts() {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith(DRAFT)) sessionStorage.removeItem(key);
  }
}

const forms = [...document.querySelectorAll("form[method=post]:not([data-no-draft])")];
let restored = false;
forms.forEach((form, index) => {
  // A form the server sent back with errors already holds what was sent.
  if (!document.querySelector(".govuk-error-summary") && restore(form, index)) restored = true;
  form.addEventListener("input", () => save(form, index));
  form.addEventListener("change", () => save(form, index));
  form.addEventListener("submit", () => sessionStorage.removeItem(draftKey(form, index)));
  for (const cancel of form.querySelectorAll("a.govuk-link")) {
    cancel.addEventListener("click", () => sessionStorage.removeItem(draftKey(form, index)));
  }
});
const notice = document.getElementById("draft-restored");
if (restored && notice) notice.hidden = false;

for (const signOut of document.querySelectorAll("form.js-sign-out")) {
  signOut.addEventListener("submit", clearDrafts);
}
