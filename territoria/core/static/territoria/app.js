// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("htmx:afterSwap", (event) => {
  // Move the focus to a swapped region that asks for it, so keyboard and screen-reader
  // users land on the new content.
  const target = event.detail.target;
  if (target && target.hasAttribute("data-focus-on-swap")) {
    target.focus();
  }
});
